import { Injectable } from '@nestjs/common';
import { renderInZone } from '@app/core';
import type { ComposedEmail } from '@app/mail';
import { NotificationMailKind } from '../schedule/notification-kind';
import { meetingMailView, sameInstant } from './meeting-mail-view';
import { ReminderComposer, type ReminderDelivery } from './reminder.composer';

/**
 * "Your meeting moved / was cancelled", with a calendar REQUEST (same UID, the meeting's current SEQUENCE) that
 * updates the reader's copy, or a CANCEL that removes it. Checked again at send time: if the meeting changed again
 * since (moved elsewhere, cancelled, revived), that change has its own email and this one is skipped.
 */
@Injectable()
export class MeetingChangedComposer extends ReminderComposer {
  readonly kind = NotificationMailKind.MeetingChanged;

  protected async composeFor(delivery: ReminderDelivery): Promise<ComposedEmail | null> {
    const { meetingId, change, startsAt, previousStartsAt } = delivery.payload;
    if (typeof meetingId !== 'string') return null;
    if (change !== 'moved' && change !== 'cancelled') return null;
    const facts = await this.facts.meetingFacts(meetingId, delivery.userId);
    if (!facts?.mayReceive || !sameInstant(startsAt, facts.startsAt)) return null;
    if (facts.status !== (change === 'moved' ? 'scheduled' : 'cancelled')) return null;
    const now = this.clock.now();
    if (facts.startsAt <= now) return null;
    const moved = change === 'moved';
    const view = {
      ...meetingMailView(facts, delivery.locale, this.config.PUBLIC_URL),
      moved,
      before:
        moved && typeof previousStartsAt === 'string'
          ? renderInZone(new Date(previousStartsAt), facts.readerZone, delivery.locale)
          : null,
    };
    return this.render('meeting-changed', delivery, view, [
      this.invitation(moved ? 'REQUEST' : 'CANCEL', facts, delivery.to, now),
    ]);
  }
}
