import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BadgeUrls } from '../badge-urls';

/** What telling someone "you earned a badge" needs to know of an award, as it is now. */
export interface AwardNotice {
  awardId: string;
  /** Null once the person is erased. */
  recipientId: string | null;
  achievementName: string;
  issuerName: string;
  issuedAt: Date;
  revoked: boolean;
  /** The public credential page: the link the email and the digest line lead to. */
  credentialUrl: string;
}

/**
 * The awards libraries above read to tell people about them (notifications), in one query for a batch, so they
 * never read this library's tables themselves.
 */
@Injectable()
export class AwardNotices {
  constructor(private readonly urls: BadgeUrls) {}

  async find(manager: EntityManager, awardIds: readonly string[]): Promise<Map<string, AwardNotice>> {
    if (awardIds.length === 0) return new Map();
    const rows = await manager.query<
      {
        id: string;
        recipient_id: string | null;
        name: string;
        issuer_name: string;
        valid_from: Date;
        revoked: boolean;
      }[]
    >(
      `SELECT a.id, a.recipient_id, c.name, i.name AS issuer_name, a.valid_from, a.revoked_at IS NOT NULL AS revoked
         FROM badge_awards a
         JOIN badge_achievements c ON c.id = a.achievement_id
         JOIN badge_issuers i ON i.id = c.issuer_id
        WHERE a.id = ANY($1::uuid[])`,
      [[...new Set(awardIds)]],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          awardId: r.id,
          recipientId: r.recipient_id,
          achievementName: r.name,
          issuerName: r.issuer_name,
          issuedAt: r.valid_from,
          revoked: r.revoked,
          credentialUrl: this.urls.credential(r.id),
        },
      ]),
    );
  }
}
