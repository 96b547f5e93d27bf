import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { databaseOptions, loadConfig, localParts } from '@app/core';
import {
  NotificationHistoryRepository,
  type DeliveryEntry,
  type HistoryUser,
  type ScheduledEntry,
} from '@app/notifications';
import { runCli } from './lib/cli';

const USAGE = `usage: npm run notifications -- --user <email or id> [--limit N]

Shows one person's notifications: the schedule (pending first, then released or cancelled) and the emails of
the ledger (newest first), with due times in UTC and in the person's own time zone.
  --user <email|id>   the person (an erased account is found by its id only)
  --limit N           rows per list (default 50, at most 1000)`;

const MAX_LIMIT = 1000;

/** `2026-03-02 12:00 UTC`. */
const utc = (instant: Date | null): string =>
  instant ? `${instant.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '-';

/** `2026-03-02 08:00 -04:00`: the wall-clock time the person saw. */
function local(instant: Date, zone: string): string {
  const parts = localParts(instant, zone);
  return `${parts.date} ${parts.time} ${parts.offset}`;
}

const oneLine = (text: string, max = 160): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

const more = (shown: number, limit: number): string[] =>
  shown === limit ? [`  (the first ${limit}; raise --limit to see more)`] : [];

export function formatScheduled(user: HistoryUser, rows: ScheduledEntry[], limit: number): string[] {
  const title = `Scheduled notifications (${rows.length}):`;
  if (rows.length === 0) return [title, '  none'];
  const lines = table(
    ['STATUS', 'KIND', 'DUE (UTC)', `DUE (${user.timeZone})`, 'RELEASED (UTC)', 'KEY'],
    rows.map((r) => [r.status, r.kind, utc(r.dueAt), local(r.dueAt, user.timeZone), utc(r.releasedAt), r.dedupeKey]),
  );
  return [title, ...lines.map((l) => `  ${l}`), ...more(rows.length, limit)];
}

export function formatDeliveries(rows: DeliveryEntry[], limit: number): string[] {
  const title = `Emails (${rows.length}, newest first):`;
  if (rows.length === 0) return [title, '  none'];
  const lines = [title];
  for (const r of rows) {
    const when = r.sentAt ? `sent ${utc(r.sentAt)}` : `created ${utc(r.createdAt)}`;
    const retry = r.status === 'pending' || r.status === 'sending' ? `, next attempt ${utc(r.nextAttemptAt)}` : '';
    lines.push(`  ${r.status.padEnd(8)} ${r.kind}  attempts ${r.attempts}  ${when}${retry}`);
    lines.push(`           subject:  ${r.subject ? oneLine(r.subject) : '(not composed yet)'}`);
    lines.push(`           to:       ${r.toAddress ?? '-'}`);
    if (r.lastResponse) lines.push(`           response: ${oneLine(r.lastResponse)}`);
    lines.push(`           key:      ${r.dedupeKey}`);
  }
  return [...lines, ...more(rows.length, limit)];
}

export async function main(args: string[], env: Record<string, string | undefined> = process.env): Promise<number> {
  let who: string | undefined;
  let limit = 50;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = args[i + 1];
    if (arg === '--user' && value && !value.startsWith('--')) {
      who = value.trim();
      i++;
    } else if (arg === '--limit' && value && /^[1-9]\d*$/.test(value) && Number(value) <= MAX_LIMIT) {
      limit = Number(value);
      i++;
    } else {
      const help = arg === '--help' || arg === '-h';
      console.error(help ? USAGE : `Unknown or incomplete option ${arg}\n\n${USAGE}`);
      return help ? 0 : 2;
    }
  }
  if (!who) {
    console.error(USAGE);
    return 2;
  }

  const dataSource = new DataSource(databaseOptions(loadConfig(env)));
  await dataSource.initialize();
  try {
    const history = new NotificationHistoryRepository(dataSource.manager);
    const user = await history.findUser(who);
    if (!user) {
      console.error(`No account has the email or id ${who}.`);
      return 1;
    }
    const [scheduled, deliveries] = await Promise.all([
      history.scheduled(user.id, limit),
      history.deliveries(user.id, limit),
    ]);
    console.log(
      [
        `User ${user.id}${user.deleted ? ' (account erased)' : ''}, time zone ${user.timeZone}, locale ${user.locale}`,
        '',
        ...formatScheduled(user, scheduled, limit),
        '',
        ...formatDeliveries(deliveries, limit),
      ].join('\n'),
    );
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) runCli(() => main(process.argv.slice(2)));
