import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { CohortRole, EnrollmentStatus, LearnerModuleDatesReader, type LearnerModuleDates } from '@app/cohorts';
import { CourseCatalog, type Assignment } from '@app/courses';
import { PeerReviewError, PeerReviewErrorCode } from '../peer-review.errors';

/** An assignment as a cohort runs it, with one person's dates for its module. */
export interface AssignmentContext {
  assignment: Assignment;
  moduleId: string;
  dates: LearnerModuleDates;
  /** An active learner of the cohort. */
  activeLearner: boolean;
}

/**
 * Resolves an assignment of the course version a cohort pins, through the owners' read functions: courses for the
 * rubric and review settings, cohorts for membership and the person's dates (extension included).
 */
@Injectable()
export class AssignmentContexts {
  constructor(
    private readonly catalog: CourseCatalog,
    private readonly moduleDates: LearnerModuleDatesReader,
  ) {}

  async forPerson(cohortId: string, assignmentId: string, userId: string): Promise<AssignmentContext> {
    const found = await this.assignment(cohortId, assignmentId);
    const dates = await this.moduleDates.find(cohortId, userId, found.moduleId);
    if (!dates) throw new PeerReviewError(PeerReviewErrorCode.AssignmentNotFound, 'assignmentId');
    return {
      ...found,
      dates,
      activeLearner: dates.role === CohortRole.Learner && dates.status === EnrollmentStatus.Active,
    };
  }

  /** Every assignment of the cohort's course version with its module, in course order; empty for no cohort. */
  async assignmentsOf(cohortId: string): Promise<{ assignment: Assignment; moduleId: string }[]> {
    const versionId = await this.moduleDates.courseVersionOf(cohortId);
    const version = versionId ? await this.catalog.findPublishedVersion(versionId) : null;
    return (version?.content.modules ?? []).flatMap((module) =>
      module.assignments.map((assignment) => ({ assignment, moduleId: module.id })),
    );
  }

  /** The assignment and its module in the cohort's course version. */
  async assignment(cohortId: string, assignmentId: string): Promise<{ assignment: Assignment; moduleId: string }> {
    const notFound = new PeerReviewError(PeerReviewErrorCode.AssignmentNotFound, 'assignmentId');
    if (!isUUID(assignmentId)) throw notFound;
    const versionId = await this.moduleDates.courseVersionOf(cohortId);
    const version = versionId ? await this.catalog.findPublishedVersion(versionId) : null;
    for (const module of version?.content.modules ?? []) {
      const assignment = module.assignments.find((a) => a.id === assignmentId);
      if (assignment) return { assignment, moduleId: module.id };
    }
    throw notFound;
  }
}
