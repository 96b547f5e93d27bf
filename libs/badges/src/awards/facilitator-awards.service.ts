import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '@app/core';
import { IDENTITY_READ_VIEWS } from '@app/identity';
import { BadgeScopes, type BadgeScope } from '../access/badge-scopes';
import type { AchievementScope } from '../achievements/achievement.entity';
import { BadgeUrls } from '../badge-urls';
import { BadgeError, BadgeErrorCode } from '../badges.errors';
import type { AwardEvidence, AwardSource } from './award.entity';
import { AwardIssuer, type AwardOutcome } from './award-issuer.service';
import { AwardRevocation } from './award-revocation.service';

/** An award as the achievement's managers see it. */
export interface AwardView {
  id: string;
  achievementId: string;
  /** Null once the person is erased (the credential stays valid: it names only a hashed email). */
  recipient: { id: string; displayName: string } | null;
  source: AwardSource;
  awardedBy: string | null;
  issuedAt: Date;
  validUntil: Date | null;
  revokedAt: Date | null;
  revocationReason: string | null;
  credentialUrl: string;
}

interface AwardRow {
  id: string;
  achievement_id: string;
  recipient_id: string | null;
  display_name: string | null;
  source: AwardSource;
  awarded_by: string | null;
  valid_from: Date;
  valid_until: Date | null;
  revoked_at: Date | null;
  revocation_reason: string | null;
}

/** The achievement a manager acts on, locked against a concurrent archive. */
export async function lockedAchievement(
  manager: EntityManager,
  achievementId: string,
): Promise<BadgeScope & { id: string; archived: boolean; endorsementsNeeded: number | null }> {
  const [row] = await manager.query<
    {
      scope_type: AchievementScope;
      scope_id: string | null;
      issuer_id: string;
      archived: boolean;
      endorsements_needed: number | null;
    }[]
  >(
    `SELECT scope_type, scope_id, issuer_id, archived_at IS NOT NULL AS archived, endorsements_needed
       FROM badge_achievements WHERE id = $1 FOR SHARE`,
    [achievementId],
  );
  if (!row) throw new BadgeError(BadgeErrorCode.AchievementNotFound);
  return {
    id: achievementId,
    scopeType: row.scope_type,
    scopeId: row.scope_id,
    issuerId: row.issuer_id,
    archived: row.archived,
    endorsementsNeeded: row.endorsements_needed,
  };
}

/**
 * Badges given by hand: a facilitator (or issuer admin, checked by the route's policy) awards one or many members
 * of the achievement's scope at once, with evidence; all or nothing when anyone named is not a member. Revocation
 * goes through AwardRevocation (the status list is signed again in the same transaction).
 */
@Injectable()
export class FacilitatorAwards {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: BadgeScopes,
    private readonly issuer: AwardIssuer,
    private readonly revocation: AwardRevocation,
    private readonly urls: BadgeUrls,
  ) {}

  async award(
    actor: Actor,
    achievementId: string,
    recipientIds: readonly string[],
    evidence: AwardEvidence[],
  ): Promise<AwardOutcome[]> {
    return this.dataSource.transaction(async (manager) => {
      const achievement = await lockedAchievement(manager, achievementId);
      if (achievement.archived) throw new BadgeError(BadgeErrorCode.AchievementArchived);
      const members = await this.scopes.membersAmong(achievement, recipientIds, manager);
      const outsiders = recipientIds.flatMap((id, i) => (members.has(id) ? [] : [`recipientIds[${i}]`]));
      if (outsiders.length > 0) throw new BadgeError(BadgeErrorCode.RecipientNotMember, outsiders);
      return this.issuer.issue(
        manager,
        recipientIds.map((recipientId) => ({
          achievementId,
          recipientId,
          source: 'facilitator' as const,
          awardedBy: actor.userId,
          evidence,
        })),
      );
    });
  }

  /** Every award of the achievement, newest first (a scope's awards number in the hundreds, not more). */
  async list(achievementId: string): Promise<AwardView[]> {
    const rows = await this.dataSource.query<AwardRow[]>(
      `SELECT w.id, w.achievement_id, w.recipient_id, p.display_name, w.source, w.awarded_by, w.valid_from,
              w.valid_until, w.revoked_at, w.revocation_reason
         FROM badge_awards w LEFT JOIN ${IDENTITY_READ_VIEWS.people} p ON p.id = w.recipient_id
        WHERE w.achievement_id = $1
        ORDER BY w.valid_from DESC, w.id`,
      [achievementId],
    );
    return rows.map((r) => this.view(r));
  }

  async revoke(actor: Actor, awardId: string, reason: string): Promise<AwardView> {
    await this.revocation.revoke(awardId, reason.trim(), actor.userId);
    return this.get(awardId);
  }

  async get(awardId: string): Promise<AwardView> {
    const [row] = await this.dataSource.query<AwardRow[]>(
      `SELECT w.id, w.achievement_id, w.recipient_id, p.display_name, w.source, w.awarded_by, w.valid_from,
              w.valid_until, w.revoked_at, w.revocation_reason
         FROM badge_awards w LEFT JOIN ${IDENTITY_READ_VIEWS.people} p ON p.id = w.recipient_id
        WHERE w.id = $1`,
      [awardId],
    );
    if (!row) throw new BadgeError(BadgeErrorCode.AwardNotFound);
    return this.view(row);
  }

  private view(r: AwardRow): AwardView {
    return {
      id: r.id,
      achievementId: r.achievement_id,
      recipient: r.recipient_id ? { id: r.recipient_id, displayName: r.display_name ?? '' } : null,
      source: r.source,
      awardedBy: r.awarded_by,
      issuedAt: r.valid_from,
      validUntil: r.valid_until,
      revokedAt: r.revoked_at,
      revocationReason: r.revocation_reason,
      credentialUrl: this.urls.credential(r.id),
    };
  }
}
