import { declareDomainEvents } from '@app/core';

declare module '@app/core' {
  interface DomainEventPayloads {
    'group.created': { groupId: string; createdBy: string };
    'group.member-joined': { groupId: string; userId: string };
    'group.member-waitlisted': { groupId: string; userId: string };
    'group.member-promoted': { groupId: string; userId: string };
    'group.member-left': { groupId: string; userId: string };
    'group.meeting-scheduled': { groupId: string; meetingId: string; startsAt: string };
    'group.meeting-moved': { groupId: string; meetingId: string; previousStartsAt: string; startsAt: string };
    'group.meeting-cancelled': { groupId: string; meetingId: string; startsAt: string };
    'group.reminders-changed': { groupId: string; reminderOffsetsMinutes: number[] };
    /** Everyone whose attendance of the meeting was recorded or corrected (attended or not). */
    'group.attendance-recorded': { groupId: string; meetingId: string; userIds: string[] };
  }
}

/** What happens to study groups and their meetings. The strings are persisted in the outbox: never rename one. */
export const GroupEvent = declareDomainEvents('group', {
  /** No consumer yet: badges (issue 14) will count the groups a person started. */
  GroupCreated: 'group.created',
  GroupMemberJoined: 'group.member-joined',
  /** No consumer yet: waits for a "you are on the waitlist" email (the join response says so today). */
  GroupMemberWaitlisted: 'group.member-waitlisted',
  GroupMemberPromoted: 'group.member-promoted',
  GroupMemberLeft: 'group.member-left',
  MeetingScheduled: 'group.meeting-scheduled',
  MeetingMoved: 'group.meeting-moved',
  MeetingCancelled: 'group.meeting-cancelled',
  /** Facilitators changed how long before each meeting members are reminded. */
  GroupRemindersChanged: 'group.reminders-changed',
  /** Badges: "attended at least N meetings" is counted again for these people. */
  AttendanceRecorded: 'group.attendance-recorded',
});
