import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, OutboxHandlerRegistry, type OutboxEventHandler, type RelayedEvent } from '@app/core';
import { PeerReviewEvent, scoresReleased } from '@app/peer-review';
import { NotificationKind } from '../schedule/notification-kind';
import { NotificationSchedule, type ScheduleEntry } from '../schedule/notification-schedule';
import { AssignmentDirectory } from './assignment-directory';
import { planForSubmissions, planLeased, planReceived, planShortOfK, scoreEntry } from './peer-review-notice-plan';
import { PeerReviewNoticeRepository, type SubmissionNoticeFacts } from './peer-review-notice.repository';

type Payload = Partial<Record<string, unknown>>;
const str = (value: unknown): value is string => typeof value === 'string';

/**
 * Plans peer-review notifications from the library's outbox events, re-deriving each from the current state (read
 * through its views), so a replayed or reordered event repeats nothing: the keys are the schedule's.
 * - review leased: "review assigned" now, "lease about to expire" 30 min before it does;
 * - submission made: the author's "reviews due" 24 h before their window closes and "score released" at the
 *   close; the facilitators' "short of k" at the assignment's last close (re-planned as that moves);
 * - review submitted: "a review arrived" to the author; "score released" now to whoever it made meet the release
 *   rule (the author: k in; the reviewer: m given);
 * - scores released by a facilitator: "score released" now to every author of the assignment.
 * Every row then goes through the releaser (quiet hours, digest-only people) like any other notification.
 */
@Injectable()
export class PeerReviewNoticePlanner implements OutboxEventHandler, OnModuleInit {
  readonly name = 'peer-review-notifications';
  readonly handles = [
    PeerReviewEvent.SubmissionMade,
    PeerReviewEvent.ReviewLeased,
    PeerReviewEvent.ReviewSubmitted,
    PeerReviewEvent.ScoresReleased,
  ];

  constructor(
    private readonly clock: Clock,
    private readonly schedule: NotificationSchedule,
    private readonly facts: PeerReviewNoticeRepository,
    private readonly assignments: AssignmentDirectory,
    private readonly registry: OutboxHandlerRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async handle(manager: EntityManager, events: RelayedEvent[]): Promise<void> {
    const now = this.clock.now();
    const of = (type: string, field: string): string[] => [
      ...new Set(events.filter((e) => e.type === type).flatMap((e) => [(e.payload as Payload)[field]].filter(str))),
    ];
    const entries: ScheduleEntry[] = [];

    entries.push(...planLeased(await this.facts.reviews(manager, of(PeerReviewEvent.ReviewLeased, 'reviewId')), now));

    const submitted = await this.facts.reviews(manager, of(PeerReviewEvent.ReviewSubmitted, 'reviewId'));
    entries.push(...planReceived(submitted, now));

    const made = await this.facts.submissions(manager, {
      submissionIds: of(PeerReviewEvent.SubmissionMade, 'submissionId'),
    });
    const forSubmissions = planForSubmissions(made, now);
    entries.push(...forSubmissions);
    const shortOfK = await this.shortOfK(manager, made, now);
    entries.push(...shortOfK);

    // Who may have just met the release rule: authors of reviewed submissions, reviewers (their own submission),
    // every author of an assignment a facilitator released.
    const released = events
      .filter((e) => e.type === PeerReviewEvent.ScoresReleased)
      .flatMap((e) => {
        const { cohortId, assignmentId } = e.payload as Payload;
        return str(cohortId) && str(assignmentId) ? [{ cohortId, assignmentId }] : [];
      });
    const candidates = await this.facts.submissions(manager, {
      submissionIds: submitted.map((r) => r.submissionId),
      assignments: released,
      authors: submitted.flatMap((r) => (r.reviewerId ? [{ ...r, authorId: r.reviewerId }] : [])),
    });
    const releasedNow = await this.releasedNow(candidates, now);
    const scores = releasedNow.map((s) => scoreEntry(s, now));
    entries.push(...scores);

    await this.schedule.plan(manager, entries);
    // A resubmission may move the learner's window: "score released" follows it, an old "reviews due" gives way.
    const atClose = forSubmissions.filter((e) => e.kind === NotificationKind.ScoreReleased);
    await this.facts.moveWaiting(
      manager,
      atClose.map((e) => ({ key: e.dedupeKey, dueAt: e.dueAt })),
      now,
    );
    await this.facts.cancelOtherPending(
      manager,
      NotificationKind.ReviewsDue,
      made.map((s) => s.submissionId),
      forSubmissions.filter((e) => e.kind === NotificationKind.ReviewsDue).map((e) => e.dedupeKey),
    );
    // A "score released" planned for the window's close comes forward when something released it earlier.
    await this.facts.bringForward(
      manager,
      scores.map((e) => ({ key: e.dedupeKey, dueAt: e.dueAt })),
    );
    // The assignment's last close moved (a later submission): the facilitators' earlier rows give way.
    for (const assignmentId of new Set(shortOfK.map((e) => e.subjectId!))) {
      await this.schedule.cancelPending(manager, {
        kind: NotificationKind.ReviewsShortOfK,
        subjectId: assignmentId,
        exceptKeys: shortOfK.filter((e) => e.subjectId === assignmentId).map((e) => e.dedupeKey),
      });
    }
  }

  private async shortOfK(manager: EntityManager, made: readonly SubmissionNoticeFacts[], now: Date) {
    const assignments = [...new Map(made.map((s) => [`${s.cohortId}:${s.assignmentId}`, s])).values()];
    if (assignments.length === 0) return [];
    const closes = await this.facts.lastCloses(manager, assignments);
    const facilitators = await this.facts.facilitators(manager, [...new Set(assignments.map((a) => a.cohortId))]);
    return planShortOfK(closes, facilitators, now);
  }

  /** The candidates whose reviews and score the release rule shows now, their assignment's k and m applied. */
  private async releasedNow(candidates: readonly SubmissionNoticeFacts[], now: Date) {
    const find = this.assignments.lookup();
    const out: SubmissionNoticeFacts[] = [];
    for (const s of candidates) {
      const assignment = await find(s.cohortId, s.assignmentId);
      if (!assignment || s.received === 0) continue;
      // Past the window's close the row planned for it has said so (or will): nothing to bring forward.
      if (s.reviewClosesAt <= now) continue;
      if (scoresReleased(s, assignment.review, now)) out.push(s);
    }
    return out;
  }
}
