import { Injectable } from '@nestjs/common';
import type { Actor } from '@app/core';
import { AssignmentContexts } from '../assignments/assignment-context';
import type { PersonRef } from '../reviews/peer-review.views';
import { reviewerStandings, type ReviewerResult } from '../scoring/score-computation';
import { ScoringRepository } from '../scoring/scoring.repository';
import { ReviewerStandingRepository, type ReviewingRecord } from './reviewer-standing.repository';
import { feedbackSentences } from './standing-feedback';
import { CalibrationRepository } from '../calibration/calibration.repository';

/** The model's figures on one criterion (on the criterion's scale), with its title. */
export interface CriterionStandingView {
  criterionId: string;
  title: string;
  bias: number;
  biasStandardDeviation: number;
  /** Expected precision τ (1 / variance on the criterion's scale). */
  reliability: number;
  noiseStandardDeviation: number;
  reviewCount: number;
}

/** How someone reviews in an assignment: counts, timeliness, helpfulness, and what the reviewer model learnt. */
export interface ReviewingFigures {
  /** m when they submitted work (so owe reviews); 0 for a facilitator giving staff reviews. */
  reviewsRequired: number;
  reviewsGiven: number;
  /** Submitted before their review window closed. */
  reviewsOnTime: number;
  reviewsLate: number;
  /** Of those given, taken out of scoring by a facilitator. */
  reviewsRemoved: number;
  helpfulness: { mean: number | null; ratings: number };
  /** Points out of 100 on a total: above 0, they score higher than the estimated truth. Null before a counted review. */
  bias: number | null;
  biasStandardDeviation: number | null;
  /** Points out of 100: their typical error on a total once the bias is taken out. */
  noiseStandardDeviation: number | null;
  criteria: CriterionStandingView[];
}

export interface ReviewerStandingView extends ReviewingFigures {
  reviewer: PersonRef;
  staff: boolean;
}

export interface AssignmentReviewerStandingView {
  assignmentId: string;
  reviewsPerLearner: number;
  reviewers: ReviewerStandingView[];
  summary: {
    reviewers: number;
    /** Learners who submitted and gave fewer than m reviews. */
    owingReviews: number;
    /** Mean of |bias| over reviewers the model measured, points out of 100. */
    meanAbsoluteBias: number | null;
    /** Share (0-1) of given reviews that came on time. */
    onTimeShare: number | null;
    /** Mean of every rating given in the assignment. */
    meanHelpfulness: number | null;
  };
}

/** One reviewer over every assignment of a cohort: counts summed, means weighted by what they rest on. */
export interface CohortReviewerStandingView {
  reviewer: PersonRef;
  staff: boolean;
  /** Assignments they submitted to or reviewed in. */
  assignments: number;
  reviewsRequired: number;
  reviewsGiven: number;
  reviewsOnTime: number;
  reviewsLate: number;
  reviewsRemoved: number;
  helpfulness: { mean: number | null; ratings: number };
  /** Per-assignment biases (points out of 100) weighted by the reviews each rests on; null when never measured. */
  bias: number | null;
  noiseStandardDeviation: number | null;
}

export interface CohortReviewerStandingSummaryView {
  cohortId: string;
  /** Assignments with submissions, in course order, each with its own summary. */
  assignments: { assignmentId: string; title: string; summary: AssignmentReviewerStandingView['summary'] }[];
  reviewers: CohortReviewerStandingView[];
}

/** The reviewer's own standing, for them: figures plus sentences addressed to them. No one else is named. */
export interface MyReviewerStandingView extends ReviewingFigures {
  assignmentId: string;
  feedback: string[];
}

/**
 * Reviewer standing: each reviewer's bias and reliability from the reviewer model (fitted over the assignment's
 * counted reviews by the same code the scores use), the helpfulness authors rated, and reviews given on time against
 * the m asked. Three statements whatever the number of reviewers.
 */
@Injectable()
export class ReviewerStandingService {
  constructor(
    private readonly contexts: AssignmentContexts,
    private readonly scoring: ScoringRepository,
    private readonly repository: ReviewerStandingRepository,
    private readonly calibration: CalibrationRepository,
  ) {}

  async forFacilitators(cohortId: string, assignmentId: string): Promise<AssignmentReviewerStandingView> {
    const { assignment } = await this.contexts.assignment(cohortId, assignmentId);
    const [reviews, people, calibration] = await Promise.all([
      this.scoring.submittedScores(cohortId, assignmentId),
      this.repository.reviewing(cohortId, assignmentId),
      this.calibration.evidence(cohortId, assignmentId),
    ]);
    const model = reviewerStandings(assignment.rubric, reviews, calibration);
    const titles = new Map(assignment.rubric.map((c) => [c.id, c.title]));
    const m = assignment.review.reviewsPerLearner;
    const reviewers = people.map((p) => ({
      reviewer: { id: p.userId, displayName: p.displayName },
      staff: p.staff,
      ...figures(p, m, model.get(p.userId), titles),
    }));
    const measured = reviewers.filter((r) => r.bias !== null);
    const given = sum(reviewers.map((r) => r.reviewsGiven));
    const ratings = sum(reviewers.map((r) => r.helpfulness.ratings));
    return {
      assignmentId,
      reviewsPerLearner: m,
      reviewers,
      summary: {
        reviewers: reviewers.length,
        owingReviews: people.filter((p) => p.submitted && p.given < m).length,
        meanAbsoluteBias: measured.length ? sum(measured.map((r) => Math.abs(r.bias!))) / measured.length : null,
        onTimeShare: given ? sum(reviewers.map((r) => r.reviewsOnTime)) / given : null,
        meanHelpfulness: ratings
          ? sum(reviewers.map((r) => (r.helpfulness.mean ?? 0) * r.helpfulness.ratings)) / ratings
          : null,
      },
    };
  }

  /** Every reviewer's standing summed over the cohort's assignments (one fit per assignment, as each is scored). */
  async cohortSummary(cohortId: string): Promise<CohortReviewerStandingSummaryView> {
    const [assignments, submitted] = await Promise.all([
      this.contexts.assignmentsOf(cohortId),
      this.scoring.assignmentsWithSubmissions(cohortId),
    ]);
    const withWork = assignments.filter(({ assignment }) => submitted.includes(assignment.id));
    const summaries: CohortReviewerStandingSummaryView['assignments'] = [];
    const merged = new Map<string, CohortReviewerStandingView & { biasWeight: number }>();
    for (const { assignment } of withWork) {
      const standing = await this.forFacilitators(cohortId, assignment.id);
      summaries.push({ assignmentId: assignment.id, title: assignment.title, summary: standing.summary });
      for (const r of standing.reviewers) {
        const into = merged.get(r.reviewer.id) ?? {
          reviewer: r.reviewer,
          staff: false,
          assignments: 0,
          reviewsRequired: 0,
          reviewsGiven: 0,
          reviewsOnTime: 0,
          reviewsLate: 0,
          reviewsRemoved: 0,
          helpfulness: { mean: null, ratings: 0 },
          bias: null,
          noiseStandardDeviation: null,
          biasWeight: 0,
        };
        into.staff ||= r.staff;
        into.assignments += 1;
        into.reviewsRequired += r.reviewsRequired;
        into.reviewsGiven += r.reviewsGiven;
        into.reviewsOnTime += r.reviewsOnTime;
        into.reviewsLate += r.reviewsLate;
        into.reviewsRemoved += r.reviewsRemoved;
        const ratings = into.helpfulness.ratings + r.helpfulness.ratings;
        if (r.helpfulness.mean !== null) {
          into.helpfulness = {
            mean:
              ((into.helpfulness.mean ?? 0) * into.helpfulness.ratings + r.helpfulness.mean * r.helpfulness.ratings) /
              ratings,
            ratings,
          };
        }
        const weight = r.reviewsGiven - r.reviewsRemoved;
        if (r.bias !== null && weight > 0) {
          into.bias = ((into.bias ?? 0) * into.biasWeight + r.bias * weight) / (into.biasWeight + weight);
          into.noiseStandardDeviation =
            ((into.noiseStandardDeviation ?? 0) * into.biasWeight + r.noiseStandardDeviation! * weight) /
            (into.biasWeight + weight);
          into.biasWeight += weight;
        }
        merged.set(r.reviewer.id, into);
      }
    }
    const reviewers = [...merged.values()].map(({ biasWeight: _, ...view }) => view);
    reviewers.sort(
      (a, b) =>
        (a.reviewer.displayName ?? '').localeCompare(b.reviewer.displayName ?? '') ||
        (a.reviewer.id < b.reviewer.id ? -1 : 1),
    );
    return { cohortId, assignments: summaries, reviewers };
  }

  /**
   * The reader's own standing. Only their own counts and the model's figures about them: never a submission, an
   * author or another reviewer (the model is fitted over everyone, but only aggregates come out).
   */
  async mine(actor: Actor, cohortId: string, assignmentId: string): Promise<MyReviewerStandingView> {
    const { assignment } = await this.contexts.assignment(cohortId, assignmentId);
    const [reviews, own, calibration] = await Promise.all([
      this.scoring.submittedScores(cohortId, assignmentId),
      this.repository.reviewing(cohortId, assignmentId, actor.userId),
      this.calibration.evidence(cohortId, assignmentId),
    ]);
    const record: ReviewingRecord = own[0] ?? {
      userId: actor.userId,
      displayName: null,
      submitted: false,
      staff: false,
      given: 0,
      onTime: 0,
      removed: 0,
      helpfulness: null,
      ratings: 0,
    };
    const titles = new Map(assignment.rubric.map((c) => [c.id, c.title]));
    const mine = figures(
      record,
      assignment.review.reviewsPerLearner,
      reviewerStandings(assignment.rubric, reviews, calibration).get(actor.userId),
      titles,
    );
    return { assignmentId, ...mine, feedback: feedbackSentences(mine, record.submitted) };
  }
}

function figures(
  p: ReviewingRecord,
  m: number,
  model: ReviewerResult | undefined,
  titles: ReadonlyMap<string, string>,
): ReviewingFigures {
  return {
    reviewsRequired: p.submitted ? m : 0,
    reviewsGiven: p.given,
    reviewsOnTime: p.onTime,
    reviewsLate: p.given - p.onTime,
    reviewsRemoved: p.removed,
    helpfulness: { mean: p.helpfulness, ratings: p.ratings },
    bias: model?.bias ?? null,
    biasStandardDeviation: model?.biasStandardDeviation ?? null,
    noiseStandardDeviation: model?.noiseStandardDeviation ?? null,
    criteria: (model?.criteria ?? []).map((c) => ({ ...c, title: titles.get(c.criterionId) ?? '' })),
  };
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
