import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, Outbox, ResourceNotFoundError, type Page } from '@app/core';
import { CohortsError, CohortsErrorCode } from '../cohorts.errors';
import { CohortRole, EnrollmentStatus } from '../cohorts/cohort-member.entity';
import { asEnrollmentError } from './enrollment-failures';
import { EnrollmentRepository, type EnrollmentRecord, type PendingRequestRecord } from './enrollment.repository';
import { CohortEvent } from '../cohorts.events';

/**
 * The approval queue of an approval-mode cohort (the caller has passed `CohortAction.Facilitate`). Approving
 * takes a seat under the cohort's row lock, exactly as a self-enrollment does.
 */
@Injectable()
export class EnrollmentRequestsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly enrollments: EnrollmentRepository,
  ) {}

  pending(cohortId: string, limit: number, cursor?: string): Promise<Page<PendingRequestRecord>> {
    return this.enrollments.pendingRequests(cohortId, limit, cursor);
  }

  approve(cohortId: string, userId: string): Promise<EnrollmentRecord> {
    return this.decide(cohortId, userId, EnrollmentStatus.Active);
  }

  decline(cohortId: string, userId: string): Promise<EnrollmentRecord> {
    return this.decide(cohortId, userId, EnrollmentStatus.Declined);
  }

  private async decide(
    cohortId: string,
    userId: string,
    outcome: EnrollmentStatus.Active | EnrollmentStatus.Declined,
  ): Promise<EnrollmentRecord> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const cohort = await this.enrollments.lockCohort(manager, cohortId);
        if (!cohort) throw new ResourceNotFoundError('cohort');
        const member = await this.enrollments.findMember(manager, cohortId, userId);
        if (member?.role !== CohortRole.Learner || member.status !== EnrollmentStatus.Pending) {
          throw new CohortsError(CohortsErrorCode.NotPending, 'userId');
        }
        const event = { cohortId, userId };
        if (outcome === EnrollmentStatus.Active) {
          if (cohort.enrolledCount >= cohort.capacity) throw new CohortsError(CohortsErrorCode.CohortFull);
          await this.enrollments.setLearnerStatus(manager, cohortId, userId, outcome, this.clock.now());
          await this.enrollments.addToEnrolledCount(manager, cohortId, 1);
          await this.outbox.record(manager, CohortEvent.LearnerEnrolled, cohortId, event);
        } else {
          await this.enrollments.setLearnerStatus(manager, cohortId, userId, outcome, this.clock.now());
          await this.outbox.record(manager, CohortEvent.EnrollmentDeclined, cohortId, event);
        }
        const updated = await this.enrollments.enrollment(manager, cohortId, userId);
        if (!updated) throw new Error('enrollment vanished inside its own transaction');
        return updated;
      });
    } catch (error) {
      throw asEnrollmentError(error);
    }
  }
}
