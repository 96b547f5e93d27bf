import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, Outbox, ResourceNotFoundError, type Actor } from '@app/core';
import { GroupMembershipWriter } from '@app/groups';
import { CohortsError, CohortsErrorCode } from '../cohorts.errors';
import { CohortRole, EnrollmentStatus } from '../cohorts/cohort-member.entity';
import { EnrollmentRepository } from './enrollment.repository';
import { CohortEvent } from '../cohorts.events';

/**
 * A learner leaves the cohort, or takes back a pending request. In one transaction, with the cohort's row
 * locked: the row becomes withdrawn (kept, so enrolling again reuses it), an active learner's seat frees, and
 * they leave their study group in the cohort (its `member_count` follows).
 */
@Injectable()
export class WithdrawUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly enrollments: EnrollmentRepository,
    private readonly writer: GroupMembershipWriter,
  ) {}

  async withdraw(actor: Actor, cohortId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const cohort = await this.enrollments.lockCohort(manager, cohortId);
      if (!cohort) throw new ResourceNotFoundError('cohort');
      const member = await this.enrollments.findMember(manager, cohortId, actor.userId);
      const enrolled = member?.status === EnrollmentStatus.Active || member?.status === EnrollmentStatus.Pending;
      if (!member || member.role !== CohortRole.Learner || !enrolled) {
        throw new CohortsError(CohortsErrorCode.NotEnrolled);
      }
      await this.enrollments.setLearnerStatus(
        manager,
        cohortId,
        actor.userId,
        EnrollmentStatus.Withdrawn,
        this.clock.now(),
      );
      if (member.status === EnrollmentStatus.Active) {
        await this.enrollments.addToEnrolledCount(manager, cohortId, -1);
      }
      // The group library keeps its member count and records the departure; the cohort's lock is taken first.
      const groupId = await this.writer.removeFromAny(
        manager,
        await this.enrollments.cohortGroupIds(manager, cohortId),
        actor.userId,
      );
      await this.outbox.record(manager, CohortEvent.LearnerWithdrew, cohortId, {
        cohortId,
        userId: actor.userId,
        groupId,
      });
    });
  }
}
