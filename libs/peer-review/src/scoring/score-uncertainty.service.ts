import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@app/core';
import { AssignmentContexts } from '../assignments/assignment-context';
import { CalibrationRepository } from '../calibration/calibration.repository';
import { DEFAULT_AGGREGATION_METHOD } from './assignment-scoring.entity';
import { scoreAssignment } from './score-computation';
import { ScoringRepository } from './scoring.repository';

/**
 * Keeps `peer_review_uncertain_submissions` true to the reviewer model: the whole assignment is fitted again (with
 * its calibration anchors) and the set of submissions the model is too unsure of, with their k counted reviews and
 * no override, replaced. Only for the `model` method: mean and median give no uncertainty, so the set is then empty.
 *
 * Why here and not in `next`: a fit reads every review of the assignment; `next` must stay a few indexed queries.
 * Why not in the request that made the change: a fit costs tens of ms for 1,000 submissions and seconds for 20,000.
 * The change records an outbox event in its own transaction and the worker's relay calls `recompute` (see
 * `ScoreUncertaintyHandler`), so a crash after the commit cannot lose the refit. Refits of one assignment are
 * serialized across workers by a transaction-scoped advisory lock, under which the fit reads on the same connection.
 */
@Injectable()
export class ScoreUncertaintyService {
  constructor(
    private readonly clock: Clock,
    private readonly contexts: AssignmentContexts,
    private readonly repository: ScoringRepository,
    private readonly calibration: CalibrationRepository,
  ) {}

  /** Refits the assignment on `manager`'s transaction; the lock it takes is held until that transaction ends. */
  async recompute(manager: EntityManager, cohortId: string, assignmentId: string): Promise<void> {
    const { assignment } = await this.contexts.assignment(cohortId, assignmentId);
    const k = assignment.review.reviewsPerSubmission;
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `peer-review-uncertainty:${cohortId}:${assignmentId}`,
    ]);
    const settings = await this.repository.findSettings(cohortId, assignmentId, manager);
    const method = settings?.aggregationMethod ?? DEFAULT_AGGREGATION_METHOD;
    const uncertain: { submissionId: string; standardDeviation: number }[] = [];
    if (method === 'model') {
      const reviews = await this.repository.submittedScores(cohortId, assignmentId, manager);
      const calibration = await this.calibration.evidence(cohortId, assignmentId, manager);
      const overridden = await this.repository.overriddenSubmissions(cohortId, assignmentId, manager);
      const received = new Map<string, number>();
      for (const r of reviews) received.set(r.submissionId, (received.get(r.submissionId) ?? 0) + 1);
      for (const [submissionId, result] of scoreAssignment(assignment.rubric, reviews, method, calibration)) {
        if (!result.needsMoreReviews || overridden.has(submissionId)) continue;
        // Short of k, a submission is short anyway; the extra review is for one whose k reviews left it unsure.
        if ((received.get(submissionId) ?? 0) < k) continue;
        uncertain.push({ submissionId, standardDeviation: result.standardDeviation ?? 0 });
      }
    }
    await this.repository.replaceUncertain(manager, cohortId, assignmentId, uncertain, this.clock.now());
  }
}
