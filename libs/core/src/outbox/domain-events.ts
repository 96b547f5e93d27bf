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
  /** Facilitators changed how long before each meeting members are reminded. */
  GroupRemindersChanged = 'group.reminders-changed',
  CohortCreated = 'cohort.created',
  CohortUpdated = 'cohort.updated',
  CohortScheduleChanged = 'cohort.schedule-changed',
  CohortFacilitatorAdded = 'cohort.facilitator-added',
  EnrollmentRequested = 'cohort.enrollment-requested',
  LearnerEnrolled = 'cohort.learner-enrolled',
  EnrollmentDeclined = 'cohort.enrollment-declined',
  LearnerWithdrew = 'cohort.learner-withdrew',
  ExtensionGranted = 'cohort.extension-granted',
  ExtensionRevoked = 'cohort.extension-revoked',
  GroupingPreferenceChanged = 'cohort.grouping-preference-changed',
  CohortGroupsFormed = 'cohort.groups-formed',
  LearnerPlaced = 'cohort.learner-placed',
  MoveRequested = 'cohort.move-requested',
  LearnerMoved = 'cohort.learner-moved',
  ModuleCompleted = 'cohort.module-completed',
  CohortCompleted = 'cohort.learner-completed',
  ThreadStarted = 'discussion.thread-started',
  PostCreated = 'discussion.post-created',
  PostEdited = 'discussion.post-edited',
  PostDeleted = 'discussion.post-deleted',
  ThreadModerated = 'discussion.thread-moderated',
  AnnouncementPublished = 'cohort.announcement-published',
  UserRegistered = 'identity.user-registered',
  /** Zone, locale or notification preferences changed: digests and quiet hours are re-planned. */
  UserPreferencesChanged = 'identity.preferences-changed',
  /** The account was erased: nothing more is sent to it. */
  UserDeleted = 'identity.user-deleted',
}

/** Where a discussion post lives: a cohort-wide thread (groupId null) or one of its groups' threads. */
interface PostPlace {
  cohortId: string;
  groupId: string | null;
  threadId: string;
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
  [DomainEventType.GroupRemindersChanged]: { groupId: string; reminderOffsetsMinutes: number[] };
  [DomainEventType.CohortCreated]: { cohortId: string; courseVersionId: string; createdBy: string };
  [DomainEventType.CohortUpdated]: { cohortId: string; fields: string[] };
  /** Release or due dates moved (start date, offsets): consumers recompute everyone's deadlines. */
  [DomainEventType.CohortScheduleChanged]: { cohortId: string; moduleIds: string[] };
  [DomainEventType.CohortFacilitatorAdded]: { cohortId: string; userId: string; addedBy: string };
  [DomainEventType.EnrollmentRequested]: { cohortId: string; userId: string };
  [DomainEventType.LearnerEnrolled]: { cohortId: string; userId: string };
  [DomainEventType.EnrollmentDeclined]: { cohortId: string; userId: string };
  [DomainEventType.LearnerWithdrew]: { cohortId: string; userId: string; groupId: string | null };
  [DomainEventType.ExtensionGranted]: { cohortId: string; userId: string; moduleId: string; extraDays: number };
  /** The learner's due date for the module is the cohort's again. */
  [DomainEventType.ExtensionRevoked]: { cohortId: string; userId: string; moduleId: string; revokedBy: string };
  [DomainEventType.GroupingPreferenceChanged]: { cohortId: string; userId: string; optIn: boolean };
  [DomainEventType.CohortGroupsFormed]: { cohortId: string; groupIds: string[]; unplacedUserIds: string[] };
  [DomainEventType.LearnerPlaced]: { cohortId: string; groupId: string; userId: string };
  [DomainEventType.MoveRequested]: { cohortId: string; userId: string; groupId: string | null };
  [DomainEventType.LearnerMoved]: {
    cohortId: string;
    userId: string;
    fromGroupId: string | null;
    toGroupId: string;
    movedBy: string;
  };
  [DomainEventType.ModuleCompleted]: { cohortId: string; userId: string; moduleId: string };
  [DomainEventType.CohortCompleted]: { cohortId: string; userId: string };
  [DomainEventType.ThreadStarted]: PostPlace & { postId: string; authorId: string };
  [DomainEventType.PostCreated]: PostPlace & { postId: string; authorId: string; reply: boolean };
  [DomainEventType.PostEdited]: PostPlace & { postId: string; authorId: string };
  [DomainEventType.PostDeleted]: PostPlace & { postId: string; deletedBy: string };
  [DomainEventType.ThreadModerated]: PostPlace & { pinned: boolean; locked: boolean; by: string };
  [DomainEventType.AnnouncementPublished]: { cohortId: string; announcementId: string; authorId: string };
  [DomainEventType.UserRegistered]: { userId: string };
  [DomainEventType.UserPreferencesChanged]: { userId: string; fields: string[] };
  [DomainEventType.UserDeleted]: { userId: string };
}

/** The aggregate an event belongs to: the id column of its outbox row. */
export const AGGREGATE_OF_EVENT: { readonly [T in DomainEventType]: 'course' | 'group' | 'cohort' | 'user' } = {
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
  [DomainEventType.GroupRemindersChanged]: 'group',
  // Discussion events too: the aggregate is the cohort the thread belongs to.
  [DomainEventType.CohortCreated]: 'cohort',
  [DomainEventType.CohortUpdated]: 'cohort',
  [DomainEventType.CohortScheduleChanged]: 'cohort',
  [DomainEventType.CohortFacilitatorAdded]: 'cohort',
  [DomainEventType.EnrollmentRequested]: 'cohort',
  [DomainEventType.LearnerEnrolled]: 'cohort',
  [DomainEventType.EnrollmentDeclined]: 'cohort',
  [DomainEventType.LearnerWithdrew]: 'cohort',
  [DomainEventType.ExtensionGranted]: 'cohort',
  [DomainEventType.ExtensionRevoked]: 'cohort',
  [DomainEventType.GroupingPreferenceChanged]: 'cohort',
  [DomainEventType.CohortGroupsFormed]: 'cohort',
  [DomainEventType.LearnerPlaced]: 'cohort',
  [DomainEventType.MoveRequested]: 'cohort',
  [DomainEventType.LearnerMoved]: 'cohort',
  [DomainEventType.ModuleCompleted]: 'cohort',
  [DomainEventType.CohortCompleted]: 'cohort',
  [DomainEventType.ThreadStarted]: 'cohort',
  [DomainEventType.PostCreated]: 'cohort',
  [DomainEventType.PostEdited]: 'cohort',
  [DomainEventType.PostDeleted]: 'cohort',
  [DomainEventType.ThreadModerated]: 'cohort',
  [DomainEventType.AnnouncementPublished]: 'cohort',
  [DomainEventType.UserRegistered]: 'user',
  [DomainEventType.UserPreferencesChanged]: 'user',
  [DomainEventType.UserDeleted]: 'user',
};
