import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, Outbox, ResourceNotFoundError, type Actor } from '@app/core';
import { GroupMembershipWriter, SeatOutcome } from '@app/groups';
import { CohortActivity } from '../activity/cohort-activity';
import { CohortsError, CohortsErrorCode } from '../cohorts.errors';
import { CohortRole, EnrollmentStatus } from '../cohorts/cohort-member.entity';
import { CohortGroupsQuery } from './cohort-groups.query';
import { GroupingRepository, type GroupingMembership } from './grouping.repository';
import type { GroupingOverview, MyGrouping } from './grouping.views';
import { CohortEvent } from '../cohorts.events';

export interface MoveInput {
  userId: string;
  toGroupId: string;
}

const isActiveLearner = (m: GroupingMembership | null): m is GroupingMembership =>
  m?.role === CohortRole.Learner && m.status === EnrollmentStatus.Active;

/** Learners ask to change group; facilitators move people between the cohort's groups by hand. */
@Injectable()
export class GroupMovesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly activity: CohortActivity,
    private readonly repository: GroupingRepository,
    private readonly query: CohortGroupsQuery,
    private readonly writer: GroupMembershipWriter,
  ) {}

  /** A learner, with or without a group, asks a facilitator for another one. Asking again updates the note. */
  async requestMove(actor: Actor, cohortId: string, note: string | null): Promise<MyGrouping> {
    await this.dataSource.transaction(async (manager) => {
      const me = await this.repository.findMembership(manager, cohortId, actor.userId, true);
      if (!isActiveLearner(me)) throw new CohortsError(CohortsErrorCode.NotEnrolled);
      await this.repository.setMoveRequest(manager, cohortId, actor.userId, { at: this.clock.now(), note });
      await this.outbox.record(manager, CohortEvent.MoveRequested, cohortId, {
        cohortId,
        userId: actor.userId,
        groupId: me.groupId,
      });
      await this.activity.touch(cohortId, actor.userId, manager);
    });
    return this.query.mine(cohortId, actor.userId);
  }

  /**
   * Moves an active learner (in a group or not) into one of the cohort's groups with a free seat, and clears
   * their move request. Moving someone into the group they are in changes nothing.
   */
  async move(actor: Actor, cohortId: string, input: MoveInput): Promise<GroupingOverview> {
    await this.dataSource.transaction(async (manager) => {
      // Shared: moves may run side by side, but not beside "form groups" or a placement (which take it FOR UPDATE).
      const cohort = await this.repository.lockCohort(manager, cohortId, 'share');
      if (!cohort) throw new ResourceNotFoundError('cohort');
      // The enrollment row's lock serializes two moves of the same person.
      const person = await this.repository.findMembership(manager, cohortId, input.userId, true);
      if (!isActiveLearner(person)) throw new CohortsError(CohortsErrorCode.NotEnrolled, 'userId');
      if (!(await this.repository.isCohortGroup(manager, cohortId, input.toGroupId))) {
        throw new CohortsError(CohortsErrorCode.GroupNotInCohort, 'toGroupId');
      }
      const fromGroupId = person.groupId;
      if (fromGroupId === input.toGroupId) return;
      // The group's capacity (the cohort's maximum group size) is the group library's rule.
      if ((await this.writer.move(manager, input.userId, fromGroupId, input.toGroupId)) === SeatOutcome.Full) {
        throw new CohortsError(CohortsErrorCode.GroupFull, 'toGroupId');
      }
      await this.repository.setMoveRequest(manager, cohortId, input.userId, null);
      await this.outbox.record(manager, CohortEvent.LearnerMoved, cohortId, {
        cohortId,
        userId: input.userId,
        fromGroupId,
        toGroupId: input.toGroupId,
        movedBy: actor.userId,
      });
    });
    return this.query.overview(cohortId);
  }
}
