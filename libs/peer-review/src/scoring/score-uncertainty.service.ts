import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@app/core';
import { AssignmentContexts } from '../assignments/assignment-context';
import { CalibrationRepository } from '../calibration/calibration.repository';
import { DEFAULT_AGGREGATION_METHOD } from './assignment-scoring.entity';
import { scoreAssignment } from './score-computation';
import { ScoringRepository } from './scoring.repository';

interface Run {
  /** Set by a caller that came while this run was fitting: its change may be missing, so the run fits again. */
  again: boolean;
  done: Promise<void>;
}

/**
 * Keeps `peer_review_uncertain_submissions` true to the reviewer model: after each change that can move the fit,
 * the whole assignment is fitted again (with its calibration anchors) and the set of submissions the model is too
 * unsure of, with their k counted reviews and no override, replaced. Only for the `model` method: mean and median
 * give no uncertainty, so the set is then empty.
 *
 * Why here and not in `next`: a fit reads every review of the assignment; `next` must stay a few indexed queries.
 * Why synchronously, after the change has committed: the learner who submits and the facilitator who looks next
 * see the effect at once, with no job to wait for. Runs for one assignment are coalesced within a process (a caller
 * arriving during a run waits for one more run, which sees its change; a burst of submissions costs two fits, not
 * one each) and serialized across replicas by a transaction-scoped advisory lock, under which the fit reads on the
 * same connection: one connection per assignment at a time, never one waiting for another. A failure is logged and
 * leaves the last set in place: the change itself is already committed, and the next one recomputes.
 */
@Injectable()
export class ScoreUncertaintyService {
  private readonly logger = new Logger(ScoreUncertaintyService.name);
  private readonly runs = new Map<string, Run>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly contexts: AssignmentContexts,
    private readonly repository: ScoringRepository,
    private readonly calibration: CalibrationRepository,
  ) {}

  async refresh(cohortId: string, assignmentId: string): Promise<void> {
    const key = `${cohortId}:${assignmentId}`;
    const running = this.runs.get(key);
    if (running) {
      running.again = true;
      return running.done;
    }
    const run: Run = { again: false, done: Promise.resolve() };
    run.done = (async () => {
      try {
        do {
          run.again = false;
          await this.recompute(cohortId, assignmentId);
        } while (run.again);
      } catch (error) {
        this.logger.error({ cohortId, assignmentId, err: (error as Error).message }, 'uncertain scores not recomputed');
      } finally {
        this.runs.delete(key);
      }
    })();
    this.runs.set(key, run);
    return run.done;
  }

  private async recompute(cohortId: string, assignmentId: string): Promise<void> {
    const { assignment } = await this.contexts.assignment(cohortId, assignmentId);
    const k = assignment.review.reviewsPerSubmission;
    await this.dataSource.transaction(async (manager) => {
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
    });
  }
}
