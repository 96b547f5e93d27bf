import { meetingReminderTiming } from '../quiet-hours/meeting-reminder-timing';
import type { QuietHours } from '../quiet-hours/quiet-hours';
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

/** An active member of a group who wants reminders (and can receive email), with what decides when they get them. */
export interface RemindedMember {
  groupId: string;
  userId: string;
  timeZone: string;
  quiet: QuietHours | null;
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
  /**
   * Rows to plan: due after `now` and the meeting within the horizon. Due when the reminder is to be released:
   * its lead time before the meeting, or earlier when the person's quiet hours move it to the evening before.
   */
  entries: ScheduleEntry[];
  /**
   * Every key that is still right, whether or not it is planned now: a row whose due time has just passed but
   * that the releaser has not released yet must not be cancelled.
   */
  keep: string[];
}

/**
 * The meeting reminders that should exist now: each scheduled meeting not yet begun × each of its group's active
 * members with reminders on × each of the group's offsets, less those the member's quiet hours fold into a longer
 * one (`meetingReminderTiming`). `existing` holds the keys already pending or released, so a longer reminder that
 * exists covers as one planned now does. Pure: the same state gives the same plan, so handling an event twice, or
 * out of order, changes nothing.
 */
export function planMeetingReminders(
  meetings: readonly UpcomingMeeting[],
  members: readonly RemindedMember[],
  now: Date,
  horizonEnd: Date,
  existing: ReadonlySet<string> = new Set(),
): MeetingReminderPlan {
  const membersOf = new Map<string, RemindedMember[]>();
  for (const m of members) membersOf.set(m.groupId, [...(membersOf.get(m.groupId) ?? []), m]);
  const entries: ScheduleEntry[] = [];
  const keep: string[] = [];
  for (const meeting of meetings) {
    if (!meeting.scheduled || meeting.startsAt <= now) continue;
    // Longest first: whether a reminder is covered depends on the longer ones that will exist.
    const offsets = [...new Set(meeting.offsetsMinutes)].sort((a, b) => b - a);
    for (const member of membersOf.get(meeting.groupId) ?? []) {
      const siblings: number[] = [];
      for (const offsetMinutes of offsets) {
        const key = meetingReminderKey(meeting.id, meeting.startsAt, member.userId, offsetMinutes);
        const timing = meetingReminderTiming(
          { startsAt: meeting.startsAt, offsetMinutes, siblingOffsetsMinutes: siblings },
          member.timeZone,
          member.quiet,
        );
        if (timing.at === null) continue;
        keep.push(key);
        const leadDue = new Date(meeting.startsAt.getTime() - offsetMinutes * 60_000);
        // Released early when it is to go early; once that moment has passed, at its own time (it is then urgent).
        const dueAt = timing.at < leadDue && timing.at > now ? timing.at : leadDue;
        const plannable = dueAt > now && meeting.startsAt <= horizonEnd;
        if (plannable || existing.has(key)) siblings.push(offsetMinutes);
        if (!plannable) continue;
        const payload: MeetingReminderPayload = {
          meetingId: meeting.id,
          groupId: meeting.groupId,
          offsetMinutes,
          startsAt: meeting.startsAt.toISOString(),
        };
        entries.push({
          dedupeKey: key,
          kind: NotificationKind.MeetingReminder,
          userId: member.userId,
          subjectId: meeting.id,
          dueAt,
          payload: { ...payload },
        });
      }
    }
  }
  return { entries, keep };
}

/** The keys `existing` must answer for: only a member with quiet hours can have a reminder covered. */
export function coverageKeys(meetings: readonly UpcomingMeeting[], members: readonly RemindedMember[]): string[] {
  const quietOf = new Map<string, RemindedMember[]>();
  for (const m of members) if (m.quiet) quietOf.set(m.groupId, [...(quietOf.get(m.groupId) ?? []), m]);
  return meetings.flatMap((meeting) =>
    (quietOf.get(meeting.groupId) ?? []).flatMap((member) =>
      meeting.offsetsMinutes.map((offset) => meetingReminderKey(meeting.id, meeting.startsAt, member.userId, offset)),
    ),
  );
}

/** The end of the planning horizon. Days of 24 h here: a bound, not a local date. */
export const meetingHorizonEnd = (now: Date): Date =>
  new Date(now.getTime() + MEETING_REMINDER_HORIZON_DAYS * 24 * 3600_000);
