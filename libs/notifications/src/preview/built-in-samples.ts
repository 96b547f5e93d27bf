import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AppConfig, fromRepoRoot } from '@app/core';
import { IdentityMailKind } from '@app/identity';
import type { TemplateSet } from '@app/mail';
import { ANNOUNCEMENT_TEMPLATES } from '../announcements/announcement.composer';
import { NotificationMailKind } from '../schedule/notification-kind';
import { UNSUBSCRIBE_PATH, UnsubscribeLinks } from '../unsubscribe/unsubscribe-links';
import { PreviewSamples } from './preview-samples';

const IDENTITY: TemplateSet = { dir: fromRepoRoot('libs', 'identity', 'templates') };
const SAMPLE_COHORT_ID = '00000000-0000-4000-8000-000000000001';

const ANNOUNCEMENT: Record<string, { title: string; body: string }> = {
  en: { title: 'Week 3 opens early', body: 'Module 3 is out today. Bring one question to Thursday’s meeting.' },
  es: { title: 'La semana 3 empieza antes', body: 'El módulo 3 sale hoy. Trae una pregunta a la reunión del jueves.' },
  fr: { title: 'La semaine 3 commence plus tôt', body: 'Le module 3 sort aujourd’hui. Apportez une question jeudi.' },
};

/**
 * Samples for the emails of domains that do not depend on notifications (identity), and for announcements:
 * registered here, where the preview lives, from their template folders and the data their composers pass.
 */
@Injectable()
export class BuiltInPreviewSamples implements OnModuleInit {
  constructor(
    private readonly samples: PreviewSamples,
    private readonly config: AppConfig,
    private readonly links: UnsubscribeLinks,
  ) {}

  onModuleInit(): void {
    // Sample tokens: the links in a preview lead nowhere.
    const link = (path: string): string => new URL(`${path}?token=sample-token`, this.config.PUBLIC_URL).toString();
    this.samples.register({
      kind: IdentityMailKind.VerifyEmail,
      templates: IDENTITY,
      template: 'verify-email',
      sample: () => ({ displayName: 'Ana Quispe', link: link('/verify-email'), token: 'sample-token' }),
    });
    this.samples.register({
      kind: IdentityMailKind.PasswordReset,
      templates: IDENTITY,
      template: 'password-reset',
      sample: () => ({ displayName: 'Ana Quispe', link: link('/reset-password'), token: 'sample-token' }),
    });
    this.samples.register({
      kind: NotificationMailKind.Announcement,
      templates: ANNOUNCEMENT_TEMPLATES,
      template: 'announcement',
      sample: (locale) => {
        const text = ANNOUNCEMENT[locale] ?? ANNOUNCEMENT.en!;
        return {
          cohortId: SAMPLE_COHORT_ID,
          cohortTitle: 'Climate Science 101',
          authorName: 'Bilal Haddad',
          title: text.title,
          body: text.body,
          bodyHtml: `<p>${text.body}</p>`,
          link: new URL(`/cohorts/${SAMPLE_COHORT_ID}`, this.config.PUBLIC_URL).toString(),
          preferencesUrl: this.links.preferencesUrl(),
          unsubscribeUrl: link(UNSUBSCRIBE_PATH),
        };
      },
    });
  }
}
