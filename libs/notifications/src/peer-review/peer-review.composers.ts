import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AppConfig, Clock, fromRepoRoot, renderInZone } from '@app/core';
import { Anonymity } from '@app/courses';
import {
  EmailComposerRegistry,
  TemplateRenderer,
  type ComposedEmail,
  type DeliveryToCompose,
  type EmailComposer,
  type TemplateSet,
} from '@app/mail';
import { scoresReleased } from '@app/peer-review';
import { NotificationCategory, NotificationMailKind } from '../schedule/notification-kind';
import { UnsubscribeLinks } from '../unsubscribe/unsubscribe-links';
import { AssignmentDirectory, type AssignmentNoticeFacts } from './assignment-directory';
import { LEASE_WARNING_LEAD_MS } from './peer-review-notice-plan';
import {
  PeerReviewNoticeRepository,
  type NoticeReader,
  type ReviewNoticeFacts,
  type SubmissionNoticeFacts,
} from './peer-review-notice.repository';

export const PEER_REVIEW_TEMPLATES: TemplateSet = { dir: fromRepoRoot('libs', 'notifications', 'templates') };

/** A delivery to a person (these are never sent to a bare address). */
type Delivery = DeliveryToCompose & { userId: string };

/** The messages one email reads (`peerReview.<name>.*`): subject, body, an optional note, button, why. */
export interface PeerReviewMailKeys {
  subject: string;
  body: string;
  note?: string;
  open: string;
  why: string;
}

export const mailKeys = (name: string, body = 'body', note?: string): PeerReviewMailKeys => ({
  subject: `peerReview.${name}.subject`,
  body: `peerReview.${name}.${body}`,
  ...(note ? { note: `peerReview.${name}.${note}` } : {}),
  open: `peerReview.${name}.open`,
  why: `peerReview.${name}.why`,
});

/** What the `peer-review` templates read, beside the footer links. */
export interface PeerReviewMailView {
  keys: PeerReviewMailKeys;
  displayName: string;
  cohortTitle: string;
  assignmentTitle: string;
  link: string;
  when?: string;
  count?: number;
  k?: number;
  minutes?: number;
  /** Only ever set when the assignment is open (neither single- nor double-blind) and the reviewer not erased. */
  reviewerName?: string | null;
}

/** Where things are in the web app (the API's routes under /api/v1 mirror them). */
export const peerReviewLinks = (publicUrl: string, cohortId: string, assignmentId: string) => {
  const base = `/cohorts/${cohortId}/assignments/${assignmentId}`;
  const at = (path: string) => new URL(`${base}${path}`, publicUrl).toString();
  return {
    review: (reviewId: string) => at(`/reviews/${reviewId}`),
    reviews: () => at('/reviews'),
    submission: () => at('/submissions/mine'),
    score: () => at('/scores/mine'),
    queue: () => at('/review-queue'),
  };
};

/**
 * What the peer-review emails share: registering, the reader and assignment as they are at send time, and rendering
 * the `peer-review` templates with the Review activity category's footer and one-click unsubscribe headers. Each
 * email re-checks at send time that it still applies (null: the ledger row is skipped). None names a reviewer to an
 * author unless the assignment is open, nor an author to anyone.
 */
@Injectable()
export abstract class PeerReviewComposer implements EmailComposer, OnModuleInit {
  abstract readonly kind: NotificationMailKind;

  constructor(
    private readonly registry: EmailComposerRegistry,
    private readonly renderer: TemplateRenderer,
    private readonly links: UnsubscribeLinks,
    protected readonly facts: PeerReviewNoticeRepository,
    protected readonly assignments: AssignmentDirectory,
    protected readonly config: AppConfig,
    protected readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  compose(delivery: DeliveryToCompose): Promise<ComposedEmail | null> {
    const { userId } = delivery;
    return userId ? this.composeFor({ ...delivery, userId }) : Promise.resolve(null);
  }

  protected abstract composeFor(delivery: Delivery): Promise<ComposedEmail | null>;

  /** The reader and the assignment, or null when either is gone. */
  protected async context(
    delivery: Delivery,
    cohortId: string,
    assignmentId: string,
  ): Promise<{
    reader: NoticeReader;
    assignment: AssignmentNoticeFacts;
    links: ReturnType<typeof peerReviewLinks>;
  } | null> {
    const [reader, assignment] = await Promise.all([
      this.facts.reader(delivery.userId, cohortId),
      this.assignments.find(cohortId, assignmentId),
    ]);
    if (!reader || !assignment) return null;
    return { reader, assignment, links: peerReviewLinks(this.config.PUBLIC_URL, cohortId, assignmentId) };
  }

  protected render(delivery: Delivery, view: PeerReviewMailView): ComposedEmail {
    const { unsubscribeUrl, headers } = this.links.forEmail(delivery.userId, NotificationCategory.ReviewActivity);
    const rendered = this.renderer.render(PEER_REVIEW_TEMPLATES, 'peer-review', delivery.locale, {
      ...view,
      preferencesUrl: this.links.preferencesUrl(),
      unsubscribeUrl,
    });
    return { ...rendered, headers };
  }
}

const str = (value: unknown): value is string => typeof value === 'string';
const active = (reader: NoticeReader, role: 'learner' | 'facilitator') =>
  reader.role === role && reader.status === 'active';

/** A review still open to its reviewer: theirs, not submitted, its lease running. */
function openLease(review: ReviewNoticeFacts | null, userId: string, now: Date): review is ReviewNoticeFacts {
  return !!review && review.reviewerId === userId && !review.submittedAt && review.leaseExpiresAt > now;
}

/** "Review assigned": to the reviewer, with the lease's end in their zone. Never names the author. */
@Injectable()
export class ReviewAssignedComposer extends PeerReviewComposer {
  readonly kind = NotificationMailKind.ReviewAssigned;

  protected async composeFor(delivery: Delivery): Promise<ComposedEmail | null> {
    const { reviewId } = delivery.payload;
    if (!str(reviewId)) return null;
    const review = await this.facts.review(reviewId);
    if (!openLease(review, delivery.userId, this.clock.now())) return null;
    const ctx = await this.context(delivery, review.cohortId, review.assignmentId);
    if (!ctx) return null;
    return this.render(delivery, {
      keys: mailKeys('assigned'),
      displayName: ctx.reader.displayName,
      cohortTitle: ctx.reader.cohortTitle,
      assignmentTitle: ctx.assignment.title,
      when: renderInZone(review.leaseExpiresAt, ctx.reader.timeZone, delivery.locale),
      link: ctx.links.review(review.reviewId),
    });
  }
}

/**
 * "Your lease is about to expire": only if the review is still a draft under the very lease it was planned for (a
 * renewed lease has moved on, a submitted review is done: no email).
 */
@Injectable()
export class ReviewLeaseExpiringComposer extends PeerReviewComposer {
  readonly kind = NotificationMailKind.ReviewLeaseExpiring;

  protected async composeFor(delivery: Delivery): Promise<ComposedEmail | null> {
    const { reviewId, leaseExpiresAt } = delivery.payload;
    if (!str(reviewId) || !str(leaseExpiresAt)) return null;
    const now = this.clock.now();
    const review = await this.facts.review(reviewId);
    if (!openLease(review, delivery.userId, now)) return null;
    if (review.leaseExpiresAt.getTime() !== new Date(leaseExpiresAt).getTime()) return null;
    const ctx = await this.context(delivery, review.cohortId, review.assignmentId);
    if (!ctx) return null;
    const left = review.leaseExpiresAt.getTime() - now.getTime();
    return this.render(delivery, {
      keys: mailKeys('leaseExpiring'),
      displayName: ctx.reader.displayName,
      cohortTitle: ctx.reader.cohortTitle,
      assignmentTitle: ctx.assignment.title,
      when: renderInZone(review.leaseExpiresAt, ctx.reader.timeZone, delivery.locale),
      minutes: Math.max(1, Math.round(Math.min(left, LEASE_WARNING_LEAD_MS) / 60_000)),
      link: ctx.links.review(review.reviewId),
    });
  }
}

/** How many reviews the author still owes in the assignment of `submission`. */
export const owed = (submission: SubmissionNoticeFacts, assignment: AssignmentNoticeFacts): number =>
  Math.max(0, assignment.review.reviewsPerLearner - submission.given);

/** "Reviews due in 24 hours": to a learner still active who still owes reviews, their window as planned. */
@Injectable()
export class ReviewsDueComposer extends PeerReviewComposer {
  readonly kind = NotificationMailKind.ReviewsDue;

  protected async composeFor(delivery: Delivery): Promise<ComposedEmail | null> {
    const { submissionId, closesAt } = delivery.payload;
    if (!str(submissionId) || !str(closesAt)) return null;
    const submission = await this.facts.submission(submissionId);
    if (!submission || submission.authorId !== delivery.userId) return null;
    if (submission.reviewClosesAt.getTime() !== new Date(closesAt).getTime()) return null;
    if (submission.reviewClosesAt <= this.clock.now()) return null;
    const ctx = await this.context(delivery, submission.cohortId, submission.assignmentId);
    if (!ctx || !active(ctx.reader, 'learner')) return null;
    const count = owed(submission, ctx.assignment);
    if (count === 0) return null;
    return this.render(delivery, {
      keys: mailKeys('reviewsDue'),
      displayName: ctx.reader.displayName,
      cohortTitle: ctx.reader.cohortTitle,
      assignmentTitle: ctx.assignment.title,
      when: renderInZone(submission.reviewClosesAt, ctx.reader.timeZone, delivery.locale),
      count,
      link: ctx.links.reviews(),
    });
  }
}

/**
 * "A review arrived": to the author of the reviewed submission. The reviewer is named only when the assignment is
 * open; in single- and double-blind modes the email says a review arrived (or that a facilitator wrote it, which the
 * author sees on the review anyway), never who wrote it.
 */
@Injectable()
export class ReviewReceivedComposer extends PeerReviewComposer {
  readonly kind = NotificationMailKind.ReviewReceived;

  protected async composeFor(delivery: Delivery): Promise<ComposedEmail | null> {
    const { reviewId, submissionId } = delivery.payload;
    if (!str(reviewId) || !str(submissionId)) return null;
    const [review, submission] = await Promise.all([this.facts.review(reviewId), this.facts.submission(submissionId)]);
    if (!review?.submittedAt || review.removedAt || review.authorId !== delivery.userId || !submission) return null;
    const ctx = await this.context(delivery, review.cohortId, review.assignmentId);
    if (!ctx) return null;
    const open = ctx.assignment.review.anonymity === Anonymity.Open;
    const reviewerName = open ? review.reviewerName : null;
    const body = reviewerName ? 'body' : review.staff ? 'bodyStaff' : 'bodyAnonymous';
    const visible = scoresReleased(submission, ctx.assignment.review, this.clock.now());
    return this.render(delivery, {
      keys: mailKeys('received', body, visible ? 'visible' : 'hidden'),
      displayName: ctx.reader.displayName,
      cohortTitle: ctx.reader.cohortTitle,
      assignmentTitle: ctx.assignment.title,
      reviewerName,
      count: review.received,
      k: ctx.assignment.review.reviewsPerSubmission,
      link: ctx.links.submission(),
    });
  }
}

/** "Your reviews and score are ready": once the release rule shows them, and only if a review is in. */
@Injectable()
export class ScoreReleasedComposer extends PeerReviewComposer {
  readonly kind = NotificationMailKind.ScoreReleased;

  protected async composeFor(delivery: Delivery): Promise<ComposedEmail | null> {
    const { submissionId } = delivery.payload;
    if (!str(submissionId)) return null;
    const submission = await this.facts.submission(submissionId);
    if (!submission || submission.authorId !== delivery.userId || submission.received === 0) return null;
    const ctx = await this.context(delivery, submission.cohortId, submission.assignmentId);
    if (!ctx || !scoresReleased(submission, ctx.assignment.review, this.clock.now())) return null;
    return this.render(delivery, {
      keys: mailKeys('scoreReleased'),
      displayName: ctx.reader.displayName,
      cohortTitle: ctx.reader.cohortTitle,
      assignmentTitle: ctx.assignment.title,
      link: ctx.links.score(),
    });
  }
}

/** "Short of k": to a facilitator still active, with how many submissions closed short; none, no email. */
@Injectable()
export class ReviewsShortOfKComposer extends PeerReviewComposer {
  readonly kind = NotificationMailKind.ReviewsShortOfK;

  protected async composeFor(delivery: Delivery): Promise<ComposedEmail | null> {
    const { cohortId, assignmentId } = delivery.payload;
    if (!str(cohortId) || !str(assignmentId)) return null;
    const ctx = await this.context(delivery, cohortId, assignmentId);
    if (!ctx || !active(ctx.reader, 'facilitator')) return null;
    const k = ctx.assignment.review.reviewsPerSubmission;
    const count = await this.facts.countShortOfK(cohortId, assignmentId, k, this.clock.now());
    if (count === 0) return null;
    return this.render(delivery, {
      keys: mailKeys('shortOfK'),
      displayName: ctx.reader.displayName,
      cohortTitle: ctx.reader.cohortTitle,
      assignmentTitle: ctx.assignment.title,
      count,
      k,
      link: ctx.links.queue(),
    });
  }
}
