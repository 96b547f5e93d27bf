import type { EntityManager } from 'typeorm';
import {
  aggregateOfEvent,
  declaredDomainEvents,
  declaredJobNames,
  QueueName,
  queueOfJob,
  type JobQueue,
  type Outbox,
} from '@app/core';
import { BadgeEvent } from '@app/badges';
import { CohortEvent } from '@app/cohorts';
import { CourseEvent } from '@app/courses';
import { GroupEvent } from '@app/groups';
import { IdentityEvent } from '@app/identity';
import { MailJob } from '@app/mail';
import { NotificationJob } from '@app/notifications';
import { PeerReviewEvent } from '@app/peer-review';

/**
 * Each library declares its own events and jobs; core only keeps the mechanism. Their strings are persisted (outbox
 * rows, Redis job names), so the union of what the libraries declare must stay exactly what it was.
 */
describe('the vocabulary the libraries declare', () => {
  it('keeps every persisted event type and the aggregate of its outbox row', () => {
    const declared = declaredDomainEvents().map((type) => [type, aggregateOfEvent(type)]);
    expect(declared.sort()).toEqual(
      [
        ['badge.awarded', 'award'],
        ['badge.revoked', 'award'],
        ['badge.rule-set', 'award'],
        ['badge.nominated', 'award'],
        ['course.published', 'course'],
        ['course.forked', 'course'],
        ['group.created', 'group'],
        ['group.attendance-recorded', 'group'],
        ['group.member-joined', 'group'],
        ['group.member-waitlisted', 'group'],
        ['group.member-promoted', 'group'],
        ['group.member-left', 'group'],
        ['group.meeting-scheduled', 'group'],
        ['group.meeting-moved', 'group'],
        ['group.meeting-cancelled', 'group'],
        ['group.reminders-changed', 'group'],
        ['cohort.created', 'cohort'],
        ['cohort.updated', 'cohort'],
        ['cohort.schedule-changed', 'cohort'],
        ['cohort.facilitator-added', 'cohort'],
        ['cohort.enrollment-requested', 'cohort'],
        ['cohort.learner-enrolled', 'cohort'],
        ['cohort.enrollment-declined', 'cohort'],
        ['cohort.learner-withdrew', 'cohort'],
        ['cohort.extension-granted', 'cohort'],
        ['cohort.extension-revoked', 'cohort'],
        ['cohort.grouping-preference-changed', 'cohort'],
        ['cohort.groups-formed', 'cohort'],
        ['cohort.learner-placed', 'cohort'],
        ['cohort.move-requested', 'cohort'],
        ['cohort.learner-moved', 'cohort'],
        ['cohort.module-completed', 'cohort'],
        ['cohort.learner-completed', 'cohort'],
        ['discussion.thread-started', 'cohort'],
        ['discussion.post-created', 'cohort'],
        ['discussion.post-edited', 'cohort'],
        ['discussion.post-deleted', 'cohort'],
        ['discussion.thread-moderated', 'cohort'],
        ['cohort.announcement-published', 'cohort'],
        ['identity.user-registered', 'user'],
        ['identity.preferences-changed', 'user'],
        ['identity.user-deleted', 'user'],
        ['peer-review.submission-made', 'submission'],
        ['peer-review.review-leased', 'submission'],
        ['peer-review.review-submitted', 'submission'],
        ['peer-review.review-rated', 'submission'],
        ['peer-review.review-flagged', 'submission'],
        ['peer-review.review-removed', 'submission'],
        ['peer-review.scores-released', 'submission'],
        ['peer-review.scoring-changed', 'submission'],
      ].sort(),
    );
  });

  it('keeps every persisted job name and its queue', () => {
    const declared = declaredJobNames().map((name) => [name, queueOfJob(name)]);
    expect(declared.sort()).toEqual(
      [
        ['send-email', QueueName.Email],
        ['send-email-batch', QueueName.Email],
        ['reconcile-emails', QueueName.Maintenance],
        ['refresh-group-discovery', QueueName.Maintenance],
        ['relay-outbox', QueueName.Notifications],
        ['release-due-notifications', QueueName.Notifications],
        ['plan-digests', QueueName.Maintenance],
        ['plan-meeting-reminders', QueueName.Maintenance],
        ['apply-retention', QueueName.Maintenance],
      ].sort(),
    );
  });

  it('refuses a string no library declared', () => {
    expect(() => aggregateOfEvent('group.renamed' as never)).toThrow(
      'No library declares the domain event "group.renamed"',
    );
    expect(() => queueOfJob('send-sms' as never)).toThrow('No library declares the job "send-sms"');
  });
});

/** Never called: tsc checks that a payload must fit its event or job (`npm run typecheck`). */
export async function payloadsAreTyped(outbox: Outbox, manager: EntityManager, jobs: JobQueue): Promise<void> {
  await outbox.record(manager, GroupEvent.GroupMemberJoined, 'g', { groupId: 'g', userId: 'u' });
  // @ts-expect-error a member-joined event needs the member's id
  await outbox.record(manager, GroupEvent.GroupMemberJoined, 'g', { groupId: 'g' });
  // @ts-expect-error an event type no library declares
  await outbox.record(manager, 'group.renamed', 'g', { groupId: 'g' });
  await outbox.record(manager, CohortEvent.AnnouncementPublished, 'c', {
    cohortId: 'c',
    announcementId: 'a',
    authorId: 'u',
  });
  await outbox.record(manager, CourseEvent.CoursePublished, 'c', { courseId: 'c', versionId: 'v', number: 1 });
  await outbox.record(manager, IdentityEvent.UserDeleted, 'u', { userId: 'u' });
  await outbox.record(manager, PeerReviewEvent.ReviewLeased, 's', {
    reviewId: 'r',
    submissionId: 's',
    cohortId: 'c',
    reviewerId: 'u',
  });
  await outbox.record(manager, BadgeEvent.Awarded, 'a', {
    awardId: 'a',
    achievementId: 'b',
    recipientId: 'u',
    source: 'rule',
  });
  await jobs.enqueue(MailJob.SendEmail, { deliveryId: 'd' });
  // @ts-expect-error a send-email job carries one delivery id
  await jobs.enqueue(MailJob.SendEmail, { deliveryIds: ['d'] });
  await jobs.enqueue(NotificationJob.RelayOutbox, {});
}
