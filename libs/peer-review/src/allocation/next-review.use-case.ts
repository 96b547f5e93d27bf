import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CohortGroupsQuery } from '@app/cohorts';
import { AppConfig, Clock, Outbox, type Actor } from '@app/core';
import { AssignmentContexts } from '../assignments/assignment-context';
import { PeerReviewError, PeerReviewErrorCode } from '../peer-review.errors';
import { PeerReviewEvent } from '../peer-review.events';
import { ReviewsReader } from '../reviews/reviews-reader.service';
import type { ReviewAssignmentView } from '../reviews/peer-review.views';
import { CalibrationReviewsService } from '../calibration/calibration-reviews.service';
import type { CalibrationReviewView } from '../calibration/calibration.views';
import { ReviewAllocationRepository } from './review-allocation.repository';

/** What `next` hands: a peer submission under a lease, or a calibration item (each says which). */
export type NextReviewView = (ReviewAssignmentView & { kind: 'peer' }) | CalibrationReviewView;

/** Most claim rounds one call makes; a round is lost only to a concurrent claimer that filled the same row. */
const MAX_ROUNDS = 50;

/**
 * `next`: hands an active learner who has submitted their own work one submission to review, under a lease. A lease
 * still running in the assignment is handed again (one at a time, so nobody hoards submissions). While the
 * assignment has calibration items the learner has not reviewed, those come first, one at a time, in order. When
 * the cohort keeps reviewers off their own group's work and nothing else is open to the reviewer, the answer is
 * "nothing to review right now" (null): the rule holds even against a submission short of reviews, which the
 * facilitator queue catches once its window closes.
 */
@Injectable()
export class NextReviewUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly contexts: AssignmentContexts,
    private readonly allocation: ReviewAllocationRepository,
    private readonly reader: ReviewsReader,
    private readonly outbox: Outbox,
    private readonly calibration: CalibrationReviewsService,
    private readonly groups: CohortGroupsQuery,
  ) {}

  /** The leased review or the calibration review, or null when there is nothing to review. */
  async execute(actor: Actor, cohortId: string, assignmentId: string): Promise<NextReviewView | null> {
    const peer = async (reviewId: string): Promise<NextReviewView> => ({
      kind: 'peer',
      ...(await this.reader.assignment(actor, reviewId)),
    });
    const { assignment } = await this.contexts.assignment(cohortId, assignmentId);
    const now = this.clock.now();
    const standing = await this.allocation.standing(this.dataSource.manager, cohortId, assignmentId, actor.userId, now);
    if (!standing.activeLearner) throw new PeerReviewError(PeerReviewErrorCode.LearnersOnly);
    if (!standing.submitted) throw new PeerReviewError(PeerReviewErrorCode.SubmissionRequired);
    if (standing.openLeaseId) return peer(standing.openLeaseId);
    if (standing.pendingCalibration) {
      const address = { cohortId, assignmentId };
      return this.calibration.begin(actor, address, standing.pendingCalibration, assignment.rubric);
    }
    const request = {
      cohortId,
      assignmentId,
      reviewerId: actor.userId,
      now,
      leaseExpiresAt: new Date(now.getTime() + this.config.PEER_REVIEW_LEASE_MINUTES * 60_000),
      needed: assignment.review.reviewsPerSubmission,
      excludedAuthors: standing.excludeOwnGroup ? await this.ownGroupMembers(cohortId, actor.userId) : [],
    };
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const outcome = await this.dataSource.transaction(async (manager) => {
        const claimed = await this.allocation.claimRound(manager, request);
        if (typeof claimed === 'object') {
          await this.outbox.record(manager, PeerReviewEvent.ReviewLeased, claimed.submissionId, {
            reviewId: claimed.reviewId,
            submissionId: claimed.submissionId,
            cohortId,
            reviewerId: actor.userId,
          });
        }
        return claimed;
      });
      if (outcome === 'none') return null;
      if (outcome !== 'retry') return peer(outcome.reviewId);
    }
    return null;
  }

  /** The other members of the reviewer's cohort group, read through the cohorts library (its active rosters). */
  private async ownGroupMembers(cohortId: string, reviewerId: string): Promise<string[]> {
    const { group } = await this.groups.mine(cohortId, reviewerId);
    return (group?.members ?? []).map((m) => m.userId).filter((id) => id !== reviewerId);
  }
}
