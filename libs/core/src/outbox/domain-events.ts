/**
 * Facts other parts of the platform may need to hear about (emails, digests, badges). Written to the outbox in
 * the same transaction as the change; the worker relays them. Values are persisted: never rename one.
 */
export enum DomainEventType {
  CoursePublished = 'course.published',
  CourseForked = 'course.forked',
  GroupCreated = 'group.created',
  GroupMemberJoined = 'group.member-joined',
  GroupMemberWaitlisted = 'group.member-waitlisted',
  GroupMemberPromoted = 'group.member-promoted',
  GroupMemberLeft = 'group.member-left',
  MeetingScheduled = 'group.meeting-scheduled',
  MeetingMoved = 'group.meeting-moved',
  MeetingCancelled = 'group.meeting-cancelled',
}

/** Payloads carry ids and the few values a consumer cannot reload later (e.g. the old time of a moved meeting). */
export interface DomainEventPayloads {
  [DomainEventType.CoursePublished]: { courseId: string; versionId: string; number: number };
  [DomainEventType.CourseForked]: { courseId: string; fromCourseId: string; fromVersionId: string };
  [DomainEventType.GroupCreated]: { groupId: string; createdBy: string };
  [DomainEventType.GroupMemberJoined]: { groupId: string; userId: string };
  [DomainEventType.GroupMemberWaitlisted]: { groupId: string; userId: string };
  [DomainEventType.GroupMemberPromoted]: { groupId: string; userId: string };
  [DomainEventType.GroupMemberLeft]: { groupId: string; userId: string };
  [DomainEventType.MeetingScheduled]: { groupId: string; meetingId: string; startsAt: string };
  [DomainEventType.MeetingMoved]: { groupId: string; meetingId: string; previousStartsAt: string; startsAt: string };
  [DomainEventType.MeetingCancelled]: { groupId: string; meetingId: string; startsAt: string };
}

/** The aggregate an event belongs to: the id column of its outbox row. */
export const AGGREGATE_OF_EVENT: { readonly [T in DomainEventType]: 'course' | 'group' } = {
  [DomainEventType.CoursePublished]: 'course',
  [DomainEventType.CourseForked]: 'course',
  [DomainEventType.GroupCreated]: 'group',
  [DomainEventType.GroupMemberJoined]: 'group',
  [DomainEventType.GroupMemberWaitlisted]: 'group',
  [DomainEventType.GroupMemberPromoted]: 'group',
  [DomainEventType.GroupMemberLeft]: 'group',
  [DomainEventType.MeetingScheduled]: 'group',
  [DomainEventType.MeetingMoved]: 'group',
  [DomainEventType.MeetingCancelled]: 'group',
};
