import { isQuiet, lastAllowedBefore, nextAllowedInstant, type QuietHours } from './quiet-hours';

const MINUTE_MS = 60_000;

/** A held reminder must still leave this much notice before the meeting (half its lead time, if that is less). */
export const MIN_NOTICE_MINUTES = 15;
/** Sent earlier than this before its own due instant, a reminder is no longer the one the group asked for. */
export const MAX_EARLY_MINUTES = 12 * 60;

export interface MeetingReminderTimingInput {
  startsAt: Date;
  offsetMinutes: number;
  /**
   * Lead times of the person's other reminders of this meeting that exist (planned, or already released): only
   * those can cover this one. A longer one whose time had passed when the meeting was planned never existed.
   */
  siblingOffsetsMinutes: readonly number[];
}

/**
 * - `on-time`: due outside quiet hours, sent when due.
 * - `held`: due inside quiet hours, held until they end.
 * - `early`: held would come too late, so sent at the last minute before the quiet hours began.
 * - `urgent`: neither works, so sent when due, inside quiet hours.
 * - `covered`: a longer reminder of the same meeting goes at the same instant or later; this one adds nothing.
 */
export type MeetingReminderTiming =
  { rule: 'on-time' | 'held' | 'early' | 'urgent'; at: Date } | { rule: 'covered'; at: null };

/**
 * When a meeting reminder goes, given the reader's quiet hours. The rule, for a reminder due inside them:
 * 1. held until the quiet hours end, if that still leaves 15 min (half its lead time, if less) before the meeting;
 * 2. else sent at the last minute before those quiet hours began (the evening before a 06:30 meeting), if that is
 *    at most 12 h before it was due;
 * 3. else sent when due: a meeting the person chose to attend deep inside their quiet hours makes it urgent.
 * Then a reminder is dropped (`covered`) when a longer reminder of the same meeting (one that exists) goes at the
 * same instant or later: two emails at once would say the same, and a later one supersedes it.
 * Never after the meeting starts; never inside quiet hours unless `urgent`. Pure: the planner uses it to choose the
 * release instant, and the releaser again at release with the person's settings as they are then.
 */
export function meetingReminderTiming(
  reminder: MeetingReminderTimingInput,
  zone: string,
  quiet: QuietHours | null,
): MeetingReminderTiming {
  const own = placement(reminder.startsAt, reminder.offsetMinutes, zone, quiet);
  const covered = reminder.siblingOffsetsMinutes.some(
    (longer) =>
      longer > reminder.offsetMinutes &&
      placement(reminder.startsAt, longer, zone, quiet).at.getTime() >= own.at.getTime(),
  );
  return covered ? { rule: 'covered', at: null } : own;
}

/** Where one reminder lands by rules 1-3, regardless of the meeting's other reminders. */
function placement(
  startsAt: Date,
  offsetMinutes: number,
  zone: string,
  quiet: QuietHours | null,
): { rule: 'on-time' | 'held' | 'early' | 'urgent'; at: Date } {
  const due = new Date(startsAt.getTime() - offsetMinutes * MINUTE_MS);
  if (!isQuiet(due, zone, quiet)) return { rule: 'on-time', at: due };
  const latest = startsAt.getTime() - minNoticeMinutes(offsetMinutes) * MINUTE_MS;
  const held = nextAllowedInstant(due, zone, quiet);
  // The check against quiet hours: a DST gap swallowing their end time can resolve into the next quiet night.
  if (held.getTime() <= latest && !isQuiet(held, zone, quiet)) return { rule: 'held', at: held };
  const early = lastAllowedBefore(due, zone, quiet);
  if (early && early.getTime() >= due.getTime() - MAX_EARLY_MINUTES * MINUTE_MS) return { rule: 'early', at: early };
  return { rule: 'urgent', at: due };
}

export const minNoticeMinutes = (offsetMinutes: number): number => Math.min(offsetMinutes / 2, MIN_NOTICE_MINUTES);
