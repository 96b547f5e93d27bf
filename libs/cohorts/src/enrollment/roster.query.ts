import { Injectable } from '@nestjs/common';
import type { Page } from '@app/core';
import type { EnrollmentStatus } from '../cohorts/cohort-member.entity';
import { EnrollmentRepository, type RosterRecord } from './enrollment.repository';

/**
 * The facilitators' roster of learners, with emails (the caller has passed `CohortAction.Facilitate`: learners
 * never see other learners' emails). One query per page.
 */
@Injectable()
export class CohortRosterQuery {
  constructor(private readonly enrollments: EnrollmentRepository) {}

  page(
    cohortId: string,
    filter: { status?: EnrollmentStatus },
    limit: number,
    cursor?: string,
  ): Promise<Page<RosterRecord>> {
    return this.enrollments.roster(cohortId, filter.status, limit, cursor);
  }
}
