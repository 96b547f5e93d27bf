import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxHandlerRegistry, type OutboxEventHandler, type RelayedEvent } from '@app/core';
import { COHORT_READ_VIEWS, CohortEvent } from '@app/cohorts';
import { BadgeEvent } from '../badges.events';
import { domainEvents, RuleAwards, ruleSetAchievements, type RuleMatch } from './rule-awards';

/**
 * `cohort-completed`: when learners complete a cohort, its active achievements with that rule are awarded to those
 * who, as the cohort reads now, completed it and still hold their seat; an achievement given the rule later, to
 * everyone who already did.
 */
@Injectable()
export class CohortCompletedRuleHandler implements OutboxEventHandler, OnModuleInit {
  readonly name = 'badges-rule-cohort-completed';
  readonly handles = [CohortEvent.CohortCompleted, BadgeEvent.RuleSet];

  constructor(
    private readonly registry: OutboxHandlerRegistry,
    private readonly awards: RuleAwards,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async handle(manager: EntityManager, events: RelayedEvent[]): Promise<void> {
    const pairs = domainEvents(events).flatMap((e) => {
      const p = e.payload as Partial<Record<string, unknown>>;
      return typeof p.cohortId === 'string' && typeof p.userId === 'string' ? [[p.cohortId, p.userId] as const] : [];
    });
    const ruleSet = ruleSetAchievements(events);
    if (pairs.length === 0 && ruleSet.length === 0) return;
    // People named by events, against their cohort's achievements; achievements whose rule was set, against all.
    const matches = await manager.query<RuleMatch[]>(
      `SELECT a.id AS "achievementId", c.user_id AS "userId"
         FROM unnest($1::uuid[], $2::uuid[]) AS e(cohort_id, user_id)
         JOIN ${COHORT_READ_VIEWS.completions} c ON c.cohort_id = e.cohort_id AND c.user_id = e.user_id
         JOIN badge_achievements a ON a.scope_type = 'cohort' AND a.scope_id = c.cohort_id
        WHERE a.archived_at IS NULL AND a.rule->>'kind' = 'cohort-completed'
       UNION
       SELECT a.id, c.user_id
         FROM badge_achievements a
         JOIN ${COHORT_READ_VIEWS.completions} c ON c.cohort_id = a.scope_id
        WHERE a.id = ANY($3::uuid[]) AND a.scope_type = 'cohort' AND a.archived_at IS NULL
          AND a.rule->>'kind' = 'cohort-completed'`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1]), ruleSet],
    );
    await this.awards.issue(manager, 'cohort-completed', matches);
  }
}
