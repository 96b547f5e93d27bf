import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig, renderInZone } from '@app/core';
import { AssignmentDirectory } from '../../peer-review/assignment-directory';
import { DIGESTED_REVIEW_KINDS } from '../../peer-review/peer-review-delivery';
import { owed, peerReviewLinks } from '../../peer-review/peer-review.composers';
import { PeerReviewNoticeRepository } from '../../peer-review/peer-review-notice.repository';
import { NotificationKind } from '../../schedule/notification-kind';
import { capped, type Capped } from './digest-format';
import { byUser, RECIPIENTS_CTE, recipientParams, type DigestRecipient, type DigestSection } from './digest-section';

interface NoticeRow {
  user_id: string;
  kind: NotificationKind;
  payload: Record<string, unknown>;
}

export interface PeerReviewItem {
  /** The line's message, `digest.peerReview.<kind>`. */
  message: string;
  assignmentTitle: string;
  count: number | null;
  when: string | null;
  link: string;
}

const MESSAGE: Partial<Record<NotificationKind, string>> = {
  [NotificationKind.ReviewAssigned]: 'digest.peerReview.assigned',
  [NotificationKind.ReviewReceived]: 'digest.peerReview.received',
  [NotificationKind.ScoreReleased]: 'digest.peerReview.scoreReleased',
  [NotificationKind.ReviewsDue]: 'digest.peerReview.reviewsDue',
  [NotificationKind.ReviewsShortOfK]: 'digest.peerReview.shortOfK',
};

const str = (value: unknown): value is string => typeof value === 'string';

/**
 * Peer-review activity of those who chose to read it in their digest (`reviewActivityDelivery`): the schedule rows
 * the releaser set aside for the digest instead of emailing them (released with no ledger row) within the digest's
 * window, each in one digest only. Lines name assignments and counts, never a person. What no longer applies by
 * now (reviews no longer owed, no submission short any more) is left out.
 */
@Injectable()
export class PeerReviewSection implements DigestSection<Capped<PeerReviewItem>> {
  readonly key = 'peerReview';

  constructor(
    private readonly config: AppConfig,
    private readonly facts: PeerReviewNoticeRepository,
    private readonly assignments: AssignmentDirectory,
  ) {}

  async collect(manager: EntityManager, recipients: readonly DigestRecipient[]) {
    const rows = await manager.query<NoticeRow[]>(
      `${RECIPIENTS_CTE}
       SELECT r.user_id, s.kind, s.payload
         FROM r
         JOIN scheduled_notifications s ON s.user_id = r.user_id
          AND s.status = 'released' AND s.delivery_id IS NULL AND s.kind = ANY($6::varchar[])
          AND s.released_at > r.since AND s.released_at <= r.until
         LEFT JOIN identity_notification_settings np ON np.user_id = r.user_id
        WHERE coalesce(np.review_activity, true)
        ORDER BY r.user_id, s.released_at, s.dedupe_key`,
      [...recipientParams(recipients), [...DIGESTED_REVIEW_KINDS]],
    );
    if (rows.length === 0) return new Map<string, Capped<PeerReviewItem>>();
    const recipientOf = new Map(recipients.map((r) => [r.userId, r]));
    const find = this.assignments.lookup();
    const submissionIds = rows.flatMap((r) =>
      r.kind === NotificationKind.ReviewsDue && str(r.payload.submissionId) ? [r.payload.submissionId] : [],
    );
    const submissions = new Map(
      (await this.facts.submissions(manager, { submissionIds })).map((s) => [s.submissionId, s]),
    );
    const sections = new Map<string, Capped<PeerReviewItem>>();
    for (const [userId, list] of byUser(rows)) {
      const reader = recipientOf.get(userId);
      if (!reader) continue;
      const items: PeerReviewItem[] = [];
      for (const row of list) {
        const { cohortId, assignmentId } = row.payload;
        const message = MESSAGE[row.kind];
        if (!message || !str(cohortId) || !str(assignmentId)) continue;
        const assignment = await find(cohortId, assignmentId);
        if (!assignment) continue;
        const links = peerReviewLinks(this.config.PUBLIC_URL, cohortId, assignmentId);
        const item = { message, assignmentTitle: assignment.title, count: null, when: null };
        switch (row.kind) {
          case NotificationKind.ReviewsDue: {
            const submission = str(row.payload.submissionId) ? submissions.get(row.payload.submissionId) : undefined;
            const count = submission ? owed(submission, assignment) : 0;
            if (!submission || count === 0 || submission.reviewClosesAt <= reader.until) break;
            items.push({
              ...item,
              count,
              when: renderInZone(submission.reviewClosesAt, reader.timeZone, reader.locale),
              link: links.reviews(),
            });
            break;
          }
          case NotificationKind.ReviewsShortOfK: {
            const k = assignment.review.reviewsPerSubmission;
            const count = await this.facts.countShortOfK(cohortId, assignmentId, k, reader.until);
            if (count > 0) items.push({ ...item, count, link: links.queue() });
            break;
          }
          case NotificationKind.ReviewAssigned:
            items.push({ ...item, link: links.reviews() });
            break;
          case NotificationKind.ReviewReceived:
            items.push({ ...item, link: links.submission() });
            break;
          case NotificationKind.ScoreReleased:
            items.push({ ...item, link: links.score() });
            break;
          // Not digest lines: a lease warning is only ever emailed; the others are not peer review's.
          case NotificationKind.ReviewLeaseExpiring:
          case NotificationKind.Digest:
          case NotificationKind.MeetingReminder:
          case NotificationKind.ModuleDueReminder:
          case NotificationKind.BadgeAwarded:
            break;
        }
      }
      if (items.length > 0) sections.set(userId, capped(items));
    }
    return sections;
  }
}
