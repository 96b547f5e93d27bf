import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DeadlineMode } from '@app/cohorts';

/** A meeting as one recipient's email needs it, with whether they may still get it. */
export interface MeetingMailFacts {
  meetingId: string;
  groupId: string;
  groupName: string;
  groupZone: string;
  title: string | null;
  status: 'scheduled' | 'cancelled';
  startsAt: Date;
  durationMinutes: number;
  sequence: number;
  /** Online groups: shown to active members only, which the recipient is. */
  meetingLink: string | null;
  venue: string | null;
  city: string | null;
  displayName: string;
  readerZone: string;
  /** Active member, account there, reminders on. */
  mayReceive: boolean;
}

/** A learner's module as their due reminder needs it. */
export interface ModuleMailFacts {
  cohortTitle: string;
  cohortZone: string;
  startDate: string;
  deadlineMode: DeadlineMode;
  moduleTitle: string;
  releaseOffsetDays: number;
  dueOffsetDays: number;
  extraDays: number;
  completed: boolean;
  displayName: string;
  readerZone: string;
  /** Active learner, account there, reminders on. */
  mayReceive: boolean;
}

/** What reminder composers reload at send time: one query per email, reading the state as it is then. */
@Injectable()
export class ReminderMailRepository {
  constructor(private readonly dataSource: DataSource) {}

  async meetingFacts(meetingId: string, userId: string): Promise<MeetingMailFacts | null> {
    const [row] = await this.dataSource.query<MeetingMailFacts[]>(
      `SELECT m.meeting_id AS "meetingId", g.group_id AS "groupId", g.name AS "groupName", g.time_zone AS "groupZone",
              m.title, m.status, m.starts_at AS "startsAt", m.duration_minutes AS "durationMinutes",
              m.sequence, g.meeting_link AS "meetingLink", g.venue, g.city,
              u.display_name AS "displayName", u.time_zone AS "readerZone",
              (gm.user_id IS NOT NULL AND u.deleted_at IS NULL AND u.email IS NOT NULL
                 AND COALESCE(p.reminders, true)) IS TRUE AS "mayReceive"
         FROM group_meetings m
         JOIN group_summaries g ON g.group_id = m.group_id
         JOIN identity_people u ON u.id = $2
         LEFT JOIN group_active_members gm ON gm.group_id = g.group_id AND gm.user_id = u.id
         LEFT JOIN identity_notification_settings p ON p.user_id = u.id
        WHERE m.meeting_id = $1`,
      [meetingId, userId],
    );
    return row ?? null;
  }

  async moduleFacts(cohortId: string, moduleId: string, userId: string): Promise<ModuleMailFacts | null> {
    const [row] = await this.dataSource.query<ModuleMailFacts[]>(
      `SELECT c.title AS "cohortTitle", c.time_zone AS "cohortZone", to_char(c.start_date, 'YYYY-MM-DD') AS "startDate",
              c.deadline_mode AS "deadlineMode", m.title AS "moduleTitle",
              m.release_offset_days AS "releaseOffsetDays", m.due_offset_days AS "dueOffsetDays",
              COALESCE(e.extra_days, 0) AS "extraDays",
              EXISTS (SELECT 1 FROM cohort_module_completions mc
                       WHERE mc.cohort_id = c.id AND mc.user_id = u.id AND mc.module_id = m.module_id) AS completed,
              u.display_name AS "displayName", u.time_zone AS "readerZone",
              (cm.status = 'active' AND cm.role = 'learner' AND u.deleted_at IS NULL AND u.email IS NOT NULL
                 AND COALESCE(p.reminders, true)) IS TRUE AS "mayReceive"
         FROM cohort_calendars c
         JOIN cohort_module_deadlines m ON m.cohort_id = c.id AND m.module_id = $2
         JOIN identity_people u ON u.id = $3
         LEFT JOIN cohort_enrollments cm ON cm.cohort_id = c.id AND cm.user_id = u.id
         LEFT JOIN identity_notification_settings p ON p.user_id = u.id
         LEFT JOIN cohort_deadline_extensions e ON e.cohort_id = c.id AND e.user_id = u.id AND e.module_id = m.module_id
        WHERE c.id = $1`,
      [cohortId, moduleId, userId],
    );
    return row ?? null;
  }
}
