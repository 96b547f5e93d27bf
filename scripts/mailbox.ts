import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import { loadConfig } from '@app/core';
import { mailboxDir } from '@app/mail';
import { runCli, StartupError } from './lib/cli';

const USAGE = `usage: npm run mailbox -- [--limit N] [--show <n|file>]

Lists the emails the platform wrote to the dev mailbox (MAIL_DIR; used when SMTP_URL is unset), newest first.
  --limit N         how many to list (default 20)
  --show <n|file>   print the text of message n of the list (1 = newest), or of an .eml file`;

export interface MailboxEntry {
  file: string;
  date: Date | undefined;
  to: string;
  subject: string;
}

export interface MailboxMessage extends MailboxEntry {
  from: string;
  text: string;
}

/** `.eml` files, newest first: their names start with the time they were written. */
async function emlFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const names = (await readdir(dir)).filter((name) => name.endsWith('.eml') && !name.startsWith('.'));
  return names
    .sort()
    .reverse()
    .map((name) => join(dir, name));
}

const addresses = (field: AddressObject | AddressObject[] | undefined): string =>
  [field ?? []]
    .flat()
    .map((a) => a.text)
    .join(', ');

async function parse(file: string): Promise<MailboxMessage> {
  const mail = await simpleParser(await readFile(file));
  return {
    file,
    date: mail.date,
    to: addresses(mail.to),
    from: addresses(mail.from),
    subject: mail.subject ?? '(no subject)',
    text: mail.text ?? '(no text part)',
  };
}

/** The newest `limit` messages, and how many the mailbox holds. Only those listed are read. */
export async function listMailbox(dir: string, limit: number): Promise<{ entries: MailboxEntry[]; total: number }> {
  const files = await emlFiles(dir);
  const entries = await Promise.all(files.slice(0, limit).map(parse));
  return { entries: entries.map(({ file, date, to, subject }) => ({ file, date, to, subject })), total: files.length };
}

/** `selector`: a list number (1 = newest), a file name in the mailbox, or a path. */
export async function readMailboxMessage(dir: string, selector: string): Promise<MailboxMessage> {
  let file: string | undefined;
  if (/^\d+$/.test(selector)) {
    file = (await emlFiles(dir))[Number(selector) - 1];
    if (!file) throw new StartupError(`The mailbox has no message number ${selector}. List them with: npm run mailbox`);
  } else {
    file = [isAbsolute(selector) ? selector : resolve(selector), join(dir, basename(selector))].find((f) =>
      existsSync(f),
    );
    if (!file) throw new StartupError(`No such message file: ${selector}`);
  }
  return parse(file);
}

const formatDate = (date: Date | undefined): string =>
  date ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'no date';

export function formatListing(dir: string, entries: MailboxEntry[], total: number): string {
  if (total === 0) {
    return `The dev mailbox ${dir} is empty. Emails land here as .eml files while SMTP_URL is unset.`;
  }
  const lines = [`Dev mailbox ${dir}: ${entries.length} newest of ${total}`, ''];
  entries.forEach((entry, i) => {
    lines.push(`${String(i + 1).padStart(3)}  ${formatDate(entry.date)}  ${entry.to}  ${entry.subject}`);
    lines.push(`     ${entry.file}`);
  });
  lines.push('', 'Read one with: npm run mailbox -- --show <number>');
  return lines.join('\n');
}

export function formatMessage(message: MailboxMessage): string {
  return [
    `File:    ${message.file}`,
    `Date:    ${formatDate(message.date)}`,
    `From:    ${message.from}`,
    `To:      ${message.to}`,
    `Subject: ${message.subject}`,
    '',
    message.text.trimEnd(),
  ].join('\n');
}

export async function main(args: string[], env: Record<string, string | undefined> = process.env): Promise<number> {
  let limit = 20;
  let show: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = args[i + 1];
    if (arg === '--limit' && value && /^[1-9]\d*$/.test(value)) {
      limit = Number(value);
      i++;
    } else if (arg === '--show' && value) {
      show = value;
      i++;
    } else {
      console.error(arg === '--help' || arg === '-h' ? USAGE : `Unknown or incomplete option ${arg}\n\n${USAGE}`);
      return arg === '--help' || arg === '-h' ? 0 : 2;
    }
  }

  const config = loadConfig(env);
  const dir = mailboxDir(config);
  if (config.SMTP_URL) console.error('Note: SMTP_URL is set, so new emails go to that server, not to this mailbox.\n');
  if (show) {
    console.log(formatMessage(await readMailboxMessage(dir, show)));
  } else {
    const { entries, total } = await listMailbox(dir, limit);
    console.log(formatListing(dir, entries, total));
  }
  return 0;
}

if (require.main === module) runCli(() => main(process.argv.slice(2)));
