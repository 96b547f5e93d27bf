import { BadgeAwardedComposer } from './badge-awarded.composer';
import { BadgeNoticePlanner } from './badge-notice.planner';
import { BadgePreviewSamples } from './badge-previews';

/** Badge notifications: the outbox handler that plans "you earned a badge", its composer and preview. */
export const badgeNoticeProviders = [BadgeNoticePlanner, BadgeAwardedComposer, BadgePreviewSamples];
