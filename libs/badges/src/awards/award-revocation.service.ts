import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, Outbox } from '@app/core';
import { BadgeError, BadgeErrorCode } from '../badges.errors';
import { BadgeEvent } from '../badges.events';
import { Issuers } from '../issuers/issuers.service';
import { StatusLists } from '../status-list/status-lists.service';

/**
 * Revokes an award: records who and why, sets its bit and signs its status list again, in one transaction, so the
 * public list says "revoked" from the moment the revocation commits. The caller has checked the actor's right.
 */
@Injectable()
export class AwardRevocation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly issuers: Issuers,
    private readonly statusLists: StatusLists,
  ) {}

  async revoke(awardId: string, reason: string, revokedBy: string | null): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [award] = await manager.query<
        {
          achievement_id: string;
          recipient_id: string | null;
          status_list_id: string;
          issuer_id: string;
          revoked: boolean;
        }[]
      >(
        `SELECT a.achievement_id, a.recipient_id, a.status_list_id, l.issuer_id, a.revoked_at IS NOT NULL AS revoked
           FROM badge_awards a JOIN badge_status_lists l ON l.id = a.status_list_id
          WHERE a.id = $1 FOR UPDATE OF a`,
        [awardId],
      );
      if (!award) throw new BadgeError(BadgeErrorCode.AwardNotFound);
      if (award.revoked) throw new BadgeError(BadgeErrorCode.AlreadyRevoked);
      await manager.query(
        `UPDATE badge_awards SET revoked_at = $2, revocation_reason = $3, revoked_by = $4 WHERE id = $1`,
        [awardId, this.clock.now(), reason, revokedBy],
      );
      const key = await this.issuers.signingKey(manager, award.issuer_id);
      await this.statusLists.republish(manager, award.status_list_id, key);
      await this.outbox.record(manager, BadgeEvent.Revoked, awardId, {
        awardId,
        achievementId: award.achievement_id,
        recipientId: award.recipient_id,
      });
    });
  }
}
