import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AwardNotices } from '@app/badges';
import { NotificationKind } from '../../schedule/notification-kind';
import { capped, type Capped } from './digest-format';
import { byUser, RECIPIENTS_CTE, recipientParams, type DigestRecipient, type DigestSection } from './digest-section';

export interface BadgeItem {
  badgeName: string;
  issuerName: string;
  /** The credential's public page. */
  link: string;
}

/**
 * Badges earned by those who chose to read them in their digest (`badgeDelivery`): the "you earned a badge" rows the
 * releaser set aside (released with no ledger row) within the digest's window, each in one digest only. A badge
 * revoked since, or no longer the reader's, is left out.
 */
@Injectable()
export class BadgesSection implements DigestSection<Capped<BadgeItem>> {
  readonly key = 'badges';

  constructor(private readonly awards: AwardNotices) {}

  async collect(manager: EntityManager, recipients: readonly DigestRecipient[]) {
    const rows = await manager.query<{ user_id: string; award_id: string }[]>(
      `${RECIPIENTS_CTE}
       SELECT r.user_id, s.subject_id AS award_id
         FROM r
         JOIN scheduled_notifications s ON s.user_id = r.user_id
          AND s.status = 'released' AND s.delivery_id IS NULL AND s.kind = $6
          AND s.released_at > r.since AND s.released_at <= r.until
         LEFT JOIN identity_notification_settings np ON np.user_id = r.user_id
        WHERE coalesce(np.badges, true)
        ORDER BY r.user_id, s.released_at, s.dedupe_key`,
      [...recipientParams(recipients), NotificationKind.BadgeAwarded],
    );
    const sections = new Map<string, Capped<BadgeItem>>();
    if (rows.length === 0) return sections;
    const awards = await this.awards.find(
      manager,
      rows.map((r) => r.award_id),
    );
    for (const [userId, list] of byUser(rows)) {
      const items = list.flatMap((row) => {
        const award = awards.get(row.award_id);
        if (!award || award.revoked || award.recipientId !== userId) return [];
        return [{ badgeName: award.achievementName, issuerName: award.issuerName, link: award.credentialUrl }];
      });
      if (items.length > 0) sections.set(userId, capped(items));
    }
    return sections;
  }
}
