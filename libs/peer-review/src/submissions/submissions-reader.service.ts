import { Injectable } from '@nestjs/common';
import { Clock, type Actor, type Page } from '@app/core';
import { AssignmentContexts } from '../assignments/assignment-context';
import { ScoringRepository } from '../scoring/scoring.repository';
import { DataSource } from 'typeorm';
import { readAuthorFeedback, type AuthorFeedback } from '../feedback/author-feedback';
import { PeerReviewRepository, type ReviewRecord } from '../reviews/peer-review.repository';
import {
  reviewView,
  versionView,
  type PersonRef,
  type ReviewView,
  type SubmissionVersionView,
} from '../reviews/peer-review.views';

/** A review of my submission as I (its author) see it, with my own feedback on it. */
export interface ReceivedReviewView extends ReviewView {
  myFeedback: AuthorFeedback;
}

/** The author's own submission: every version, the review counts, and the reviews once released to them. */
export interface MySubmissionView {
  id: string;
  assignmentId: string;
  dueAt: Date;
  reviewClosesAt: Date;
  versions: SubmissionVersionView[];
  /** k: submitted reviews this submission needs. */
  reviewsNeeded: number;
  reviewsReceived: number;
  /** m: reviews the author must give. */
  reviewsToGive: number;
  reviewsGiven: number;
  /** Once the author has given m reviews and k are in, the review window has closed, or a facilitator released. */
  reviewsReleased: boolean;
  /** Submitted reviews (reviewers per the assignment's anonymity) with my feedback on each; empty until released. */
  reviews: ReceivedReviewView[];
}

/** A submission as facilitators see it: author, latest version, and every review with its reviewer. */
export interface FacilitatorSubmissionView {
  id: string;
  author: PersonRef;
  dueAt: Date;
  reviewClosesAt: Date;
  latestVersion: SubmissionVersionView;
  reviewsReceived: number;
  reviews: ReviewView[];
}

@Injectable()
export class SubmissionsReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly repository: PeerReviewRepository,
    private readonly contexts: AssignmentContexts,
    private readonly scoring: ScoringRepository,
  ) {}

  /** The reader's own submission, or null when they have not submitted. */
  async mine(actor: Actor, cohortId: string, assignmentId: string): Promise<MySubmissionView | null> {
    const { assignment } = await this.contexts.assignment(cohortId, assignmentId);
    const submission = await this.repository.findSubmissionOf(cohortId, assignmentId, actor.userId);
    if (!submission) return null;
    const [versions, reviews, given, scoring] = await Promise.all([
      this.repository.versions({ submissionIds: [submission.id] }),
      this.repository.reviewsOfSubmissions([submission.id]),
      this.repository.countSubmittedBy(cohortId, assignmentId, actor.userId),
      this.scoring.findSettings(cohortId, assignmentId),
    ]);
    const now = this.clock.now();
    const received = counted(reviews);
    const { reviewsPerSubmission: k, reviewsPerLearner: m, anonymity } = assignment.review;
    const released =
      (given >= m && received.length >= k) || submission.reviewClosesAt <= now || Boolean(scoring?.releasedAt);
    const shown = released ? received : [];
    // One set query for the page's feedback (only the author reads this view, so it is always their own).
    const feedbackOf = await readAuthorFeedback(
      this.dataSource.manager,
      shown.map((r) => r.id),
    );
    return {
      id: submission.id,
      assignmentId,
      dueAt: submission.dueAt,
      reviewClosesAt: submission.reviewClosesAt,
      versions: versions.map(versionView),
      reviewsNeeded: k,
      reviewsReceived: received.length,
      reviewsToGive: m,
      reviewsGiven: given,
      reviewsReleased: released,
      reviews: shown.map((r) => ({
        ...reviewView(r, anonymity, 'author', now),
        myFeedback: feedbackOf(r.id),
      })),
    };
  }

  /**
   * One page of the assignment's submissions in the cohort (oldest first), each with every review (leases and
   * expired ones too).
   */
  async forFacilitators(
    cohortId: string,
    assignmentId: string,
    page: { limit: number; cursor?: string },
  ): Promise<Page<FacilitatorSubmissionView>> {
    const { assignment } = await this.contexts.assignment(cohortId, assignmentId);
    const { items: submissions, nextCursor } = await this.repository.submissionsPage(
      cohortId,
      assignmentId,
      page.limit,
      page.cursor,
    );
    const ids = submissions.map((s) => s.id);
    const [versions, reviews] = await Promise.all([
      this.repository.versions({ submissionIds: ids }),
      this.repository.reviewsOfSubmissions(ids),
    ]);
    const now = this.clock.now();
    const latest = new Map(versions.map((v) => [`${v.submissionId}:${v.version}`, v]));
    const bySubmission = new Map<string, ReviewRecord[]>();
    for (const review of reviews) {
      bySubmission.set(review.submissionId, [...(bySubmission.get(review.submissionId) ?? []), review]);
    }
    const items = submissions.map((s) => {
      const own = bySubmission.get(s.id) ?? [];
      return {
        id: s.id,
        author: { id: s.authorId, displayName: s.authorName },
        dueAt: s.dueAt,
        reviewClosesAt: s.reviewClosesAt,
        latestVersion: versionView(latest.get(`${s.id}:${s.latestVersion}`)!),
        reviewsReceived: counted(own).length,
        reviews: own.map((r) => reviewView(r, assignment.review.anonymity, 'facilitator', now)),
      };
    });
    return { items, nextCursor };
  }
}

/** The reviews that count (as scores count them): submitted, and not taken out by a facilitator. */
const counted = (reviews: readonly ReviewRecord[]): ReviewRecord[] =>
  reviews.filter((r) => r.submittedAt !== null && r.removedAt === null);
