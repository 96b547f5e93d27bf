import { Injectable } from '@nestjs/common';
import { Clock, ResourceNotFoundError, zonedInstant } from '@app/core';
import { CohortCalendar, RELEASE_LOCAL_TIME } from '../schedule/cohort-calendar';
import { DashboardColumnRegistry } from './dashboard-column.registry';
import { dashboardCsv, dashboardFileName } from './dashboard-csv';
import { DashboardRepository } from './dashboard.repository';
import type { Dashboard, DashboardCohort, DashboardQuery } from './dashboard.types';
import { summarize, selectRows } from './dashboard-view';
import { assessLearner, ModuleTimes } from './learner-assessment';

/** Calendars kept across requests (least recently used dropped first); each holds at most a few thousand instants. */
const CALENDARS_KEPT = 64;

/**
 * The facilitator's view of a cohort: each active learner's progress, participation and at-risk flags. Two
 * statements whatever the cohort's size (plus one cohort-wide computation per computed column a library above
 * registered); the calendar (release and due instants per learner zone and extension)
 * is computed here, with one memoized CohortCalendar, and filtering and sorting happen on the rows in memory.
 */
@Injectable()
export class FacilitatorDashboard {
  private readonly calendars = new Map<string, CohortCalendar>();

  constructor(
    private readonly repository: DashboardRepository,
    private readonly clock: Clock,
    private readonly columns: DashboardColumnRegistry,
  ) {}

  async build(cohortId: string, query: DashboardQuery = {}): Promise<Dashboard> {
    const now = this.clock.now();
    const cohort = await this.repository.findCohort(cohortId);
    if (!cohort) throw new ResourceNotFoundError('cohort');
    const computed = this.columns.computedColumns();
    const [facts, values] = await Promise.all([
      this.repository.findLearners(cohortId, now),
      Promise.all(computed.map((column) => column.compute(cohortId, now))),
    ]);
    for (const learner of facts) {
      computed.forEach((column, i) => (learner.counts[column.key] = values[i]!.get(learner.userId) ?? null));
    }
    const all = this.columns.all();
    const context = {
      now,
      startsAt: zonedInstant(cohort.startDate, RELEASE_LOCAL_TIME, cohort.timeZone),
      times: new ModuleTimes(cohort.modules, this.calendarOf(cohort)),
      atRiskRules: all.flatMap((column) => (column.atRisk ? [column.atRisk] : [])),
    };
    const rows = facts.map((learner) => assessLearner(learner, context));
    return {
      cohort: { id: cohort.id, title: cohort.title, deadlineMode: cohort.deadlineMode, modules: cohort.modules.length },
      generatedAt: now,
      columns: all.map(({ key, header }) => ({ key, header })),
      summary: summarize(rows),
      rows: selectRows(rows, query),
    };
  }

  /**
   * One calendar per schedule, reused across requests: an instant depends only on (date, time, zone), so its memo
   * stays right, and a facilitator refreshing or re-sorting a cohort in 30 zones does not pay ~700 Temporal
   * conversions (~20 ms) each time. A changed start date, zone or mode is another key.
   */
  private calendarOf(cohort: DashboardCohort): CohortCalendar {
    const key = `${cohort.startDate} ${cohort.timeZone} ${cohort.deadlineMode}`;
    let calendar = this.calendars.get(key);
    if (calendar) {
      this.calendars.delete(key);
    } else {
      calendar = new CohortCalendar(cohort);
      if (this.calendars.size >= CALENDARS_KEPT) this.calendars.delete(this.calendars.keys().next().value!);
    }
    this.calendars.set(key, calendar);
    return calendar;
  }

  /** The same rows, filtered and sorted alike, as a CSV file. */
  async csv(cohortId: string, query: DashboardQuery = {}): Promise<{ fileName: string; content: string }> {
    const dashboard = await this.build(cohortId, query);
    return { fileName: dashboardFileName(dashboard), content: dashboardCsv(dashboard) };
  }
}
