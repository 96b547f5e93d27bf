import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { BadgeUrls } from '@app/badges';
import { PreviewSamples } from '../preview/preview-samples';
import { NotificationMailKind } from '../schedule/notification-kind';
import { UnsubscribeLinks, UNSUBSCRIBE_PATH } from '../unsubscribe/unsubscribe-links';
import { BADGE_TEMPLATES, type BadgeAwardedView } from './badge-awarded.composer';

const SAMPLE_AWARD_ID = '00000000-0000-4000-8000-000000000014';

/** The preview sample of "you earned a badge". */
@Injectable()
export class BadgePreviewSamples implements OnModuleInit {
  constructor(
    private readonly samples: PreviewSamples,
    private readonly config: AppConfig,
    private readonly links: UnsubscribeLinks,
    private readonly urls: BadgeUrls,
  ) {}

  onModuleInit(): void {
    const view: BadgeAwardedView = {
      displayName: 'Nima Sherpa',
      badgeName: 'Careful Reviewer',
      issuerName: 'Commonplace',
      link: this.urls.credential(SAMPLE_AWARD_ID),
    };
    this.samples.register({
      kind: NotificationMailKind.BadgeAwarded,
      templates: BADGE_TEMPLATES,
      template: 'badge-awarded',
      sample: () => ({
        ...view,
        // Sample token: the links in a preview lead nowhere.
        preferencesUrl: this.links.preferencesUrl(),
        unsubscribeUrl: new URL(`${UNSUBSCRIBE_PATH}?token=sample-token`, this.config.PUBLIC_URL).toString(),
      }),
    });
  }
}
