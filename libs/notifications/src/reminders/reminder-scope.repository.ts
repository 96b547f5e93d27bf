import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { quietHoursOf } from '../quiet-hours/quiet-hours';
import type { ScheduleEntry } from '../schedule/notification-schedule';
import type { LearnerModule } from './module-reminder-plan';
import type { RemindedMember, UpcomingMeeting } from './meeting-reminder-plan';

/** Which meetings a batch of events touches: named ones, every meeting of named groups, or of named people. */
export interface MeetingScope {
  meetingIds: string[];
  groupIds: string[];
  userIds: string[];
}

/** Which learners' module reminders a batch touches: (cohort, learner) pairs, whole cohorts, or people. */
export interface LearnerScope {
  pairs: { cohortId: string; userId: string }[];
  cohortIds: string[];
  userIds: string[];
}

/** Who wants reminders and can get them: an address, not erased, the switch on (on by default). */
const REMINDABLE = `u.deleted_at IS NULL AND u.email IS NOT NULL AND COALESCE(p.reminders, true)`;

/** Reads, in sets, the current state reminders are derived from, and cancels the rows that no longer apply. */
@Injectable()
export class ReminderScopeRepository {
  /** Meetings of the scope that have not begun, whatever their status or distance. */
  async meetingsInScope(manager: EntityManager, scope: MeetingScope, now: Date): Promise<UpcomingMeeting[]> {
    const rows = await manager.query<
      { id: string; group_id: string; starts_at: Date; status: string; offsets: number[] }[]
    >(
      `SELECT m.meeting_id AS id, m.group_id, m.starts_at, m.status, g.reminder_offsets_minutes AS offsets
         FROM group_meetings m
         JOIN group_summaries g ON g.group_id = m.group_id
        WHERE m.starts_at > $4
          AND (m.meeting_id = ANY($1::uuid[])
               OR m.group_id = ANY($2::uuid[])
               OR m.group_id IN (SELECT gm.group_id FROM group_active_members gm WHERE gm.user_id = ANY($3::uuid[])))`,
      [scope.meetingIds, scope.groupIds, scope.userIds, now],
    );
    return rows.map((r) => ({
      id: r.id,
      groupId: r.group_id,
      startsAt: r.starts_at,
      scheduled: r.status === 'scheduled',
      offsetsMinutes: r.offsets,
    }));
  }

  /** Active members of these groups who want reminders, with their zone and quiet hours. */
  async remindedMembers(manager: EntityManager, groupIds: readonly string[]): Promise<RemindedMember[]> {
    if (groupIds.length === 0) return [];
    const rows = await manager.query<
      { groupId: string; userId: string; timeZone: string; quietStart: number | null; quietEnd: number | null }[]
    >(
      `SELECT gm.group_id AS "groupId", gm.user_id AS "userId", u.time_zone AS "timeZone",
              p.quiet_start_minute AS "quietStart", p.quiet_end_minute AS "quietEnd"
         FROM group_active_members gm
         JOIN identity_people u ON u.id = gm.user_id
         LEFT JOIN identity_notification_settings p ON p.user_id = gm.user_id
        WHERE gm.group_id = ANY($1::uuid[]) AND ${REMINDABLE}`,
      [groupIds],
    );
    return rows.map(({ quietStart, quietEnd, ...member }) => ({
      ...member,
      quiet: quietHoursOf(quietStart, quietEnd),
    }));
  }

  /** Which of these reminder keys are pending or released (a cancelled one is as good as none). */
  async existingKeys(manager: EntityManager, keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await manager.query<{ dedupe_key: string }[]>(
      `SELECT dedupe_key FROM scheduled_notifications
        WHERE dedupe_key = ANY($1::varchar[]) AND status IN ('pending', 'released')`,
      [keys],
    );
    return new Set(rows.map((r) => r.dedupe_key));
  }

  /**
   * Moves pending meeting reminders not yet due to the instant planned now, where it differs: a person who set
   * quiet hours (or moved zone) since has their night-time reminders moved to the evening before, or back. Rows
   * locked in key order, like every planner, so two replans wait for each other instead of deadlocking.
   */
  async retimeMeetingReminders(manager: EntityManager, entries: readonly ScheduleEntry[], now: Date): Promise<number> {
    if (entries.length === 0) return 0;
    const [, count] = await manager.query<[unknown[], number]>(
      `WITH planned AS (SELECT * FROM unnest($1::varchar[], $2::timestamptz[]) AS v(dedupe_key, due_at)),
            moved AS (
              SELECT s.id, planned.due_at
                FROM scheduled_notifications s
                JOIN planned ON planned.dedupe_key = s.dedupe_key
               WHERE s.status = 'pending' AND s.kind = 'meeting-reminder' AND s.due_at > $3
                 AND s.due_at <> planned.due_at
               ORDER BY s.dedupe_key
                 FOR UPDATE OF s)
       UPDATE scheduled_notifications s SET due_at = moved.due_at FROM moved WHERE s.id = moved.id`,
      [entries.map((e) => e.dedupeKey), entries.map((e) => e.dueAt.toISOString()), now],
    );
    return count;
  }

  /** Meetings starting within the horizon with no reminder pending: new to the horizon (or nobody to remind). */
  meetingsWithoutReminders(manager: EntityManager, now: Date, until: Date, after: string, limit: number) {
    return manager.query<{ id: string }[]>(
      `SELECT m.meeting_id AS id FROM group_meetings m
        WHERE m.status = 'scheduled' AND m.starts_at > $1 AND m.starts_at <= $2 AND m.meeting_id > $3
          AND NOT EXISTS (SELECT 1 FROM scheduled_notifications s
                           WHERE s.subject_id = m.meeting_id AND s.status = 'pending' AND s.kind = 'meeting-reminder')
        ORDER BY m.meeting_id
        LIMIT ${Number(limit)}`,
      [now, until, after],
    );
  }

  /**
   * Cancels the pending meeting reminders of these meetings and people except the keys still right. One statement
   * for the whole batch (NotificationSchedule.cancelPending takes one subject at a time).
   */
  async cancelMeetingReminders(
    manager: EntityManager,
    meetingIds: readonly string[],
    userIds: readonly string[],
    keep: readonly string[],
  ): Promise<number> {
    if (meetingIds.length === 0 && userIds.length === 0) return 0;
    const [, count] = await manager.query<[unknown[], number]>(
      `UPDATE scheduled_notifications SET status = 'cancelled'
        WHERE status = 'pending' AND kind = 'meeting-reminder'
          AND (subject_id = ANY($1::uuid[]) OR user_id = ANY($2::uuid[]))
          AND NOT (dedupe_key = ANY($3::varchar[]))`,
      [meetingIds, userIds, keep],
    );
    return count;
  }

  /** Every (cohort, learner) pair of the scope, whatever the learner's status (a withdrawn one loses reminders). */
  async learnerPairs(manager: EntityManager, scope: LearnerScope): Promise<{ cohortId: string; userId: string }[]> {
    return manager.query<{ cohortId: string; userId: string }[]>(
      `SELECT DISTINCT cm.cohort_id AS "cohortId", cm.user_id AS "userId"
         FROM cohort_enrollments cm
        WHERE cm.role = 'learner'
          AND ((cm.cohort_id, cm.user_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))
               OR cm.cohort_id = ANY($3::uuid[])
               OR cm.user_id = ANY($4::uuid[]))`,
      [scope.pairs.map((p) => p.cohortId), scope.pairs.map((p) => p.userId), scope.cohortIds, scope.userIds],
    );
  }

  /** The open modules of the active learners among these pairs who want reminders. */
  async openModules(manager: EntityManager, pairs: readonly { cohortId: string; userId: string }[]) {
    if (pairs.length === 0) return [];
    return manager.query<LearnerModule[]>(
      `SELECT c.id AS "cohortId", cm.user_id AS "userId", m.module_id AS "moduleId",
              to_char(c.start_date, 'YYYY-MM-DD') AS "startDate", c.time_zone AS "cohortZone",
              c.deadline_mode AS "deadlineMode", u.time_zone AS "learnerZone",
              m.release_offset_days AS "releaseOffsetDays", m.due_offset_days AS "dueOffsetDays",
              COALESCE(e.extra_days, 0) AS "extraDays"
         FROM unnest($1::uuid[], $2::uuid[]) AS pair(cohort_id, user_id)
         JOIN cohort_enrollments cm ON cm.cohort_id = pair.cohort_id AND cm.user_id = pair.user_id
         JOIN cohort_calendars c ON c.id = cm.cohort_id
         JOIN cohort_module_deadlines m ON m.cohort_id = c.id
         JOIN identity_people u ON u.id = cm.user_id
         LEFT JOIN identity_notification_settings p ON p.user_id = cm.user_id
         LEFT JOIN cohort_deadline_extensions e
                ON e.cohort_id = c.id AND e.user_id = cm.user_id AND e.module_id = m.module_id
        WHERE cm.role = 'learner' AND cm.status = 'active' AND ${REMINDABLE}
          AND NOT EXISTS (SELECT 1 FROM cohort_module_completions mc
                           WHERE mc.cohort_id = c.id AND mc.user_id = cm.user_id AND mc.module_id = m.module_id)`,
      [pairs.map((p) => p.cohortId), pairs.map((p) => p.userId)],
    );
  }

  /** Cancels the pending module reminders of these learners in these cohorts (and of these people), except `keep`. */
  async cancelModuleReminders(
    manager: EntityManager,
    pairs: readonly { cohortId: string; userId: string }[],
    userIds: readonly string[],
    keep: readonly string[],
  ): Promise<number> {
    if (pairs.length === 0 && userIds.length === 0) return 0;
    const everyone = [...new Set([...pairs.map((p) => p.userId), ...userIds])];
    const [, count] = await manager.query<[unknown[], number]>(
      `UPDATE scheduled_notifications s SET status = 'cancelled'
        WHERE s.status = 'pending' AND s.kind = 'module-due-reminder'
          AND s.user_id = ANY($1::uuid[])
          AND (s.user_id = ANY($4::uuid[])
               OR EXISTS (SELECT 1 FROM unnest($2::uuid[], $3::uuid[]) AS pair(cohort_id, user_id)
                           WHERE pair.user_id = s.user_id AND pair.cohort_id::text = s.payload->>'cohortId'))
          AND NOT (s.dedupe_key = ANY($5::varchar[]))`,
      [everyone, pairs.map((p) => p.cohortId), pairs.map((p) => p.userId), userIds, keep],
    );
    return count;
  }
}
