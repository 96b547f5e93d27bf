import { Injectable } from '@nestjs/common';
import { CohortCalendar, DeadlineMode } from '@app/cohorts';
import { renderInZone } from '@app/core';
import type { ComposedEmail } from '@app/mail';
import { NotificationMailKind } from '../schedule/notification-kind';
import { sameInstant } from './meeting-mail-view';
import { ReminderComposer, type ReminderDelivery } from './reminder.composer';

/**
 * "Module X is due in 24 hours", at the learner's own deadline. Checked again at send time against the deadline
 * as it is now (their zone, the cohort's mode and dates, their extension): a deadline moved since has its own
 * reminder, so this one is skipped, as it is for a completed module, a learner who left or turned reminders off.
 */
@Injectable()
export class ModuleDueReminderComposer extends ReminderComposer {
  readonly kind = NotificationMailKind.ModuleDueReminder;

  protected async composeFor(delivery: ReminderDelivery): Promise<ComposedEmail | null> {
    const { cohortId, moduleId, deadlineAt } = delivery.payload;
    if (typeof cohortId !== 'string' || typeof moduleId !== 'string') return null;
    const facts = await this.facts.moduleFacts(cohortId, moduleId, delivery.userId);
    if (!facts?.mayReceive || facts.completed) return null;
    const mode = facts.deadlineMode;
    const calendar = new CohortCalendar({ startDate: facts.startDate, timeZone: facts.cohortZone, deadlineMode: mode });
    const { dueAt } = calendar.datesFor(
      { releaseOffsetDays: facts.releaseOffsetDays, dueOffsetDays: facts.dueOffsetDays },
      facts.readerZone,
      facts.extraDays,
    );
    if (!sameInstant(deadlineAt, dueAt) || dueAt <= this.clock.now()) return null;
    return this.render('reminder-module', delivery, {
      displayName: facts.displayName,
      cohortTitle: facts.cohortTitle,
      moduleTitle: facts.moduleTitle,
      when: renderInZone(dueAt, facts.readerZone, delivery.locale),
      // A fixed deadline is the cohort's: say so in its zone too, when it is not the reader's.
      whenInCohort:
        mode === DeadlineMode.Fixed && facts.cohortZone !== facts.readerZone
          ? renderInZone(dueAt, facts.cohortZone, delivery.locale)
          : null,
      extended: facts.extraDays > 0,
      link: new URL(`/cohorts/${cohortId}`, this.config.PUBLIC_URL).toString(),
    });
  }
}
