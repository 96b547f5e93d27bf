import { declareDomainEvents } from '@app/core';

/** Where a discussion post lives: a cohort-wide thread (groupId null) or one of its groups' threads. */
interface PostPlace {
  cohortId: string;
  groupId: string | null;
  threadId: string;
}

declare module '@app/core' {
  interface DomainEventPayloads {
    'cohort.created': { cohortId: string; courseVersionId: string; createdBy: string };
    'cohort.updated': { cohortId: string; fields: string[] };
    /** Release or due dates moved (start date, offsets): consumers recompute everyone's deadlines. */
    'cohort.schedule-changed': { cohortId: string; moduleIds: string[] };
    'cohort.facilitator-added': { cohortId: string; userId: string; addedBy: string };
    'cohort.enrollment-requested': { cohortId: string; userId: string };
    'cohort.learner-enrolled': { cohortId: string; userId: string };
    'cohort.enrollment-declined': { cohortId: string; userId: string };
    'cohort.learner-withdrew': { cohortId: string; userId: string; groupId: string | null };
    'cohort.extension-granted': { cohortId: string; userId: string; moduleId: string; extraDays: number };
    /** The learner's due date for the module is the cohort's again. */
    'cohort.extension-revoked': { cohortId: string; userId: string; moduleId: string; revokedBy: string };
    'cohort.grouping-preference-changed': { cohortId: string; userId: string; optIn: boolean };
    'cohort.groups-formed': { cohortId: string; groupIds: string[]; unplacedUserIds: string[] };
    'cohort.learner-placed': { cohortId: string; groupId: string; userId: string };
    'cohort.move-requested': { cohortId: string; userId: string; groupId: string | null };
    'cohort.learner-moved': {
      cohortId: string;
      userId: string;
      fromGroupId: string | null;
      toGroupId: string;
      movedBy: string;
    };
    'cohort.module-completed': { cohortId: string; userId: string; moduleId: string };
    'cohort.learner-completed': { cohortId: string; userId: string };
    'cohort.announcement-published': { cohortId: string; announcementId: string; authorId: string };
    'discussion.thread-started': PostPlace & { postId: string; authorId: string };
    'discussion.post-created': PostPlace & { postId: string; authorId: string; reply: boolean };
    'discussion.post-edited': PostPlace & { postId: string; authorId: string };
    'discussion.post-deleted': PostPlace & { postId: string; deletedBy: string };
    'discussion.thread-moderated': PostPlace & { pinned: boolean; locked: boolean; by: string };
  }
}

/** What happens to cohorts, their learners and groups. The strings are persisted in the outbox: never rename one. */
export const CohortEvent = declareDomainEvents('cohort', {
  /** No consumer yet: badges (issue 14) will set up a cohort's completion badge on it. */
  CohortCreated: 'cohort.created',
  CohortUpdated: 'cohort.updated',
  CohortScheduleChanged: 'cohort.schedule-changed',
  /** No consumer yet: waits for a welcome email to the new co-facilitator. */
  CohortFacilitatorAdded: 'cohort.facilitator-added',
  /** No consumer yet: waits for telling an approval cohort's facilitators that a request awaits them. */
  EnrollmentRequested: 'cohort.enrollment-requested',
  LearnerEnrolled: 'cohort.learner-enrolled',
  /** No consumer yet: waits for telling the learner their request was declined. */
  EnrollmentDeclined: 'cohort.enrollment-declined',
  LearnerWithdrew: 'cohort.learner-withdrew',
  ExtensionGranted: 'cohort.extension-granted',
  ExtensionRevoked: 'cohort.extension-revoked',
  /** No consumer yet: waits for telling facilitators who opted in after groups were formed. */
  GroupingPreferenceChanged: 'cohort.grouping-preference-changed',
  CohortGroupsFormed: 'cohort.groups-formed',
  LearnerPlaced: 'cohort.learner-placed',
  /** No consumer yet: waits for telling facilitators that a learner asked to move. */
  MoveRequested: 'cohort.move-requested',
  LearnerMoved: 'cohort.learner-moved',
  ModuleCompleted: 'cohort.module-completed',
  /** No consumer yet: badges (issue 14) will award the cohort's completion badge on it. */
  CohortCompleted: 'cohort.learner-completed',
  /** Emailed to every learner by notifications (at once, or in the digest for those who chose it). */
  AnnouncementPublished: 'cohort.announcement-published',
});

/**
 * What happens in a cohort's threads; the aggregate is the cohort the thread belongs to. No consumer yet: digests
 * read posts from their table; these wait for immediate reply emails (edited and deleted posts update or withdraw a
 * queued one, moderation tells the thread's author).
 */
export const DiscussionEvent = declareDomainEvents('cohort', {
  ThreadStarted: 'discussion.thread-started',
  PostCreated: 'discussion.post-created',
  PostEdited: 'discussion.post-edited',
  PostDeleted: 'discussion.post-deleted',
  ThreadModerated: 'discussion.thread-moderated',
});
