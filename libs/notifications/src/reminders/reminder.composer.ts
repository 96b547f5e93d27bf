import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AppConfig, Clock } from '@app/core';
import {
  EmailComposerRegistry,
  TemplateRenderer,
  type ComposedEmail,
  type DeliveryToCompose,
  type EmailComposer,
} from '@app/mail';
import { NotificationCategory, type NotificationMailKind } from '../schedule/notification-kind';
import { UnsubscribeLinks } from '../unsubscribe/unsubscribe-links';
import { invitationAttachment, type InvitationMethod } from './meeting-invitation';
import { calendarText, groupUrl, REMINDER_TEMPLATES } from './meeting-mail-view';
import { ReminderMailRepository, type MeetingMailFacts } from './reminder-mail.repository';

type Attachment = NonNullable<ComposedEmail['attachments']>[number];

/** A delivery to a person (reminders are never sent to a bare address). */
export type ReminderDelivery = DeliveryToCompose & { userId: string };

/**
 * What the reminder emails (meeting reminder, module due, meeting changed) share: registering with the dispatcher,
 * rendering this domain's templates with the Reminders category's footer links and one-click unsubscribe headers,
 * and the meeting as a calendar entry. A subclass names its kind and composes; each reloads its facts at send time.
 */
@Injectable()
export abstract class ReminderComposer implements EmailComposer, OnModuleInit {
  abstract readonly kind: NotificationMailKind;

  constructor(
    private readonly registry: EmailComposerRegistry,
    private readonly renderer: TemplateRenderer,
    protected readonly facts: ReminderMailRepository,
    private readonly links: UnsubscribeLinks,
    protected readonly config: AppConfig,
    protected readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  compose(delivery: DeliveryToCompose): Promise<ComposedEmail | null> {
    const { userId } = delivery;
    return userId ? this.composeFor({ ...delivery, userId }) : Promise.resolve(null);
  }

  /** The email, or null when it no longer applies (the ledger row is then skipped). */
  protected abstract composeFor(delivery: ReminderDelivery): Promise<ComposedEmail | null>;

  /** `template` in the reader's language, its footer and headers letting them turn reminders off. */
  protected render(
    template: string,
    reader: ReminderDelivery,
    view: Record<string, unknown>,
    attachments?: Attachment[],
  ): ComposedEmail {
    const { unsubscribeUrl, headers } = this.links.forEmail(reader.userId, NotificationCategory.Reminders);
    const rendered = this.renderer.render(REMINDER_TEMPLATES, template, reader.locale, {
      ...view,
      preferencesUrl: this.links.preferencesUrl(),
      unsubscribeUrl,
    });
    return {
      ...rendered,
      headers,
      ...(attachments ? { attachments } : {}),
    };
  }

  /** The meeting as it is now, for the reader's calendar: PUBLISH (a reminder), REQUEST (moved) or CANCEL. */
  protected invitation(
    method: InvitationMethod,
    facts: MeetingMailFacts,
    attendeeEmail: string,
    stamp: Date,
  ): Attachment {
    const publicUrl = this.config.PUBLIC_URL;
    return invitationAttachment({
      method,
      meetingId: facts.meetingId,
      sequence: facts.sequence,
      startsAt: facts.startsAt,
      durationMinutes: facts.durationMinutes,
      ...calendarText(facts, publicUrl),
      location: facts.meetingLink ?? facts.venue,
      groupUrl: groupUrl(publicUrl, facts.groupId),
      publicUrl,
      organizer: { name: this.config.MAIL_FROM_NAME, email: this.config.MAIL_FROM_ADDRESS },
      attendeeEmail,
      stamp,
    });
  }
}
