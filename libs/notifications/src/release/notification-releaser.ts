import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig, Clock } from '@app/core';
import { BadgeDelivery, ReviewActivityDelivery } from '@app/identity';
import { EmailLedger, type EmailRequest, type RequestedEmail } from '@app/mail';
import { digestKey, inKeyOrder, nextDigest, type DigestPreference } from '../digests/planning/next-digest';
import { meetingReminderTiming } from '../quiet-hours/meeting-reminder-timing';
import { nextAllowedInstant, quietHoursOf } from '../quiet-hours/quiet-hours';
import { meetingReminderKey } from '../reminders/reminder-keys';
import { ReminderScopeRepository } from '../reminders/reminder-scope.repository';
import { DIGESTED_REVIEW_KINDS } from '../peer-review/peer-review-delivery';
import { NotificationKind, NotificationMailKind } from '../schedule/notification-kind';
import { NotificationSchedule, type ScheduleEntry } from '../schedule/notification-schedule';

export const RELEASE_BATCH = 500;
const MAX_BATCHES_PER_RUN = 20;

const MAIL_OF_KIND: { readonly [K in NotificationKind]: NotificationMailKind } = {
  [NotificationKind.Digest]: NotificationMailKind.Digest,
  [NotificationKind.MeetingReminder]: NotificationMailKind.MeetingReminder,
  [NotificationKind.ModuleDueReminder]: NotificationMailKind.ModuleDueReminder,
  [NotificationKind.ReviewAssigned]: NotificationMailKind.ReviewAssigned,
  [NotificationKind.ReviewLeaseExpiring]: NotificationMailKind.ReviewLeaseExpiring,
  [NotificationKind.ReviewsDue]: NotificationMailKind.ReviewsDue,
  [NotificationKind.ReviewReceived]: NotificationMailKind.ReviewReceived,
  [NotificationKind.ScoreReleased]: NotificationMailKind.ScoreReleased,
  [NotificationKind.ReviewsShortOfK]: NotificationMailKind.ReviewsShortOfK,
  [NotificationKind.BadgeAwarded]: NotificationMailKind.BadgeAwarded,
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
  /** How review activity reaches them (null: no preferences row, the default, emailed). */
  review_activity_delivery: ReviewActivityDelivery | null;
  /** How "you earned a badge" reaches them (null: no preferences row, the default, emailed). */
  badge_delivery: BadgeDelivery | null;
  /** A meeting reminder's group's lead times as they are now (null for other kinds, or a meeting gone). */
  group_offsets: number[] | null;
}

/**
 * Turns schedule rows whose time has come (a digest's: DIGEST_RELEASE_AHEAD_SECONDS before it, so the burst at the
 * top of an hour is released before the hour) into email ledger rows with the same dedupe key, in one transaction
 * per batch: a crash between the two leaves both undone, and the unique key makes a second copy impossible even
 * if two workers raced. Releasing a digest plans the person's next one in the same commit, so each local day gets
 * exactly one. Quiet hours move a non-urgent row's first send attempt to when they end; a meeting reminder's by
 * `meetingReminderTiming` (held, sent the evening before, or urgent; dropped when a longer one goes with it).
 */
@Injectable()
export class NotificationReleaser {
  private readonly logger = new Logger(NotificationReleaser.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly ledger: EmailLedger,
    private readonly schedule: NotificationSchedule,
    private readonly reminders: ReminderScopeRepository,
    private readonly config: AppConfig,
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
    const digestsBy = new Date(now.getTime() + this.config.DIGEST_RELEASE_AHEAD_SECONDS * 1000);
    let requested: RequestedEmail[] = [];
    const count = await this.dataSource.transaction(async (manager) => {
      const rows = await this.claimDue(manager, now, digestsBy, limit);
      if (rows.length === 0) return 0;
      const siblings = await this.existingSiblings(manager, rows);
      // Review activity of those who read it in their digest: set aside for it (released, no email), or dropped
      // while their digest is off.
      const [forDigest, toMail] = partition(rows, (row): row is DueRow => stillWanted(row) && readInDigest(row));
      const [digested, undigestable] = partition(forDigest, (row): row is DueRow => hasDigest(row));
      if (digested.length > 0) {
        await manager.query(
          `UPDATE scheduled_notifications SET status = 'released', released_at = $2 WHERE id = ANY($1::uuid[])`,
          [digested.map((row) => row.id), now],
        );
      }
      const [reachable, gone] = partition(
        [
          ...toMail.map((row) => ({
            row,
            sendAt: stillWanted(row) ? sendInstant(row, siblings.get(row.id) ?? []) : null,
          })),
          ...undigestable.map((row) => ({ row, sendAt: null })),
        ],
        (decided): decided is { row: DueRow; sendAt: Date } => decided.sendAt !== null,
      );
      if (gone.length > 0) {
        await manager.query(`UPDATE scheduled_notifications SET status = 'cancelled' WHERE id = ANY($1::uuid[])`, [
          gone.map((d) => d.row.id),
        ]);
      }
      requested = await this.ledger.requestMany(manager, reachable.map(toEmail));
      await manager.query(
        `UPDATE scheduled_notifications s
            SET status = 'released', released_at = $2, delivery_id = d.id
           FROM mail_deliveries d
          WHERE s.id = ANY($1::uuid[]) AND d.dedupe_key = s.dedupe_key`,
        [reachable.map((d) => d.row.id), now],
      );
      // In key order, like every planner: two releasers planning the same next digest then wait for each other in
      // one order instead of deadlocking (each one's rows interleave people by due instant).
      await this.schedule.plan(manager, inKeyOrder(reachable.flatMap((d) => followingDigest(d.row))));
      return rows.length;
    });
    // A digest released ahead waits in Redis for its instant (and a row in quiet hours for their end).
    if (requested.length > 0) await this.ledger.enqueue(requested);
    if (count > 0) this.logger.log({ released: count }, 'due notifications released');
    return count;
  }

  /**
   * For each meeting reminder of someone with quiet hours, the lead times of their other reminders of the meeting
   * that exist (pending, this batch included, or released): those that may cover it. One query per batch.
   */
  private async existingSiblings(manager: EntityManager, rows: readonly DueRow[]): Promise<Map<string, number[]>> {
    const candidates = rows.flatMap((row) => {
      const reminder = meetingReminderOf(row);
      if (!reminder || row.quiet_start_minute === null) return [];
      return (row.group_offsets ?? [])
        .filter((offset) => offset !== reminder.offsetMinutes)
        .map((offset) => ({
          rowId: row.id,
          offset,
          key: meetingReminderKey(reminder.meetingId, reminder.startsAt, row.user_id, offset),
        }));
    });
    const existing = await this.reminders.existingKeys(
      manager,
      candidates.map((c) => c.key),
    );
    const siblings = new Map<string, number[]>();
    for (const c of candidates) {
      if (existing.has(c.key)) siblings.set(c.rowId, [...(siblings.get(c.rowId) ?? []), c.offset]);
    }
    return siblings;
  }

  /**
   * Locks up to `limit` rows due by now (digests: by `digestsBy`, released ahead), oldest first, then reads what
   * releasing them needs. The rows are picked on their own (in the order of the partial due index, stopping at
   * `limit`) before any join: joining first would join and sort every due row of a large burst to keep 500 of them.
   * Reminders stay until their instant: a moved or cancelled meeting re-keys or cancels those still pending.
   */
  private claimDue(manager: EntityManager, now: Date, digestsBy: Date, limit: number): Promise<DueRow[]> {
    return manager.query<DueRow[]>(
      `WITH due AS (
         SELECT id FROM scheduled_notifications
          WHERE status = 'pending' AND due_at <= $3::timestamptz
            AND (due_at <= $1::timestamptz OR kind = '${NotificationKind.Digest}')
          ORDER BY due_at
          LIMIT $2
            FOR UPDATE SKIP LOCKED)
       SELECT s.id, s.dedupe_key, s.kind, s.user_id, s.payload, s.due_at,
              u.email, u.deleted_at IS NOT NULL AS deleted, u.locale, u.time_zone,
              p.digest, p.digest_hour AS "digestHour", p.digest_weekday AS "digestWeekday",
              p.quiet_start_minute, p.quiet_end_minute, g.reminder_offsets_minutes AS group_offsets,
              p.review_activity_delivery, p.badge_delivery
         FROM due
         JOIN scheduled_notifications s ON s.id = due.id
         JOIN identity_people u ON u.id = s.user_id
         LEFT JOIN identity_notification_settings p ON p.user_id = s.user_id
         LEFT JOIN group_meetings m ON s.kind = 'meeting-reminder' AND m.meeting_id = s.subject_id
         LEFT JOIN group_summaries g ON g.group_id = m.group_id
        ORDER BY s.due_at
          -- Held until commit: the digest planner (relay) waits for it before replacing this person's next digest,
          -- and a person it is re-planning right now is skipped until the next tick (their row stays pending).
          FOR SHARE OF u SKIP LOCKED`,
      [now, limit, digestsBy],
    );
  }
}

/**
 * A peer-review row for someone who reads review activity in their digest (lease warnings are always emailed), or a
 * badge earned by someone who reads those in their digest.
 */
function readInDigest(row: DueRow): boolean {
  if (row.kind === NotificationKind.BadgeAwarded) return row.badge_delivery === BadgeDelivery.Digest;
  return DIGESTED_REVIEW_KINDS.has(row.kind) && row.review_activity_delivery === ReviewActivityDelivery.Digest;
}

function hasDigest(row: DueRow): boolean {
  return row.digest !== null && row.digest !== 'off';
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

/** A meeting reminder row's occurrence and lead time, from its payload (null for other kinds). */
function meetingReminderOf(row: DueRow): { meetingId: string; startsAt: Date; offsetMinutes: number } | null {
  const { meetingId, startsAt, offsetMinutes } = row.payload;
  if (row.kind !== NotificationKind.MeetingReminder) return null;
  if (typeof meetingId !== 'string' || typeof startsAt !== 'string' || typeof offsetMinutes !== 'number') return null;
  return { meetingId, startsAt: new Date(startsAt), offsetMinutes };
}

/**
 * When the row's email may first go, by the person's quiet hours as they are now; null when it is not to go at all
 * (a meeting reminder covered by an existing longer one, `siblingOffsets`). A meeting reminder is timed from its
 * lead time before the meeting, not from `due_at`: the planner may have released it early for the evening before.
 */
function sendInstant(row: DueRow, siblingOffsets: readonly number[]): Date | null {
  if (URGENT_MAIL.has(MAIL_OF_KIND[row.kind])) return row.due_at;
  const quiet = quietHoursOf(row.quiet_start_minute, row.quiet_end_minute);
  const reminder = meetingReminderOf(row);
  if (!reminder) return nextAllowedInstant(row.due_at, row.time_zone, quiet);
  return meetingReminderTiming({ ...reminder, siblingOffsetsMinutes: siblingOffsets }, row.time_zone, quiet).at;
}

function toEmail({ row, sendAt }: { row: DueRow; sendAt: Date }): EmailRequest {
  return {
    kind: MAIL_OF_KIND[row.kind],
    dedupeKey: row.dedupe_key,
    userId: row.user_id,
    to: row.email!,
    locale: row.locale,
    payload: { ...row.payload, scheduledId: row.id, dueAt: row.due_at.toISOString() },
    notBefore: sendAt,
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

function partition<T, S extends T>(items: T[], test: (item: T) => item is S): [S[], T[]] {
  const yes: S[] = [];
  const no: T[] = [];
  for (const item of items) {
    if (test(item)) yes.push(item);
    else no.push(item);
  }
  return [yes, no];
}
