import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CohortCalendar, type DeadlineMode } from '@app/cohorts';
import { AppConfig, renderInZone } from '@app/core';
import { capped, lookaheadEnd, timeLeft, type Capped, type TimeLeft } from './digest-format';
import { byUser, RECIPIENTS_CTE, recipientParams, type DigestRecipient, type DigestSection } from './digest-section';

interface ModuleRow {
  user_id: string;
  cohort_id: string;
  cohort_title: string;
  start_date: string;
  cohort_zone: string;
  deadline_mode: DeadlineMode;
  module_title: string;
  release_offset_days: number;
  due_offset_days: number;
  extra_days: number;
}

export interface DueItem {
  cohortTitle: string;
  moduleTitle: string;
  /** The person's own deadline in their zone and language, naming the zone. */
  when: string;
  left: TimeLeft;
  link: string;
}

/**
 * Modules due for the person in the next 48 hours (daily digest) or 8 days (weekly), by their own deadline: the
 * cohort's deadline mode (fixed, or 23:59 where they are), their extension. Completed modules are left out.
 */
@Injectable()
export class DueSoonSection implements DigestSection<Capped<DueItem>> {
  readonly key = 'dueSoon';

  constructor(private readonly config: AppConfig) {}

  async collect(manager: EntityManager, recipients: readonly DigestRecipient[]) {
    // The SQL keeps the modules whose local due date is near the window (a day either side covers every zone);
    // the exact instant is the calendar's, below.
    const rows = await manager.query<ModuleRow[]>(
      `${RECIPIENTS_CTE}
       SELECT r.user_id, c.id AS cohort_id, c.title AS cohort_title, to_char(c.start_date, 'YYYY-MM-DD') AS start_date,
              c.time_zone AS cohort_zone, c.deadline_mode, m.title AS module_title,
              m.release_offset_days, m.due_offset_days, COALESCE(e.extra_days, 0) AS extra_days
         FROM r
         JOIN cohort_enrollments cm ON cm.user_id = r.user_id AND cm.status = 'active' AND cm.role = 'learner'
         JOIN cohort_calendars c ON c.id = cm.cohort_id
         JOIN cohort_module_deadlines m ON m.cohort_id = c.id
         LEFT JOIN cohort_deadline_extensions e
                ON e.cohort_id = c.id AND e.user_id = r.user_id AND e.module_id = m.module_id
        WHERE c.start_date + m.due_offset_days + COALESCE(e.extra_days, 0)
              BETWEEN (r.until AT TIME ZONE 'UTC')::date - 1 AND (r.due_until AT TIME ZONE 'UTC')::date + 1
          AND NOT EXISTS (SELECT 1 FROM cohort_module_completions mc
                           WHERE mc.cohort_id = c.id AND mc.user_id = r.user_id AND mc.module_id = m.module_id)
        ORDER BY r.user_id, m.position`,
      recipientParams(recipients),
    );
    const recipientOf = new Map(recipients.map((r) => [r.userId, r]));
    const calendars = new Map<string, CohortCalendar>();
    const calendarOf = (row: ModuleRow): CohortCalendar => {
      let calendar = calendars.get(row.cohort_id);
      if (!calendar) {
        calendar = new CohortCalendar({
          startDate: row.start_date,
          timeZone: row.cohort_zone,
          deadlineMode: row.deadline_mode,
        });
        calendars.set(row.cohort_id, calendar);
      }
      return calendar;
    };
    const sections = new Map<string, Capped<DueItem>>();
    for (const [userId, modules] of byUser(rows)) {
      const reader = recipientOf.get(userId);
      if (!reader) continue;
      const from = reader.until.getTime();
      const to = lookaheadEnd(reader, 'due').getTime();
      const due = modules
        .map((row) => ({
          row,
          dueAt: calendarOf(row).datesFor(
            { releaseOffsetDays: row.release_offset_days, dueOffsetDays: row.due_offset_days },
            reader.timeZone,
            row.extra_days,
          ).dueAt,
        }))
        .filter(({ dueAt }) => dueAt.getTime() > from && dueAt.getTime() <= to)
        .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
        .map(({ row, dueAt }) => ({
          cohortTitle: row.cohort_title,
          moduleTitle: row.module_title,
          when: renderInZone(dueAt, reader.timeZone, reader.locale),
          left: timeLeft(reader.until, dueAt),
          link: new URL(`/cohorts/${row.cohort_id}`, this.config.PUBLIC_URL).toString(),
        }));
      if (due.length > 0) sections.set(userId, capped(due));
    }
    return sections;
  }
}
