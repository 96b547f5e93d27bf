import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AppConfig, renderInZone } from '@app/core';
import { PreviewSamples } from '../preview/preview-samples';
import { NotificationMailKind } from '../schedule/notification-kind';
import { UnsubscribeLinks, UNSUBSCRIBE_PATH } from '../unsubscribe/unsubscribe-links';
import { mailKeys, PEER_REVIEW_TEMPLATES, peerReviewLinks, type PeerReviewMailView } from './peer-review.composers';

const SAMPLE_COHORT_ID = '00000000-0000-4000-8000-000000000001';
const SAMPLE_ASSIGNMENT_ID = '00000000-0000-4000-8000-000000000004';
const SAMPLE_REVIEW_ID = '00000000-0000-4000-8000-000000000005';
const ZONE = 'Asia/Kathmandu';

/** Preview samples of the peer-review emails, for a reader in Kathmandu; no reviewer named (double-blind). */
@Injectable()
export class PeerReviewPreviewSamples implements OnModuleInit {
  constructor(
    private readonly samples: PreviewSamples,
    private readonly config: AppConfig,
    private readonly links: UnsubscribeLinks,
  ) {}

  onModuleInit(): void {
    const links = peerReviewLinks(this.config.PUBLIC_URL, SAMPLE_COHORT_ID, SAMPLE_ASSIGNMENT_ID);
    const at = (iso: string, locale: string) => renderInZone(new Date(iso), ZONE, locale);
    const views: Record<string, (locale: string) => PeerReviewMailView> = {
      [NotificationMailKind.ReviewAssigned]: (locale) => ({
        ...this.base(mailKeys('assigned'), links.review(SAMPLE_REVIEW_ID)),
        when: at('2026-03-09T14:15:00Z', locale),
      }),
      [NotificationMailKind.ReviewLeaseExpiring]: (locale) => ({
        ...this.base(mailKeys('leaseExpiring'), links.review(SAMPLE_REVIEW_ID)),
        when: at('2026-03-09T14:15:00Z', locale),
        minutes: 30,
      }),
      [NotificationMailKind.ReviewsDue]: (locale) => ({
        ...this.base(mailKeys('reviewsDue'), links.reviews()),
        when: at('2026-03-11T18:14:00Z', locale),
        count: 2,
      }),
      [NotificationMailKind.ReviewReceived]: () => ({
        ...this.base(mailKeys('received', 'bodyAnonymous', 'hidden'), links.submission()),
        count: 1,
        k: 3,
      }),
      [NotificationMailKind.ScoreReleased]: () => this.base(mailKeys('scoreReleased'), links.score()),
      [NotificationMailKind.ReviewsShortOfK]: () => ({
        ...this.base(mailKeys('shortOfK'), links.queue()),
        count: 4,
        k: 3,
      }),
    };
    for (const [kind, view] of Object.entries(views)) {
      this.samples.register({
        kind,
        templates: PEER_REVIEW_TEMPLATES,
        template: 'peer-review',
        sample: (locale) => ({ ...view(locale), ...this.footer() }),
      });
    }
  }

  private base(keys: PeerReviewMailView['keys'], link: string): PeerReviewMailView {
    return {
      keys,
      displayName: 'Nima Sherpa',
      cohortTitle: 'Biogas, spring cohort',
      assignmentTitle: 'Seal the tube',
      link,
    };
  }

  /** Sample token: the links in a preview lead nowhere. */
  private footer(): Record<string, string> {
    return {
      preferencesUrl: this.links.preferencesUrl(),
      unsubscribeUrl: new URL(`${UNSUBSCRIBE_PATH}?token=sample-token`, this.config.PUBLIC_URL).toString(),
    };
  }
}
