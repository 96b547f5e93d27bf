import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isAdmin, type Actor, type PolicyDecision } from '@app/core';
import { COHORT_READ_VIEWS, CohortAction, CohortPolicy } from '@app/cohorts';
import { GROUP_READ_VIEWS, GroupAction, GroupPolicy } from '@app/groups';
import { IDENTITY_READ_VIEWS } from '@app/identity';
import type { AchievementScope } from '../achievements/achievement.entity';
import { Issuers } from '../issuers/issuers.service';

/** Where an achievement lives: its scope and its issuer. */
export interface BadgeScope {
  scopeType: AchievementScope;
  scopeId: string | null;
  issuerId: string;
}

export enum BadgeAction {
  /** See the scope's badges, awards' recipients and nominations: its members and facilitators. */
  View = 'view',
  /** Award, revoke, approve or decline, edit: the scope's facilitators, or the issuer's admins. */
  Manage = 'manage',
}

/**
 * Who may do what with a scope's badges, decided by the scope's own library (a cohort's or a group's policy: their
 * facilitators, their members, invite-only and private scopes hidden as 404) plus the issuer's admins. Platform
 * badges are seen by everyone signed in and managed by the issuer's admins and platform admins.
 */
@Injectable()
export class BadgeScopes {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cohorts: CohortPolicy,
    private readonly groups: GroupPolicy,
    private readonly issuers: Issuers,
  ) {}

  async decide(actor: Actor, action: BadgeAction, scope: BadgeScope): Promise<PolicyDecision> {
    const manage = action === BadgeAction.Manage;
    if (manage && (await this.issuers.isAdmin(scope.issuerId, actor.userId))) return 'allow';
    switch (scope.scopeType) {
      case 'cohort':
        return this.cohorts.decide(actor, manage ? CohortAction.Facilitate : CohortAction.Participate, scope.scopeId!);
      case 'group':
        return this.groups.decide(actor, manage ? GroupAction.Facilitate : GroupAction.ViewAsMember, scope.scopeId!);
      case 'platform':
        return !manage || isAdmin(actor) ? 'allow' : 'deny';
    }
  }

  /**
   * The people among `userIds` who may hold or be nominated for the scope's badges: a cohort's active learners, a
   * group's active members, anyone not erased for the platform. One query for the whole set.
   */
  async membersAmong(
    scope: Pick<BadgeScope, 'scopeType' | 'scopeId'>,
    userIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const ids = [...new Set(userIds)];
    let rows: { user_id: string }[];
    switch (scope.scopeType) {
      case 'cohort':
        rows = await manager.query(
          `SELECT user_id FROM ${COHORT_READ_VIEWS.enrollments}
            WHERE cohort_id = $1 AND role = 'learner' AND status = 'active' AND user_id = ANY($2::uuid[])`,
          [scope.scopeId, ids],
        );
        break;
      case 'group':
        rows = await manager.query(
          `SELECT user_id FROM ${GROUP_READ_VIEWS.activeMembers} WHERE group_id = $1 AND user_id = ANY($2::uuid[])`,
          [scope.scopeId, ids],
        );
        break;
      case 'platform':
        rows = await manager.query(
          `SELECT id AS user_id FROM ${IDENTITY_READ_VIEWS.people} WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL`,
          [ids],
        );
        break;
    }
    return new Set(rows.map((r) => r.user_id));
  }
}
