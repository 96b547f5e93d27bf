import { Injectable } from '@nestjs/common';
import { CohortRole, EnrollmentStatus, LearnerModuleDatesReader } from '@app/cohorts';
import { Clock, type Actor } from '@app/core';
import { AssignmentContexts } from '../assignments/assignment-context';
import { ScoresService } from '../scoring/scores.service';
import { PeerReviewSettingsService } from '../settings/peer-review-settings.service';
import { PeerReviewProgressRepository } from './peer-review-progress.repository';

/** What the learner should do next about an assignment. The strings are API values: never rename one. */
export enum PeerReviewNextAction {
  /** Its module is not released to them yet. */
  NotOpen = 'notOpen',
  /** Submit work (before their due date, or late where the cohort takes late work). */
  Submit = 'submit',
  /** Nothing submitted, and the cohort refuses late work past their due date. */
  Missed = 'missed',
  /** Give reviews: fewer than m given and their review window is open. */
  Review = 'review',
  /** Done for now: their score is not released yet (k reviews in, a facilitator, or the window's end). */
  AwaitScore = 'awaitScore',
  /** Their reviews and score are released: read them. */
  ReadScore = 'readScore',
}

/** A learner's peer-review state in one assignment, for their own `me` view. */
export interface MyPeerReviewAssignmentView {
  assignmentId: string;
  title: string;
  moduleId: string;
  /** Their own due date for the work (their zone in learner-local mode, their extension included). */
  dueAt: Date;
  submission: { id: string; version: number; late: boolean; submittedAt: Date; reviewClosesAt: Date } | null;
  reviewsGiven: number;
  /** m. */
  reviewsRequired: number;
  reviewsReceived: number;
  /** k. */
  reviewsNeeded: number;
  /** Released under the rules of `scores/mine`; null before release or with nothing submitted. */
  score: { total: number | null; overridden: boolean } | null;
  nextAction: PeerReviewNextAction;
}

/**
 * The learner's peer review across a cohort's assignments, for the API to put beside their cohort progress (`me`).
 * Scores come from ScoresService.mine, so the release rules are that service's, never restated here.
 */
@Injectable()
export class PeerReviewProgressService {
  constructor(
    private readonly clock: Clock,
    private readonly contexts: AssignmentContexts,
    private readonly moduleDates: LearnerModuleDatesReader,
    private readonly settings: PeerReviewSettingsService,
    private readonly repository: PeerReviewProgressRepository,
    private readonly scores: ScoresService,
  ) {}

  /** Empty for anyone but an active learner of the cohort (facilitators have no work to submit). */
  async mine(actor: Actor, cohortId: string): Promise<MyPeerReviewAssignmentView[]> {
    const [assignments, dates, settings, submissions] = await Promise.all([
      this.contexts.assignmentsOf(cohortId),
      this.moduleDates.forLearner(cohortId, actor.userId),
      this.settings.get(cohortId),
      this.repository.submissionsOf(cohortId, actor.userId),
    ]);
    const learner = dates[0];
    if (!learner || learner.role !== CohortRole.Learner || learner.status !== EnrollmentStatus.Active) return [];
    const datesOf = new Map(dates.map((d) => [d.moduleId, d]));
    const submissionOf = new Map(submissions.map((s) => [s.assignmentId, s]));
    const now = this.clock.now();
    const views: MyPeerReviewAssignmentView[] = [];
    for (const { assignment, moduleId } of assignments) {
      const due = datesOf.get(moduleId);
      if (!due) continue; // not on the cohort's calendar
      const submitted = submissionOf.get(assignment.id);
      const score = submitted ? await this.scores.mine(actor, cohortId, assignment.id) : null;
      const { reviewsPerLearner: m, reviewsPerSubmission: k } = assignment.review;
      const given = submitted?.reviewsGiven ?? 0;
      views.push({
        assignmentId: assignment.id,
        title: assignment.title,
        moduleId,
        dueAt: due.dueAt,
        submission: submitted
          ? {
              id: submitted.submissionId,
              version: submitted.latestVersion,
              late: submitted.late,
              submittedAt: submitted.submittedAt,
              reviewClosesAt: submitted.reviewClosesAt,
            }
          : null,
        reviewsGiven: given,
        reviewsRequired: m,
        reviewsReceived: submitted?.reviewsReceived ?? 0,
        reviewsNeeded: k,
        score: score?.released ? { total: score.total, overridden: score.overridden } : null,
        nextAction: nextAction({
          released: due.releaseAt <= now,
          dueOpen: now <= due.dueAt || settings.lateSubmissions,
          submitted: submitted !== undefined,
          reviewing: given < m && submitted !== undefined && now < submitted.reviewClosesAt,
          scoreReleased: score?.released ?? false,
        }),
      });
    }
    return views;
  }
}

function nextAction(state: {
  released: boolean;
  dueOpen: boolean;
  submitted: boolean;
  reviewing: boolean;
  scoreReleased: boolean;
}): PeerReviewNextAction {
  if (!state.submitted) {
    if (!state.released) return PeerReviewNextAction.NotOpen;
    return state.dueOpen ? PeerReviewNextAction.Submit : PeerReviewNextAction.Missed;
  }
  if (state.reviewing) return PeerReviewNextAction.Review;
  return state.scoreReleased ? PeerReviewNextAction.ReadScore : PeerReviewNextAction.AwaitScore;
}
