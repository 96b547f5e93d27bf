import { NotificationKind } from '../schedule/notification-kind';
import type { ScheduleEntry } from '../schedule/notification-schedule';
import { meetingReminderKey } from './reminder-keys';

/**
 * Reminders are planned for meetings starting within this many days; later meetings are planned by the hourly
 * sweep (`MeetingReminderPlanner.planEnteringHorizon`) as they come within it. It bounds the rows a weekly
 * schedule of a large group creates, and every offset (at most a week) fits well inside it.
 */
export const MEETING_REMINDER_HORIZON_DAYS = 30;

export interface UpcomingMeeting {
  id: string;
  groupId: string;
  startsAt: Date;
  scheduled: boolean;
  /** The group's lead times, in minutes. */
  offsetsMinutes: readonly number[];
}

/** An active member of a group who wants reminders (and can receive email). */
export interface RemindedMember {
  groupId: string;
  userId: string;
}

/** What a meeting reminder row carries to its composer. */
export interface MeetingReminderPayload {
  meetingId: string;
  groupId: string;
  offsetMinutes: number;
  /** ISO instant the reminder was planned for: the composer skips it if the meeting has moved since. */
  startsAt: string;
}

export interface MeetingReminderPlan {
  /** New rows to plan: due after `now` and the meeting within the horizon. */
  entries: ScheduleEntry[];
  /**
   * Every key that is still right, whether or not it is planned now: a row whose due time has just passed but
   * that the releaser has not released yet must not be cancelled.
   */
  keep: string[];
}

/**
 * The meeting reminders that should exist now: each scheduled meeting not yet begun × each of its group's active
 * members with reminders on × each of the group's offsets. Pure: the same state gives the same plan, so handling
 * an event twice, or out of order, changes nothing.
 */
export function planMeetingReminders(
  meetings: readonly UpcomingMeeting[],
  members: readonly RemindedMember[],
  now: Date,
  horizonEnd: Date,
): MeetingReminderPlan {
  const membersOf = new Map<string, string[]>();
  for (const m of members) membersOf.set(m.groupId, [...(membersOf.get(m.groupId) ?? []), m.userId]);
  const entries: ScheduleEntry[] = [];
  const keep: string[] = [];
  for (const meeting of meetings) {
    if (!meeting.scheduled || meeting.startsAt <= now) continue;
    const offsets = [...new Set(meeting.offsetsMinutes)];
    for (const userId of membersOf.get(meeting.groupId) ?? []) {
      for (const offsetMinutes of offsets) {
        const key = meetingReminderKey(meeting.id, meeting.startsAt, userId, offsetMinutes);
        keep.push(key);
        const dueAt = new Date(meeting.startsAt.getTime() - offsetMinutes * 60_000);
        if (dueAt <= now || meeting.startsAt > horizonEnd) continue;
        const payload: MeetingReminderPayload = {
          meetingId: meeting.id,
          groupId: meeting.groupId,
          offsetMinutes,
          startsAt: meeting.startsAt.toISOString(),
        };
        entries.push({
          dedupeKey: key,
          kind: NotificationKind.MeetingReminder,
          userId,
          subjectId: meeting.id,
          dueAt,
          payload: { ...payload },
        });
      }
    }
  }
  return { entries, keep };
}

/** The end of the planning horizon. Days of 24 h here: a bound, not a local date. */
export const meetingHorizonEnd = (now: Date): Date =>
  new Date(now.getTime() + MEETING_REMINDER_HORIZON_DAYS * 24 * 3600_000);
