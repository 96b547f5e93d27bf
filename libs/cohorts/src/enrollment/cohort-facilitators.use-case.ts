import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, Outbox, ResourceNotFoundError, type Actor } from '@app/core';
import { GroupMembershipWriter } from '@app/groups';
import { CohortsError, CohortsErrorCode } from '../cohorts.errors';
import { CohortRole, EnrollmentStatus } from '../cohorts/cohort-member.entity';
import { EnrollmentRepository, type EnrollmentRecord } from './enrollment.repository';
import { CohortEvent } from '../cohorts.events';

/**
 * Co-facilitators: equal rights over the cohort and all its groups (the caller has passed
 * `CohortAction.Facilitate`). Changes hold the cohort's row lock, so two removals at once cannot leave it
 * without a facilitator, and a learner's conversion keeps `enrolled_count` exact.
 */
@Injectable()
export class CohortFacilitatorsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly enrollments: EnrollmentRepository,
    private readonly writer: GroupMembershipWriter,
  ) {}

  /**
   * Adds an existing person as a facilitator. A learner of the cohort is converted: their seat frees and they
   * leave their study group (facilitators run every group of the cohort rather than belonging to one).
   */
  async add(actor: Actor, cohortId: string, userId: string): Promise<EnrollmentRecord> {
    return this.dataSource.transaction(async (manager) => {
      const cohort = await this.enrollments.lockCohort(manager, cohortId);
      if (!cohort) throw new ResourceNotFoundError('cohort');
      if (!(await this.enrollments.userExists(manager, userId))) throw new ResourceNotFoundError('user');
      const member = await this.enrollments.findMember(manager, cohortId, userId);
      if (member?.role === CohortRole.Facilitator)
        throw new CohortsError(CohortsErrorCode.AlreadyFacilitator, 'userId');
      if (member?.status === EnrollmentStatus.Active) {
        await this.enrollments.addToEnrolledCount(manager, cohortId, -1);
      }
      await this.enrollments.makeFacilitator(manager, cohortId, userId, this.clock.now());
      await this.writer.removeFromAny(manager, await this.enrollments.cohortGroupIds(manager, cohortId), userId);
      await this.outbox.record(manager, CohortEvent.CohortFacilitatorAdded, cohortId, {
        cohortId,
        userId,
        addedBy: actor.userId,
      });
      const added = await this.enrollments.enrollment(manager, cohortId, userId);
      if (!added) throw new Error('facilitator vanished inside its own transaction');
      return added;
    });
  }

  /** Removes a facilitator (themselves included), never the last one; their row stays as a withdrawn learner. */
  async remove(cohortId: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const cohort = await this.enrollments.lockCohort(manager, cohortId);
      if (!cohort) throw new ResourceNotFoundError('cohort');
      const member = await this.enrollments.findMember(manager, cohortId, userId);
      if (member?.role !== CohortRole.Facilitator) throw new CohortsError(CohortsErrorCode.NotFacilitator, 'userId');
      if ((await this.enrollments.countFacilitators(manager, cohortId)) <= 1) {
        throw new CohortsError(CohortsErrorCode.LastFacilitator);
      }
      await this.enrollments.removeFacilitator(manager, cohortId, userId, this.clock.now());
      // No event type of its own: consumers reload the cohort's facilitators.
      await this.outbox.record(manager, CohortEvent.CohortUpdated, cohortId, {
        cohortId,
        fields: ['facilitators'],
      });
    });
  }
}
