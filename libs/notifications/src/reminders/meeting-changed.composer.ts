import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AppConfig, Clock, renderInZone } from '@app/core';
import {
  EmailComposerRegistry,
  TemplateRenderer,
  type ComposedEmail,
  type DeliveryToCompose,
  type EmailComposer,
} from '@app/mail';
import { NotificationCategory, NotificationMailKind } from '../schedule/notification-kind';
import { UnsubscribeLinks } from '../unsubscribe/unsubscribe-links';
import { invitationAttachment } from './meeting-invitation';
import { calendarText, groupUrl, meetingMailView, sameInstant, REMINDER_TEMPLATES } from './meeting-mail-view';
import { ReminderMailRepository } from './reminder-mail.repository';

/**
 * "Your meeting moved / was cancelled", with a calendar REQUEST (same UID, the meeting's current SEQUENCE) that
 * updates the reader's copy, or a CANCEL that removes it. Checked again at send time: if the meeting changed again
 * since (moved elsewhere, cancelled, revived), that change has its own email and this one is skipped.
 */
@Injectable()
export class MeetingChangedComposer implements EmailComposer, OnModuleInit {
  readonly kind = NotificationMailKind.MeetingChanged;

  constructor(
    private readonly registry: EmailComposerRegistry,
    private readonly renderer: TemplateRenderer,
    private readonly facts: ReminderMailRepository,
    private readonly links: UnsubscribeLinks,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async compose(delivery: DeliveryToCompose): Promise<ComposedEmail | null> {
    const { meetingId, change, startsAt, previousStartsAt } = delivery.payload;
    if (typeof meetingId !== 'string' || !delivery.userId) return null;
    if (change !== 'moved' && change !== 'cancelled') return null;
    const facts = await this.facts.meetingFacts(meetingId, delivery.userId);
    if (!facts?.mayReceive || !sameInstant(startsAt, facts.startsAt)) return null;
    if (facts.status !== (change === 'moved' ? 'scheduled' : 'cancelled')) return null;
    const now = this.clock.now();
    if (facts.startsAt <= now) return null;
    const publicUrl = this.config.PUBLIC_URL;
    const moved = change === 'moved';
    const rendered = this.renderer.render(REMINDER_TEMPLATES, 'meeting-changed', delivery.locale, {
      ...meetingMailView(facts, delivery.locale, publicUrl),
      moved,
      before:
        moved && typeof previousStartsAt === 'string'
          ? renderInZone(new Date(previousStartsAt), facts.readerZone, delivery.locale)
          : null,
      preferencesUrl: this.links.preferencesUrl(),
      unsubscribeUrl: this.links.pageUrl(delivery.userId, NotificationCategory.Reminders),
    });
    return {
      ...rendered,
      headers: this.links.headers(delivery.userId, NotificationCategory.Reminders),
      attachments: [
        invitationAttachment({
          method: moved ? 'REQUEST' : 'CANCEL',
          meetingId,
          sequence: facts.sequence,
          startsAt: facts.startsAt,
          durationMinutes: facts.durationMinutes,
          ...calendarText(facts, publicUrl),
          location: facts.meetingLink ?? facts.venue,
          groupUrl: groupUrl(publicUrl, facts.groupId),
          publicUrl,
          organizer: { name: this.config.MAIL_FROM_NAME, email: this.config.MAIL_FROM_ADDRESS },
          attendeeEmail: delivery.to,
          stamp: now,
        }),
      ],
    };
  }
}
