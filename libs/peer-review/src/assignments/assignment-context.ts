import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { LRUCache } from 'lru-cache';
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
/** An assignment with the module it belongs to. */
interface PlacedAssignment {
  assignment: Assignment;
  moduleId: string;
}

@Injectable()
export class AssignmentContexts {
  // Every peer-review request resolves its assignment; the facts behind it never change (a cohort keeps the version
  // it was created with, and a published version is immutable), so each replica keeps the recent ones in memory
  // instead of reading and parsing the course content on every request. Misses (no such cohort) are not kept.
  private readonly versionOfCohort = new LRUCache<string, string>({
    max: 10_000,
    fetchMethod: async (cohortId) => (await this.moduleDates.courseVersionOf(cohortId)) ?? undefined,
  });
  private readonly assignmentsOfVersion = new LRUCache<string, PlacedAssignment[]>({
    max: 500,
    fetchMethod: async (versionId) => {
      const version = await this.catalog.findPublishedVersion(versionId);
      return version?.content.modules.flatMap((module) =>
        module.assignments.map((assignment) => ({ assignment, moduleId: module.id })),
      );
    },
  });

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
  async assignmentsOf(cohortId: string): Promise<PlacedAssignment[]> {
    const versionId = await this.versionOfCohort.fetch(cohortId);
    return (versionId && (await this.assignmentsOfVersion.fetch(versionId))) || [];
  }

  /** The assignment and its module in the cohort's course version. */
  async assignment(cohortId: string, assignmentId: string): Promise<PlacedAssignment> {
    const found = isUUID(assignmentId)
      ? (await this.assignmentsOf(cohortId)).find((a) => a.assignment.id === assignmentId)
      : undefined;
    if (!found) throw new PeerReviewError(PeerReviewErrorCode.AssignmentNotFound, 'assignmentId');
    return found;
  }
}
