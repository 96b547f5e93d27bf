import { Injectable } from '@nestjs/common';
import { Clock, ResourceNotFoundError, type Actor, type Page } from '@app/core';
import type { Assignment, RubricCriterion } from '@app/courses';
import type { AggregationMethod } from '../aggregation/aggregation.types';
import { AssignmentContexts } from '../assignments/assignment-context';
import { PeerReviewRepository, type SubmissionRecord } from '../reviews/peer-review.repository';
import type { PersonRef } from '../reviews/peer-review.views';
import { CalibrationRepository } from '../calibration/calibration.repository';
import { scoresReleased } from './score-release';
import {
  scoreAssignment,
  type CalibrationScores,
  type CriterionResult,
  type SubmissionResult,
  type SubmittedScores,
} from './score-computation';
import { ScoringRepository, type OverrideRecord } from './scoring.repository';
import { DEFAULT_AGGREGATION_METHOD } from './assignment-scoring.entity';

export { DEFAULT_AGGREGATION_METHOD };

export interface AssignmentScoringView {
  cohortId: string;
  assignmentId: string;
  aggregationMethod: AggregationMethod;
  /** When a facilitator released every learner's reviews and score; null until then. */
  releasedAt: Date | null;
}

export interface ScoreOverrideView {
  total: number;
  reason: string;
  setBy: PersonRef | null;
  setAt: Date;
}

/** A submission's score as facilitators see it: the aggregate, the override in force, and its history. */
export interface FacilitatorScoreView {
  submissionId: string;
  author: PersonRef;
  reviewsReceived: number;
  /** Out of 100: the override when there is one, else the aggregate; null before any review. */
  total: number | null;
  /** The aggregate's standard deviation out of 100 (model only). */
  standardDeviation: number | null;
  criteria: CriterionResult[];
  /** Short of k reviews, or the model is too unsure of some criterion. */
  needsMoreReviews: boolean;
  override: ScoreOverrideView | null;
  history: ScoreOverrideView[];
}

/** The learner's own score: null fields until released. */
export interface MyScoreView {
  submissionId: string;
  aggregationMethod: AggregationMethod;
  released: boolean;
  total: number | null;
  standardDeviation: number | null;
  criteria: CriterionResult[];
  /** The score was set by a facilitator (with this reason), not aggregated from the reviews. */
  overridden: boolean;
  overrideReason: string | null;
}

export interface ReleasedTotal {
  authorId: string;
  /** Out of 100. */
  total: number;
}

export interface OverrideInput {
  total: number;
  reason: string;
}

/**
 * Scores of an assignment's submissions, computed on read from its submitted reviews by the method its facilitators
 * chose (the reviewer model unless they chose otherwise), fitted over the whole assignment: one query for the
 * reviews, one for the overrides, whatever the number of submissions.
 */
@Injectable()
export class ScoresService {
  constructor(
    private readonly clock: Clock,
    private readonly repository: ScoringRepository,
    private readonly reviews: PeerReviewRepository,
    private readonly contexts: AssignmentContexts,
    private readonly calibration: CalibrationRepository,
  ) {}

  async settings(cohortId: string, assignmentId: string): Promise<AssignmentScoringView> {
    await this.contexts.assignment(cohortId, assignmentId);
    const row = await this.repository.findSettings(cohortId, assignmentId);
    return {
      cohortId,
      assignmentId,
      aggregationMethod: row?.aggregationMethod ?? DEFAULT_AGGREGATION_METHOD,
      releasedAt: row?.releasedAt ?? null,
    };
  }

  async setMethod(cohortId: string, assignmentId: string, method: AggregationMethod): Promise<AssignmentScoringView> {
    await this.contexts.assignment(cohortId, assignmentId);
    // Records `scoring-changed`: the worker refits the uncertain set (mean and median leave it empty).
    await this.repository.saveMethod(cohortId, assignmentId, method, this.clock.now());
    return this.settings(cohortId, assignmentId);
  }

  async release(actor: Actor, cohortId: string, assignmentId: string): Promise<AssignmentScoringView> {
    await this.contexts.assignment(cohortId, assignmentId);
    await this.repository.release(cohortId, assignmentId, actor.userId, this.clock.now());
    return this.settings(cohortId, assignmentId);
  }

  /**
   * One page of the assignment's scores (submissions oldest first). The model is fitted over the whole assignment
   * whatever the page: a reviewer's bias is learnt from all their reviews.
   */
  async forFacilitators(
    cohortId: string,
    assignmentId: string,
    page: { limit: number; cursor?: string },
  ): Promise<Page<FacilitatorScoreView>> {
    const { assignment } = await this.contexts.assignment(cohortId, assignmentId);
    const { items, nextCursor } = await this.reviews.submissionsPage(cohortId, assignmentId, page.limit, page.cursor);
    return { items: await this.scored(cohortId, assignmentId, assignment, items), nextCursor };
  }

  /** Every submission's score in the assignment (the dashboard's averages, an override's answer). */
  async allForFacilitators(cohortId: string, assignmentId: string): Promise<FacilitatorScoreView[]> {
    const { assignment } = await this.contexts.assignment(cohortId, assignmentId);
    const submissions = await this.reviews.submissionsOfAssignment(cohortId, assignmentId);
    return this.scored(cohortId, assignmentId, assignment, submissions);
  }

  /**
   * Each author's total (out of 100, the override when there is one) once a facilitator released the assignment's
   * scores; nothing before (the badges library's "submission scored" rule). Submissions without a review have no
   * total and are left out.
   */
  async releasedTotals(cohortId: string, assignmentId: string): Promise<ReleasedTotal[]> {
    const settings = await this.settings(cohortId, assignmentId);
    if (!settings.releasedAt) return [];
    const scores = await this.allForFacilitators(cohortId, assignmentId);
    return scores.flatMap((s) => (s.total === null ? [] : [{ authorId: s.author.id, total: s.total }]));
  }

  private async scored(
    cohortId: string,
    assignmentId: string,
    assignment: Assignment,
    submissions: readonly SubmissionRecord[],
  ): Promise<FacilitatorScoreView[]> {
    const [settings, reviews, overrides] = await Promise.all([
      this.settings(cohortId, assignmentId),
      this.repository.submittedScores(cohortId, assignmentId),
      this.repository.overrides(cohortId, assignmentId),
    ]);
    const results = await this.score(assignment.rubric, reviews, settings.aggregationMethod, cohortId, assignmentId);
    const received = countBy(reviews.map((r) => r.submissionId));
    const history = groupBy(overrides.map((o) => [o.submissionId, overrideView(o)] as const));
    const k = assignment.review.reviewsPerSubmission;
    return submissions.map((s) => {
      const result = results.get(s.id);
      const own = history.get(s.id) ?? [];
      const count = received.get(s.id) ?? 0;
      return {
        submissionId: s.id,
        author: { id: s.authorId, displayName: s.authorName },
        reviewsReceived: count,
        ...effective(result, own[0] ?? null),
        needsMoreReviews: count < k || (result?.needsMoreReviews ?? false),
        override: own[0] ?? null,
        history: own,
      };
    });
  }

  /**
   * The reader's own score, once released: they have given m reviews and k are in, or their review window has
   * closed, or a facilitator released the assignment's scores.
   */
  async mine(actor: Actor, cohortId: string, assignmentId: string): Promise<MyScoreView> {
    const { assignment } = await this.contexts.assignment(cohortId, assignmentId);
    const submission = await this.reviews.findSubmissionOf(cohortId, assignmentId, actor.userId);
    if (!submission) throw new ResourceNotFoundError('submission');
    const [settings, given, reviews, overrides] = await Promise.all([
      this.settings(cohortId, assignmentId),
      this.reviews.countSubmittedBy(cohortId, assignmentId, actor.userId),
      this.repository.submittedScores(cohortId, assignmentId),
      this.repository.overrides(cohortId, assignmentId, submission.id),
    ]);
    const received = reviews.filter((r) => r.submissionId === submission.id).length;
    const released = scoresReleased(
      { releasedAt: settings.releasedAt, given, received, reviewClosesAt: submission.reviewClosesAt },
      assignment.review,
      this.clock.now(),
    );
    const hidden = { total: null, standardDeviation: null, criteria: [], overridden: false, overrideReason: null };
    const base = { submissionId: submission.id, aggregationMethod: settings.aggregationMethod, released };
    if (!released) return { ...base, ...hidden };
    const results = await this.score(assignment.rubric, reviews, settings.aggregationMethod, cohortId, assignmentId);
    const result = results.get(submission.id);
    const override = overrides[0] ?? null;
    return {
      ...base,
      ...effective(result, override),
      overridden: override !== null,
      overrideReason: override?.reason ?? null,
    };
  }

  /** The assignment's scores; the reviewer model also takes the calibration items as anchors. */
  private async score(
    rubric: readonly RubricCriterion[],
    reviews: readonly SubmittedScores[],
    method: AggregationMethod,
    cohortId: string,
    assignmentId: string,
  ): Promise<Map<string, SubmissionResult>> {
    const calibration: CalibrationScores | undefined =
      method === 'model' ? await this.calibration.evidence(cohortId, assignmentId) : undefined;
    return scoreAssignment(rubric, reviews, method, calibration);
  }

  async override(
    actor: Actor,
    cohortId: string,
    assignmentId: string,
    submissionId: string,
    input: OverrideInput,
  ): Promise<FacilitatorScoreView> {
    const { assignment } = await this.contexts.assignment(cohortId, assignmentId);
    const submission = await this.reviews.findSubmission(cohortId, assignmentId, submissionId);
    if (!submission) throw new ResourceNotFoundError('submission');
    // Records `scoring-changed`: the worker takes the submission out of the uncertain set.
    const address = { cohortId, assignmentId, submissionId };
    await this.repository.addOverride(address, input.total, input.reason.trim(), actor.userId, this.clock.now());
    const [after] = await this.scored(cohortId, assignmentId, assignment, [submission]);
    return after!;
  }
}

function effective(
  result: SubmissionResult | undefined,
  override: Pick<ScoreOverrideView, 'total'> | null,
): Pick<FacilitatorScoreView, 'total' | 'standardDeviation' | 'criteria'> {
  return {
    total: override?.total ?? result?.total ?? null,
    standardDeviation: override ? null : (result?.standardDeviation ?? null),
    criteria: result?.criteria ?? [],
  };
}

function overrideView(o: OverrideRecord): ScoreOverrideView {
  return {
    total: o.total,
    reason: o.reason,
    setBy: o.setById ? { id: o.setById, displayName: o.setByName } : null,
    setAt: o.setAt,
  };
}

function countBy(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

function groupBy<T>(pairs: readonly (readonly [string, T])[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const [key, value] of pairs) groups.set(key, [...(groups.get(key) ?? []), value]);
  return groups;
}
