import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { AccessDeniedError, InvalidInputError, isAdmin, Outbox, type Actor } from '@app/core';
import { PEER_REVIEW_READ_VIEWS } from '@app/peer-review';
import { BadgeUrls } from '../badge-urls';
import { BadgeError, BadgeErrorCode } from '../badges.errors';
import { BadgeEvent } from '../badges.events';
import { Issuers } from '../issuers/issuers.service';
import { Achievement, type AchievementScope } from './achievement.entity';
import { achievementView, type AchievementView } from './achievement-view';
import { parseAwardRule } from './award-rule-input';
import { checkBadgeImage } from './badge-image';
import type { AwardRule } from './award-rule';

/** What a manager writes; `rule` arrives unchecked (a union class-validator cannot type) and is parsed here. */
export interface AchievementInput {
  name: string;
  description: string;
  criteria: string;
  tags?: string[];
  validityDays?: number | null;
  rule?: unknown;
  endorsementsNeeded?: number | null;
}

export type AchievementChanges = Partial<AchievementInput>;

export interface ScopeRef {
  type: AchievementScope;
  /** The cohort or group; null for the platform. */
  id: string | null;
}

/**
 * Achievements of a cohort, a group or the platform: made and edited by their managers (the route's policy has
 * checked a scope's facilitators; platform badges are checked here), read by the scope's members. Every scope's
 * badges are issued by the platform issuer until organizations have issuers of their own.
 */
@Injectable()
export class AchievementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly issuers: Issuers,
    private readonly urls: BadgeUrls,
    private readonly outbox: Outbox,
  ) {}

  async create(actor: Actor, scope: ScopeRef, input: AchievementInput): Promise<AchievementView> {
    const issuerId = await this.issuers.platformIssuerId();
    if (scope.type === 'platform' && !isAdmin(actor) && !(await this.issuers.isAdmin(issuerId, actor.userId))) {
      throw new AccessDeniedError('Only the platform issuer’s admins and platform admins make platform badges.');
    }
    if (input.name.trim().length === 0) throw blankName();
    const rule = await this.checkedRule(scope, input.rule);
    const achievement = this.dataSource.manager.create(Achievement, {
      issuerId,
      scopeType: scope.type,
      scopeId: scope.id,
      name: input.name.trim(),
      description: input.description.trim(),
      criteriaNarrative: input.criteria.trim(),
      tags: normalizedTags(input.tags ?? []),
      validityDays: input.validityDays ?? null,
      rule,
      endorsementsNeeded: input.endorsementsNeeded ?? null,
      createdBy: actor.userId,
      archivedAt: null,
    });
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(Achievement, achievement);
      if (rule)
        await this.outbox.record(manager, BadgeEvent.RuleSet, achievement.id, { achievementId: achievement.id });
    });
    return this.get(achievement.id);
  }

  /** A scope's achievements, archived last. */
  async list(scope: ScopeRef): Promise<AchievementView[]> {
    const rows = await this.dataSource.manager.find(Achievement, {
      where: { scopeType: scope.type, scopeId: scope.id ?? IsNull() },
      order: { archivedAt: { direction: 'ASC', nulls: 'FIRST' }, createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map((a) => achievementView(a, this.urls));
  }

  async get(achievementId: string, manager: EntityManager = this.dataSource.manager): Promise<AchievementView> {
    return achievementView(await this.find(achievementId, manager), this.urls);
  }

  async update(achievementId: string, changes: AchievementChanges): Promise<AchievementView> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.find(achievementId, manager, true);
      if (current.archivedAt) throw new BadgeError(BadgeErrorCode.AchievementArchived);
      const patch: Partial<Achievement> = {};
      if (changes.name !== undefined) {
        if (changes.name.trim().length === 0) throw blankName();
        patch.name = changes.name.trim();
      }
      if (changes.description !== undefined) patch.description = changes.description.trim();
      if (changes.criteria !== undefined) patch.criteriaNarrative = changes.criteria.trim();
      if (changes.tags !== undefined) patch.tags = normalizedTags(changes.tags);
      if (changes.validityDays !== undefined) patch.validityDays = changes.validityDays;
      if (changes.endorsementsNeeded !== undefined) patch.endorsementsNeeded = changes.endorsementsNeeded;
      if (changes.rule !== undefined) {
        patch.rule = await this.checkedRule({ type: current.scopeType, id: current.scopeId }, changes.rule, manager);
      }
      if (Object.keys(patch).length > 0) await manager.update(Achievement, { id: achievementId }, patch);
      if (patch.rule) await this.outbox.record(manager, BadgeEvent.RuleSet, achievementId, { achievementId });
      return this.get(achievementId, manager);
    });
  }

  /** No longer awarded nor open to nominations; credentials already issued stay valid. Archiving twice is a no-op. */
  async archive(achievementId: string, now: Date): Promise<AchievementView> {
    await this.find(achievementId);
    await this.dataSource.query(
      `UPDATE badge_achievements SET archived_at = $2 WHERE id = $1 AND archived_at IS NULL`,
      [achievementId, now],
    );
    return this.get(achievementId);
  }

  async setImage(achievementId: string, bytes: Buffer, declaredType: string | undefined): Promise<AchievementView> {
    const imageType = checkBadgeImage(bytes, declaredType);
    await this.find(achievementId);
    await this.dataSource.query(`UPDATE badge_achievements SET image = $2, image_type = $3 WHERE id = $1`, [
      achievementId,
      bytes,
      imageType,
    ]);
    return this.get(achievementId);
  }

  private async find(achievementId: string, manager: EntityManager = this.dataSource.manager, lock = false) {
    const achievement = await manager.findOne(Achievement, {
      where: { id: achievementId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!achievement) throw new BadgeError(BadgeErrorCode.AchievementNotFound);
    return achievement;
  }

  /** The rule parsed against the scope; a named assignment must be one the cohort's course runs. */
  private async checkedRule(
    scope: ScopeRef,
    input: unknown,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AwardRule | null> {
    if (input === undefined || input === null) return null;
    const parsed = parseAwardRule(scope.type, input);
    if (!parsed.rule) throw new InvalidInputError(parsed.problems);
    const rule = parsed.rule;
    if (rule.kind === 'submission-scored' && rule.assignmentId) {
      const [known] = await manager.query<unknown[]>(
        `SELECT 1 FROM ${PEER_REVIEW_READ_VIEWS.assignmentRules} WHERE cohort_id = $1 AND assignment_id = $2`,
        [scope.id, rule.assignmentId],
      );
      if (!known) {
        throw new InvalidInputError([
          { field: 'rule.assignmentId', message: 'is not a peer-reviewed assignment of this cohort’s course' },
        ]);
      }
    }
    return rule;
  }
}

function blankName(): InvalidInputError {
  return new InvalidInputError([{ field: 'name', message: 'name must not be blank' }]);
}

function normalizedTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter((t) => t.length > 0))];
}
