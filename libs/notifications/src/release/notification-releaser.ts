import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '@app/core';
import { EmailLedger, type EmailRequest } from '@app/mail';
import { digestKey, inKeyOrder, nextDigest, type DigestPreference } from '../digests/planning/next-digest';
import { nextAllowedInstant } from '../quiet-hours/quiet-hours';
import { NotificationKind, NotificationMailKind } from '../schedule/notification-kind';
import { NotificationSchedule, type ScheduleEntry } from '../schedule/notification-schedule';

export const RELEASE_BATCH = 500;
const MAX_BATCHES_PER_RUN = 20;

const MAIL_OF_KIND: { readonly [K in NotificationKind]: NotificationMailKind } = {
  [NotificationKind.Digest]: NotificationMailKind.Digest,
  [NotificationKind.MeetingReminder]: NotificationMailKind.MeetingReminder,
  [NotificationKind.ModuleDueReminder]: NotificationMailKind.ModuleDueReminder,
};

interface DueRow {
  id: string;
  dedupe_key: string;
  kind: NotificationKind;
  user_id: string;
  payload: Record<string, unknown>;
  due_at: Date;
  email: string | null;
  deleted: boolean;
  locale: string;
  time_zone: string;
  quiet_start_minute: number | null;
  quiet_end_minute: number | null;
  /** Null when the person's preferences are gone (an erased account). */
  digest: DigestPreference['digest'] | null;
  digestHour: number;
  digestWeekday: number;
}

/**
 * Turns schedule rows whose time has come into email ledger rows with the same dedupe key, in one transaction
 * per batch: a crash between the two leaves both undone, and the unique key makes a second copy impossible even
 * if two workers raced. Releasing a digest plans the person's next one in the same commit, so each local day gets
 * exactly one. Quiet hours move a non-urgent row's first send attempt to when they end.
 */
@Injectable()
export class NotificationReleaser {
  private readonly logger = new Logger(NotificationReleaser.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly ledger: EmailLedger,
    private readonly schedule: NotificationSchedule,
  ) {}

  /** Releases batches while full ones come back (bounded, so one run never holds the queue for long). */
  async releaseDue(limit = RELEASE_BATCH): Promise<{ released: number; batches: number }> {
    let released = 0;
    let batches = 0;
    while (batches < MAX_BATCHES_PER_RUN) {
      const count = await this.releaseBatch(limit);
      batches++;
      released += count;
      if (count < limit) break;
    }
    return { released, batches };
  }

  async releaseBatch(limit = RELEASE_BATCH): Promise<number> {
    const now = this.clock.now();
    let deliveryIds: string[] = [];
    const count = await this.dataSource.transaction(async (manager) => {
      const rows = await this.claimDue(manager, now, limit);
      if (rows.length === 0) return 0;
      const [reachable, gone] = partition(rows, stillWanted);
      if (gone.length > 0) {
        await manager.query(`UPDATE scheduled_notifications SET status = 'cancelled' WHERE id = ANY($1::uuid[])`, [
          gone.map((r) => r.id),
        ]);
      }
      deliveryIds = await this.ledger.requestMany(manager, reachable.map(toEmail));
      await manager.query(
        `UPDATE scheduled_notifications s
            SET status = 'released', released_at = $2, delivery_id = d.id
           FROM email_deliveries d
          WHERE s.id = ANY($1::uuid[]) AND d.dedupe_key = s.dedupe_key`,
        [reachable.map((r) => r.id), now],
      );
      // In key order, like every planner: two releasers planning the same next digest then wait for each other in
      // one order instead of deadlocking (each one's rows interleave people by due instant).
      await this.schedule.plan(manager, inKeyOrder(reachable.flatMap(followingDigest)));
      return rows.length;
    });
    if (deliveryIds.length > 0) await this.ledger.enqueue(deliveryIds);
    if (count > 0) this.logger.log({ released: count }, 'due notifications released');
    return count;
  }

  private claimDue(manager: EntityManager, now: Date, limit: number): Promise<DueRow[]> {
    return manager.query<DueRow[]>(
      `SELECT s.id, s.dedupe_key, s.kind, s.user_id, s.payload, s.due_at,
              u.email, u.deleted_at IS NOT NULL AS deleted, u.locale, u.time_zone,
              p.digest, p.digest_hour AS "digestHour", p.digest_weekday AS "digestWeekday",
              p.quiet_start_minute, p.quiet_end_minute
         FROM scheduled_notifications s
         JOIN users u ON u.id = s.user_id
         LEFT JOIN notification_preferences p ON p.user_id = s.user_id
        WHERE s.status = 'pending' AND s.due_at <= $1
        ORDER BY s.due_at
        LIMIT $2
          FOR UPDATE OF s SKIP LOCKED
          -- Held until commit: the digest planner (relay) waits for it before replacing this person's next digest,
          -- and a person it is re-planning right now is skipped until the next tick.
          FOR SHARE OF u SKIP LOCKED`,
      [now, limit],
    );
  }
}

/**
 * Whether the row should still become an email: the person still has an address, and for a digest still wants
 * digests (a change the relay has not caught up with yet must not send one last digest).
 */
function stillWanted(row: DueRow): boolean {
  if (row.email === null || row.deleted) return false;
  return row.kind !== NotificationKind.Digest || (row.digest !== null && row.digest !== 'off');
}

/** Mail that goes at once, quiet hours or not. */
const URGENT_MAIL: ReadonlySet<NotificationMailKind> = new Set([NotificationMailKind.MeetingChanged]);

function toEmail(row: DueRow): EmailRequest {
  const kind = MAIL_OF_KIND[row.kind];
  const quiet =
    row.quiet_start_minute === null || row.quiet_end_minute === null
      ? null
      : { startMinute: row.quiet_start_minute, endMinute: row.quiet_end_minute };
  return {
    kind,
    dedupeKey: row.dedupe_key,
    userId: row.user_id,
    to: row.email!,
    locale: row.locale,
    payload: { ...row.payload, scheduledId: row.id, dueAt: row.due_at.toISOString() },
    notBefore: URGENT_MAIL.has(kind) ? row.due_at : nextAllowedInstant(row.due_at, row.time_zone, quiet),
  };
}

/** A released digest's successor: the next local day (or week) at the chosen hour, covering news from now on. */
function followingDigest(row: DueRow): ScheduleEntry[] {
  if (row.kind !== NotificationKind.Digest) return [];
  if (row.digest === null) return [];
  const next = nextDigest({ ...row, digest: row.digest }, row.time_zone, row.due_at);
  if (!next) return [];
  return [
    {
      dedupeKey: digestKey(row.user_id, next),
      kind: NotificationKind.Digest,
      userId: row.user_id,
      dueAt: next.dueAt,
      payload: { frequency: next.frequency, localDate: next.localDate, since: row.due_at.toISOString() },
    },
  ];
}

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}
