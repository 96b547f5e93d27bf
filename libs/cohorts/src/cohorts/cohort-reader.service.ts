import { Injectable } from '@nestjs/common';
import { AppConfig, ResourceNotFoundError, type Actor } from '@app/core';
import { CohortAccessRepository } from '../access/cohort-access.repository';
import { CohortAction, decideCohortAction } from '../access/cohort.policy';
import { CohortActivity } from '../activity/cohort-activity';
import { CohortCalendar } from '../schedule/cohort-calendar';
import { EnrollmentStatus } from './cohort-member.entity';
import { CohortRepository } from './cohort.repository';
import { cohortInstant, type CohortDetail } from './cohort-views';

/**
 * A cohort as the viewer may see it: its public face (course, dates, modes, seats, calendar) to anyone who may see
 * it, plus their own enrollment, plus the invite link and completion rules to facilitators.
 */
@Injectable()
export class CohortReader {
  constructor(
    private readonly config: AppConfig,
    private readonly cohorts: CohortRepository,
    private readonly access: CohortAccessRepository,
    private readonly activity: CohortActivity,
  ) {}

  async detail(actor: Actor, cohortId: string): Promise<CohortDetail> {
    const [cohort, modules, facilitators, own, clock, access] = await Promise.all([
      this.cohorts.find(cohortId),
      this.cohorts.modules(cohortId),
      this.cohorts.facilitators(cohortId),
      this.cohorts.ownEnrollment(cohortId, actor.userId),
      this.cohorts.personClock(actor.userId),
      this.access.find(cohortId, actor.userId),
    ]);
    if (!cohort || !access) throw new ResourceNotFoundError('cohort');
    const version = await this.cohorts.versionLabel(cohort.courseVersionId);
    if (own?.status === EnrollmentStatus.Active) await this.activity.touch(cohortId, actor.userId);

    const at = (instant: Date) => cohortInstant(instant, clock.timeZone, cohort.timeZone, clock.locale);
    const calendar = new CohortCalendar(cohort);
    const facilitates = decideCohortAction(actor, CohortAction.Facilitate, access) === 'allow';
    return {
      id: cohort.id,
      title: cohort.title,
      description: cohort.description,
      courseVersion: { id: cohort.courseVersionId, title: version?.title ?? '', number: version?.number ?? 0 },
      startDate: cohort.startDate,
      timeZone: cohort.timeZone,
      enrollmentMode: cohort.enrollmentMode,
      deadlineMode: cohort.deadlineMode,
      capacity: cohort.capacity,
      enrolledCount: cohort.enrolledCount,
      seatsLeft: Math.max(0, cohort.capacity - cohort.enrolledCount),
      facilitators,
      // The public calendar reads every date in the cohort's zone; a learner's own deadlines are on /me.
      modules: modules.map((module) => {
        const dates = calendar.datesFor(module, cohort.timeZone);
        return {
          moduleId: module.moduleId,
          position: module.position,
          title: module.title,
          releaseOffsetDays: module.releaseOffsetDays,
          dueOffsetDays: module.dueOffsetDays,
          releaseDate: dates.releaseDate,
          dueDate: dates.dueDate,
          releasesAt: at(dates.releaseAt),
          dueAt: at(dates.dueAt),
        };
      }),
      membership: own
        ? { role: own.role, status: own.status, completedAt: own.completedAt ? at(own.completedAt) : null }
        : null,
      forFacilitators: facilitates
        ? {
            inviteCode: cohort.inviteCode,
            inviteLink: inviteLink(this.config.PUBLIC_URL, cohort.id, cohort.inviteCode),
            completionModulePercent: cohort.completionModulePercent,
            completionAttendancePercent: cohort.completionAttendancePercent,
          }
        : null,
    };
  }
}

/** Where the invite link points: the web client's join page, which posts the code back. */
export function inviteLink(publicUrl: string, cohortId: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/cohorts/${cohortId}/join?code=${encodeURIComponent(code)}`;
}
