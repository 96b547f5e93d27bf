import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PersonalDataRegistry, type PersonalDataContributor } from '@app/core';

/** Said in the export, and by the API's account deletion: what erasure does not undo. */
export const ISSUED_CREDENTIALS_NOTE =
  'Badges already issued stay valid and verifiable after the account is deleted: each credential names its ' +
  'recipient only by a salted hash of their email, not by the account, and whoever holds a copy can still verify ' +
  'it. Deleting the account unlinks them from it; a credential that must stop being valid has to be revoked first.';

/**
 * A person's part in badges: the badges they hold (each with its signed credential, as issued), the nominations
 * they made and those made of them (without the nominator: a nomination received is about them, not theirs to
 * name), and the endorsements they gave.
 *
 * Erasure unlinks their awards (`recipient_id` null) and keeps the credentials: they hold only the hashed email, so
 * they stay verifiable and the status list keeps its entries. Their nominations (as nominee or nominator, with
 * others' endorsements of them) and their endorsements are deleted. As a facilitator or admin, what they did
 * (awards given, revocations, decisions, achievements made) stays, unnamed; their issuer admin rights go.
 */
@Injectable()
export class BadgesPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'badges';

  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async export(manager: EntityManager, userId: string): Promise<unknown> {
    // One after another: the queries share the export transaction's single connection.
    const held = await manager.query<unknown[]>(
      `SELECT a.id, a.achievement_id AS "achievementId", c.name AS "achievementName", a.source, a.evidence,
              a.valid_from AS "issuedAt", a.valid_until AS "validUntil", a.revoked_at AS "revokedAt",
              a.revocation_reason AS "revocationReason", a.hidden, a.credential
         FROM badge_awards a JOIN badge_achievements c ON c.id = a.achievement_id
        WHERE a.recipient_id = $1
        ORDER BY a.valid_from, a.id`,
      [userId],
    );
    const nominationsMade = await manager.query<unknown[]>(
      `SELECT n.id, n.achievement_id AS "achievementId", c.name AS "achievementName", n.nominee_id AS "nomineeId",
              n.comment, n.status, n.created_at AS "createdAt", n.decided_at AS "decidedAt"
         FROM badge_nominations n JOIN badge_achievements c ON c.id = n.achievement_id
        WHERE n.nominator_id = $1
        ORDER BY n.created_at, n.id`,
      [userId],
    );
    const nominationsReceived = await manager.query<unknown[]>(
      `SELECT n.id, n.achievement_id AS "achievementId", c.name AS "achievementName", n.comment, n.status,
              n.created_at AS "createdAt", n.decided_at AS "decidedAt", n.award_id AS "awardId"
         FROM badge_nominations n JOIN badge_achievements c ON c.id = n.achievement_id
        WHERE n.nominee_id = $1
        ORDER BY n.created_at, n.id`,
      [userId],
    );
    const endorsementsGiven = await manager.query<unknown[]>(
      `SELECT e.nomination_id AS "nominationId", n.achievement_id AS "achievementId", e.comment,
              e.created_at AS "createdAt"
         FROM badge_endorsements e JOIN badge_nominations n ON n.id = e.nomination_id
        WHERE e.endorser_id = $1
        ORDER BY e.created_at, e.nomination_id`,
      [userId],
    );
    const issuerAdminOf = await manager.query<unknown[]>(
      `SELECT issuer_id AS "issuerId", created_at AS "since" FROM badge_issuer_admins WHERE user_id = $1
        ORDER BY created_at, issuer_id`,
      [userId],
    );
    return {
      note: ISSUED_CREDENTIALS_NOTE,
      badges: held,
      nominationsMade,
      nominationsReceived,
      endorsementsGiven,
      issuerAdminOf,
    };
  }

  async erase(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`UPDATE badge_awards SET recipient_id = NULL WHERE recipient_id = $1`, [userId]);
    await manager.query(`DELETE FROM badge_endorsements WHERE endorser_id = $1`, [userId]);
    // Others' endorsements of these go with them (cascade).
    await manager.query(`DELETE FROM badge_nominations WHERE nominee_id = $1 OR nominator_id = $1`, [userId]);
    // As a facilitator or admin: what they did stays, unnamed.
    await manager.query(`UPDATE badge_awards SET awarded_by = NULL WHERE awarded_by = $1`, [userId]);
    await manager.query(`UPDATE badge_awards SET revoked_by = NULL WHERE revoked_by = $1`, [userId]);
    await manager.query(`UPDATE badge_nominations SET decided_by = NULL WHERE decided_by = $1`, [userId]);
    await manager.query(`UPDATE badge_achievements SET created_by = NULL WHERE created_by = $1`, [userId]);
    await manager.query(`DELETE FROM badge_issuer_admins WHERE user_id = $1`, [userId]);
  }
}
