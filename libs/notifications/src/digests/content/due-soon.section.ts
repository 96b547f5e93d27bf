import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CohortCalendar, type DeadlineMode } from '@app/cohorts';
import {
  byUser,
  capped,
  LOOKAHEAD_MS,
  RECIPIENTS_CTE,
  windowParams,
  type DigestRecipient,
  type DigestSection,
} from './digest-section';

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
  extra_days: number | null;
}

export interface DueItem {
  cohortTitle: string;
  moduleTitle: string;
  /** ISO instant of the person's own deadline (their zone in learner-local cohorts, their extension). */
  dueAt: string;
  hoursLeft: number;
}

/**
 * Modules due for the person in the look-ahead, by their own deadline: the cohort's deadline mode, their zone,
 * their extension. Completed modules are left out.
 */
@Injectable()
export class DueSoonSection implements DigestSection<{ items: DueItem[]; more: number }> {
  readonly key = 'dueSoon';

  async collect(manager: EntityManager, recipients: readonly DigestRecipient[]) {
    const rows = await manager.query<ModuleRow[]>(
      `${RECIPIENTS_CTE}
       SELECT r.user_id, c.id AS cohort_id, c.title AS cohort_title, to_char(c.start_date, 'YYYY-MM-DD') AS start_date,
              c.time_zone AS cohort_zone, c.deadline_mode, m.title AS module_title,
              m.release_offset_days, m.due_offset_days, e.extra_days
         FROM r
         JOIN cohort_members cm ON cm.user_id = r.user_id AND cm.status = 'active' AND cm.role = 'learner'
         JOIN cohorts c ON c.id = cm.cohort_id
         JOIN cohort_modules m ON m.cohort_id = c.id
         LEFT JOIN deadline_extensions e
                ON e.cohort_id = c.id AND e.user_id = r.user_id AND e.module_id = m.module_id
        WHERE NOT EXISTS (SELECT 1 FROM module_completions mc
                           WHERE mc.cohort_id = c.id AND mc.user_id = r.user_id AND mc.module_id = m.module_id)
        ORDER BY r.user_id, m.position`,
      windowParams(recipients),
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
    const sections = new Map<string, { items: DueItem[]; more: number }>();
    for (const [userId, modules] of byUser(rows)) {
      const recipient = recipientOf.get(userId)!;
      const horizon = recipient.until.getTime() + LOOKAHEAD_MS[recipient.frequency];
      const due = modules
        .map((row) => ({
          row,
          dates: calendarOf(row).datesFor(
            { releaseOffsetDays: row.release_offset_days, dueOffsetDays: row.due_offset_days },
            recipient.timeZone,
            row.extra_days ?? 0,
          ),
        }))
        .filter(({ dates }) => dates.dueAt.getTime() > recipient.until.getTime() && dates.dueAt.getTime() <= horizon)
        .sort((a, b) => a.dates.dueAt.getTime() - b.dates.dueAt.getTime())
        .map(({ row, dates }) => ({
          cohortTitle: row.cohort_title,
          moduleTitle: row.module_title,
          dueAt: dates.dueAt.toISOString(),
          hoursLeft: Math.floor((dates.dueAt.getTime() - recipient.until.getTime()) / 3600_000),
        }));
      if (due.length > 0) sections.set(userId, capped(due));
    }
    return sections;
  }
}
