import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type SendMailOptions, type Transporter } from 'nodemailer';
import SMTPPool from 'nodemailer/lib/smtp-pool';
import { AppConfig, Clock, repoRoot } from '@app/core';
import { toMailDeliveryError } from './mail-delivery-error';

export interface OutgoingEmail {
  from: { name: string; address: string };
  to: string;
  subject: string;
  html: string;
  text: string;
  /** The Message-ID header, angle brackets included. */
  messageId: string;
  headers?: Record<string, string>;
  attachments?: { filename: string; content: string; contentType: string }[];
}

export interface SendResult {
  messageId: string;
  /** The server's answer (`250 2.0.0 OK ...`), or where the dev mailbox saved the file. */
  response: string;
}

/**
 * Body parts that are not plain 7-bit ASCII go out as base64, not quoted-printable: nodemailer's quoted-printable
 * encoder (and its per-character choice between the two) is JavaScript and cost a third of a digest's sending CPU;
 * base64 is native. The parts say `charset=utf-8`: SpamAssassin's MIME_BASE64_TEXT scores base64 text only in
 * other (or no) charsets.
 */
const TEXT_ENCODING = 'base64';

/** The message as nodemailer builds it (the digests benchmark's ceiling sends exactly this too). */
export function sendMailOptions(message: OutgoingEmail): SendMailOptions {
  return {
    from: message.from,
    to: message.to,
    subject: message.subject,
    html: message.html,
    text: message.text,
    messageId: message.messageId,
    headers: message.headers,
    attachments: message.attachments,
    textEncoding: TEXT_ENCODING,
  };
}

/** Bounds on one SMTP exchange: the dispatcher's lease on a ledger row must outlast a send. */
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/** The dev mailbox folder: MAIL_DIR, relative paths taken from the repository root so every process agrees. */
export const mailboxDir = (config: AppConfig): string =>
  isAbsolute(config.MAIL_DIR) ? config.MAIL_DIR : resolve(repoRoot(), config.MAIL_DIR);

/**
 * Hands messages to the mail provider. With SMTP_URL: a pool of SMTP_POOL_SIZE connections, rate limited to
 * MAIL_RATE_PER_SECOND per process. Without: the dev mailbox, one `.eml` file per message in MAIL_DIR, so a
 * newcomer sees every email the platform sends without any mail server. Throws `MailDeliveryError`.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly logger = new Logger(MailTransport.name);
  private transporter?: Transporter;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  get mode(): 'smtp' | 'mailbox' {
    return this.config.SMTP_URL ? 'smtp' : 'mailbox';
  }

  async send(message: OutgoingEmail): Promise<SendResult> {
    try {
      const info = (await this.transport().sendMail(sendMailOptions(message))) as {
        messageId: string;
        response?: unknown;
        message?: unknown;
      };
      if (this.mode === 'smtp') return { messageId: info.messageId, response: String(info.response) };
      const file = await this.saveToMailbox(info.messageId, info.message as Buffer);
      return { messageId: info.messageId, response: `saved to the dev mailbox: ${file}` };
    } catch (error) {
      throw toMailDeliveryError(error);
    }
  }

  onApplicationShutdown(): void {
    // Closes the pool's idle connections; sends in flight were awaited by the worker's shutdown.
    this.transporter?.close();
    this.transporter = undefined;
  }

  /** Created on first use: the API process imports this module but never sends. */
  private transport(): Transporter {
    if (!this.transporter) {
      this.transporter = this.config.SMTP_URL
        ? createTransport(
            new SMTPPool({
              url: this.config.SMTP_URL,
              pool: true,
              maxConnections: this.config.SMTP_POOL_SIZE,
              rateDelta: 1000,
              rateLimit: this.config.MAIL_RATE_PER_SECOND,
              ...SMTP_TIMEOUTS,
            }),
          )
        : createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
      this.logger.log({ mode: this.mode }, 'mail transport ready');
    }
    return this.transporter;
  }

  /** Write-to-temp-then-rename: a reader (`npm run mailbox`) never sees half a message. */
  private async saveToMailbox(messageId: string, raw: Buffer): Promise<string> {
    const dir = mailboxDir(this.config);
    await mkdir(dir, { recursive: true });
    // ISO time sorts as text; the Message-ID part tells copies of one email apart from other emails.
    const stamp = this.clock.now().toISOString().replace(/:/g, '-');
    const id = messageId
      .replace(/^<|>$/g, '')
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .slice(0, 100);
    const temp = join(dir, `.tmp-${randomBytes(6).toString('hex')}`);
    await writeFile(temp, raw);
    let file = join(dir, `${stamp}_${id}.eml`);
    for (let copy = 2; existsSync(file); copy++) file = join(dir, `${stamp}_${id}-${copy}.eml`);
    try {
      await rename(temp, file);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    return file;
  }
}
