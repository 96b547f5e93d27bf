import { NotificationKind } from '../schedule/notification-kind';

/**
 * Peer-review kinds that follow the person's `reviewActivityDelivery`: emailed, or set aside for their digest. A
 * lease about to expire is not among them: it is only worth anything at once, so it is always emailed.
 */
export const DIGESTED_REVIEW_KINDS: ReadonlySet<NotificationKind> = new Set([
  NotificationKind.ReviewAssigned,
  NotificationKind.ReviewsDue,
  NotificationKind.ReviewReceived,
  NotificationKind.ScoreReleased,
  NotificationKind.ReviewsShortOfK,
]);
