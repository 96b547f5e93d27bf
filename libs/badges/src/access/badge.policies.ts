import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor, PolicyDecision, ResourcePolicy } from '@app/core';
import type { AchievementScope } from '../achievements/achievement.entity';
import { BadgeAction, BadgeScopes, type BadgeScope } from './badge-scopes';

interface ScopeRow {
  scope_type: AchievementScope;
  scope_id: string | null;
  issuer_id: string;
  recipient_id?: string | null;
}

const scopeOf = (row: ScopeRow): BadgeScope => ({
  scopeType: row.scope_type,
  scopeId: row.scope_id,
  issuerId: row.issuer_id,
});

/** `@Authorize(AchievementPolicy, BadgeAction.Manage, 'achievementId')`: decided by the achievement's scope. */
@Injectable()
export class AchievementPolicy implements ResourcePolicy<BadgeAction> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: BadgeScopes,
  ) {}

  async decide(actor: Actor, action: BadgeAction, achievementId: string): Promise<PolicyDecision> {
    const [row] = await this.dataSource.query<ScopeRow[]>(
      `SELECT scope_type, scope_id, issuer_id FROM badge_achievements WHERE id = $1`,
      [achievementId],
    );
    return row ? this.scopes.decide(actor, action, scopeOf(row)) : 'not_found';
  }
}

/** Awards are managed (revoked) by their achievement's managers; never by their own recipient. */
@Injectable()
export class AwardPolicy implements ResourcePolicy<BadgeAction> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: BadgeScopes,
  ) {}

  async decide(actor: Actor, action: BadgeAction, awardId: string): Promise<PolicyDecision> {
    const [row] = await this.dataSource.query<ScopeRow[]>(
      `SELECT a.scope_type, a.scope_id, a.issuer_id, w.recipient_id
         FROM badge_awards w JOIN badge_achievements a ON a.id = w.achievement_id
        WHERE w.id = $1`,
      [awardId],
    );
    if (!row) return 'not_found';
    const decision = await this.scopes.decide(actor, action, scopeOf(row));
    if (decision === 'allow' && action === BadgeAction.Manage && row.recipient_id === actor.userId) return 'deny';
    return decision;
  }
}

/** Nominations are seen by their scope's members and decided by its managers. */
@Injectable()
export class NominationPolicy implements ResourcePolicy<BadgeAction> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: BadgeScopes,
  ) {}

  async decide(actor: Actor, action: BadgeAction, nominationId: string): Promise<PolicyDecision> {
    const [row] = await this.dataSource.query<ScopeRow[]>(
      `SELECT a.scope_type, a.scope_id, a.issuer_id
         FROM badge_nominations n JOIN badge_achievements a ON a.id = n.achievement_id
        WHERE n.id = $1`,
      [nominationId],
    );
    return row ? this.scopes.decide(actor, action, scopeOf(row)) : 'not_found';
  }
}
