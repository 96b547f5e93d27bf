import { Injectable } from '@nestjs/common';
import type { ComposedEmail } from '@app/mail';
import { NotificationMailKind } from '../schedule/notification-kind';
import { leadTime, meetingMailView, sameInstant, statedLeadMinutes } from './meeting-mail-view';
import { ReminderComposer, type ReminderDelivery } from './reminder.composer';

/**
 * "Your group meets in an hour", with the meeting as a PUBLISHed calendar entry; the lead time stated is the time
 * left when quiet hours moved the email (`statedLeadMinutes`). Checked again at send time: a
 * meeting cancelled, moved (its reminders were re-keyed) or already begun, a member who left or turned reminders
 * off, gets nothing (null: the ledger row is skipped).
 */
@Injectable()
export class MeetingReminderComposer extends ReminderComposer {
  readonly kind = NotificationMailKind.MeetingReminder;

  protected async composeFor(delivery: ReminderDelivery): Promise<ComposedEmail | null> {
    const { meetingId, startsAt, offsetMinutes } = delivery.payload;
    if (typeof meetingId !== 'string' || typeof offsetMinutes !== 'number') return null;
    const facts = await this.facts.meetingFacts(meetingId, delivery.userId);
    if (!facts?.mayReceive || facts.status !== 'scheduled' || !sameInstant(startsAt, facts.startsAt)) return null;
    const now = this.clock.now();
    if (facts.startsAt <= now) return null;
    const view = {
      ...meetingMailView(facts, delivery.locale, this.config.PUBLIC_URL),
      ...leadTime(statedLeadMinutes(offsetMinutes, facts.startsAt, now)),
    };
    return this.render('reminder-meeting', delivery, view, [this.invitation('PUBLISH', facts, delivery.to, now)]);
  }
}
