import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, InvalidInputError, Outbox, type Actor, type FieldProblem } from '@app/core';
import { CourseCatalog } from '@app/courses';
import { VerifiedEmailPolicy } from '@app/identity';
import { ScheduledModule } from '../schedule/scheduled-module.entity';
import {
  applyScheduleOverrides,
  coFacilitatorProblems,
  defaultPlan,
  type CohortDraft,
  type PlannedModule,
} from './cohort-input';
import { CohortMember, CohortRole, EnrollmentStatus } from './cohort-member.entity';
import { Cohort } from './cohort.entity';
import { CohortReader } from './cohort-reader.service';
import { CohortRepository } from './cohort.repository';
import type { CohortDetail } from './cohort-views';
import { CohortEvent } from '../cohorts.events';

/** 144 random bits, URL-safe: unguessable, and short enough to paste. */
const newInviteCode = (): string => randomBytes(18).toString('base64url');

/**
 * Anyone signed in may run a published course version as a cohort; they become its first facilitator. The
 * cohort, its calendar, its facilitators and their events are written in one transaction, or nothing is.
 */
@Injectable()
export class CreateCohortUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly catalog: CourseCatalog,
    private readonly cohorts: CohortRepository,
    private readonly reader: CohortReader,
    private readonly verifiedEmails: VerifiedEmailPolicy,
  ) {}

  async execute(actor: Actor, draft: CohortDraft): Promise<CohortDetail> {
    await this.verifiedEmails.require(actor.userId);
    const version = await this.catalog.findPublishedVersion(draft.courseVersionId);
    if (!version) {
      throw new InvalidInputError([{ field: 'courseVersionId', message: 'no published course version has this id' }]);
    }
    const problems: FieldProblem[] = [];
    const title = draft.title.trim();
    if (title.length === 0) problems.push({ field: 'title', message: 'title must not be blank' });
    const plan = applyScheduleOverrides(defaultPlan(version.content.modules), draft.modules ?? [], problems);
    const coFacilitators = draft.coFacilitators ?? [];
    problems.push(...coFacilitatorProblems(actor.userId, coFacilitators));

    const cohortId = await this.dataSource.transaction(async (manager) => {
      const existing = await this.cohorts.existingUsersAmong(manager, coFacilitators);
      coFacilitators.forEach((userId, i) => {
        if (!existing.has(userId)) problems.push({ field: `coFacilitators.${i}`, message: 'no such person' });
      });
      if (problems.length > 0) throw new InvalidInputError(problems);

      const now = this.clock.now();
      const cohort = manager.create(Cohort, {
        title,
        description: draft.description?.trim() ?? '',
        courseVersionId: version.id,
        startDate: draft.startDate,
        timeZone: draft.timeZone,
        capacity: draft.capacity,
        enrolledCount: 0,
        enrollmentMode: draft.enrollmentMode,
        deadlineMode: draft.deadlineMode,
        inviteCode: newInviteCode(),
        completionModulePercent: draft.completionModulePercent ?? 100,
        completionAttendancePercent: draft.completionAttendancePercent ?? 0,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      await manager.insert(Cohort, cohort);
      if (plan.length > 0) {
        await manager.insert(
          ScheduledModule,
          plan.map((module: PlannedModule) => ({ cohortId: cohort.id, ...module })),
        );
      }
      const facilitators = [actor.userId, ...new Set(coFacilitators)];
      await manager.insert(
        CohortMember,
        facilitators.map((userId) => ({
          cohortId: cohort.id,
          userId,
          role: CohortRole.Facilitator,
          status: EnrollmentStatus.Active,
          requestedAt: now,
          statusChangedAt: now,
        })),
      );
      await this.outbox.record(manager, CohortEvent.CohortCreated, cohort.id, {
        cohortId: cohort.id,
        courseVersionId: version.id,
        createdBy: actor.userId,
      });
      for (const userId of facilitators.slice(1)) {
        await this.outbox.record(manager, CohortEvent.CohortFacilitatorAdded, cohort.id, {
          cohortId: cohort.id,
          userId,
          addedBy: actor.userId,
        });
      }
      return cohort.id;
    });
    return this.reader.detail(actor, cohortId);
  }
}
