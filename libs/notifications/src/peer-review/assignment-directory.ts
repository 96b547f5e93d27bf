import { Injectable } from '@nestjs/common';
import { LearnerModuleDatesReader } from '@app/cohorts';
import { CourseCatalog, type ReviewSettings } from '@app/courses';

/** An assignment as its notifications need it: its title and review settings (k, m, anonymity). */
export interface AssignmentNoticeFacts {
  title: string;
  review: ReviewSettings;
}

/**
 * Finds an assignment of the course version a cohort runs, through the owners' read functions (cohorts for the
 * version, courses for its content), as the peer-review library does. Versions are immutable: a directory made for
 * one batch or one email may keep what it found.
 */
@Injectable()
export class AssignmentDirectory {
  constructor(
    private readonly cohorts: LearnerModuleDatesReader,
    private readonly catalog: CourseCatalog,
  ) {}

  /** A lookup that reads each cohort's course version once. */
  lookup(): (cohortId: string, assignmentId: string) => Promise<AssignmentNoticeFacts | null> {
    const versions = new Map<string, Promise<Map<string, AssignmentNoticeFacts>>>();
    return async (cohortId, assignmentId) => {
      let assignments = versions.get(cohortId);
      if (!assignments) {
        assignments = this.assignmentsOf(cohortId);
        versions.set(cohortId, assignments);
      }
      return (await assignments).get(assignmentId) ?? null;
    };
  }

  find(cohortId: string, assignmentId: string): Promise<AssignmentNoticeFacts | null> {
    return this.lookup()(cohortId, assignmentId);
  }

  private async assignmentsOf(cohortId: string): Promise<Map<string, AssignmentNoticeFacts>> {
    const versionId = await this.cohorts.courseVersionOf(cohortId);
    const version = versionId ? await this.catalog.findPublishedVersion(versionId) : null;
    const found = new Map<string, AssignmentNoticeFacts>();
    for (const module of version?.content.modules ?? []) {
      for (const a of module.assignments) found.set(a.id, { title: a.title, review: a.review });
    }
    return found;
  }
}
