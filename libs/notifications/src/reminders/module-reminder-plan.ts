import { CohortCalendar, type DeadlineMode } from '@app/cohorts';
import { NotificationKind } from '../schedule/notification-kind';
import type { ScheduleEntry } from '../schedule/notification-schedule';
import { moduleReminderKey } from './reminder-keys';

/** A module due reminder goes this long before the learner's own deadline: a duration, not a local day. */
export const MODULE_REMINDER_LEAD_MS = 24 * 3600_000;

/** One module of one active learner with reminders on, not completed, with what fixes their deadline. */
export interface LearnerModule {
  cohortId: string;
  userId: string;
  moduleId: string;
  startDate: string;
  cohortZone: string;
  deadlineMode: DeadlineMode;
  learnerZone: string;
  releaseOffsetDays: number;
  dueOffsetDays: number;
  extraDays: number;
}

/** What a module reminder row carries to its composer (`dueAt` is the row's own due instant, added on release). */
export interface ModuleReminderPayload {
  cohortId: string;
  moduleId: string;
  /** ISO instant of the learner's deadline when planned: the composer skips the email if it has moved since. */
  deadlineAt: string;
}

export interface ModuleReminderPlan {
  entries: ScheduleEntry[];
  /** Keys still right, planned now or due already (waiting for the releaser): never cancelled. */
  keep: string[];
}

/**
 * Module due reminders that should exist now: for each learner's open module, 24 h before their own deadline (the
 * cohort's deadline mode, their zone, their extension), if that is still ahead. Pure, like the meeting plan.
 */
export function planModuleReminders(modules: readonly LearnerModule[], now: Date): ModuleReminderPlan {
  const calendars = new Map<string, CohortCalendar>();
  const entries: ScheduleEntry[] = [];
  const keep: string[] = [];
  for (const m of modules) {
    let calendar = calendars.get(m.cohortId);
    if (!calendar) {
      calendar = new CohortCalendar({ startDate: m.startDate, timeZone: m.cohortZone, deadlineMode: m.deadlineMode });
      calendars.set(m.cohortId, calendar);
    }
    const { dueAt: deadline } = calendar.datesFor(
      { releaseOffsetDays: m.releaseOffsetDays, dueOffsetDays: m.dueOffsetDays },
      m.learnerZone,
      m.extraDays,
    );
    if (deadline <= now) continue;
    const key = moduleReminderKey(m.cohortId, m.moduleId, m.userId, deadline);
    keep.push(key);
    const dueAt = new Date(deadline.getTime() - MODULE_REMINDER_LEAD_MS);
    if (dueAt <= now) continue;
    const payload: ModuleReminderPayload = {
      cohortId: m.cohortId,
      moduleId: m.moduleId,
      deadlineAt: deadline.toISOString(),
    };
    entries.push({
      dedupeKey: key,
      kind: NotificationKind.ModuleDueReminder,
      userId: m.userId,
      subjectId: m.moduleId,
      dueAt,
      payload: { ...payload },
    });
  }
  return { entries, keep };
}
