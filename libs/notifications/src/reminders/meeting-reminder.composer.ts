import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AppConfig, Clock } from '@app/core';
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
import {
  calendarText,
  groupUrl,
  leadTime,
  meetingMailView,
  sameInstant,
  REMINDER_TEMPLATES,
} from './meeting-mail-view';
import { ReminderMailRepository } from './reminder-mail.repository';

/**
 * "Your group meets in an hour", with the meeting as a PUBLISHed calendar entry. Checked again at send time: a
 * meeting cancelled, moved (its reminders were re-keyed) or already begun, a member who left or turned reminders
 * off, gets nothing (null: the ledger row is skipped).
 */
@Injectable()
export class MeetingReminderComposer implements EmailComposer, OnModuleInit {
  readonly kind = NotificationMailKind.MeetingReminder;

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
    const { meetingId, startsAt, offsetMinutes } = delivery.payload;
    if (typeof meetingId !== 'string' || typeof offsetMinutes !== 'number' || !delivery.userId) return null;
    const facts = await this.facts.meetingFacts(meetingId, delivery.userId);
    if (!facts?.mayReceive || facts.status !== 'scheduled' || !sameInstant(startsAt, facts.startsAt)) return null;
    const now = this.clock.now();
    if (facts.startsAt <= now) return null;
    const publicUrl = this.config.PUBLIC_URL;
    const rendered = this.renderer.render(REMINDER_TEMPLATES, 'reminder-meeting', delivery.locale, {
      ...meetingMailView(facts, delivery.locale, publicUrl),
      ...leadTime(offsetMinutes),
      preferencesUrl: this.links.preferencesUrl(),
      unsubscribeUrl: this.links.pageUrl(delivery.userId, NotificationCategory.Reminders),
    });
    return {
      ...rendered,
      headers: this.links.headers(delivery.userId, NotificationCategory.Reminders),
      attachments: [
        invitationAttachment({
          method: 'PUBLISH',
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
