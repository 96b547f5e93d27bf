import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, ResourceNotFoundError, type Actor } from '@app/core';
import { CohortActivity } from '../activity/cohort-activity';
import { CohortsError, CohortsErrorCode } from '../cohorts.errors';
import { CohortRole } from '../cohorts/cohort-member.entity';
import { CohortRepository } from '../cohorts/cohort.repository';
import { CohortCalendar } from '../schedule/cohort-calendar';
import { buildProgress, type LearnerProgress } from './learner-progress';
import { ProgressRepository } from './progress.repository';

/** A learner's own view of the cohort's calendar: what is released, done, late, and due next. */
@Injectable()
export class LearnerProgressService {
  constructor(
    private readonly clock: Clock,
    private readonly progress: ProgressRepository,
    private readonly cohorts: CohortRepository,
    private readonly activity: CohortActivity,
  ) {}

  /** The reader's own progress; opening it counts as activity. */
  async own(actor: Actor, cohortId: string): Promise<LearnerProgress> {
    const view = await this.read(actor, cohortId, actor.userId);
    await this.activity.touch(cohortId, actor.userId);
    return view;
  }

  /** A learner's progress as a facilitator sees it (in the facilitator's language). */
  async ofLearner(actor: Actor, cohortId: string, userId: string): Promise<LearnerProgress> {
    const view = await this.read(actor, cohortId, userId);
    if (view.role !== CohortRole.Learner) throw new CohortsError(CohortsErrorCode.NotEnrolled, 'userId');
    return view;
  }

  /** Progress of `userId` rendered for `reader`, inside a transaction when given its manager. */
  async read(reader: Actor, cohortId: string, userId: string, manager?: EntityManager): Promise<LearnerProgress> {
    const [facts, clock] = await Promise.all([
      this.progress.load(cohortId, userId, manager),
      this.cohorts.personClock(reader.userId, manager),
    ]);
    if (!facts) throw new ResourceNotFoundError('cohort');
    return buildProgress(facts, userId, new CohortCalendar(facts.cohort), this.clock.now(), clock.locale);
  }
}
