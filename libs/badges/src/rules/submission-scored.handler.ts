import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxHandlerRegistry, type OutboxEventHandler, type RelayedEvent } from '@app/core';
import {
  PEER_REVIEW_READ_VIEWS,
  PeerReviewError,
  PeerReviewErrorCode,
  PeerReviewEvent,
  ScoresService,
} from '@app/peer-review';
import type { AwardRule } from '../achievements/award-rule';
import { BadgeScopes } from '../access/badge-scopes';
import { BadgeEvent } from '../badges.events';
import { domainEvents, RuleAwards, ruleSetAchievements, type RuleMatch } from './rule-awards';

type ScoredRule = Extract<AwardRule, { kind: 'submission-scored' }>;

/**
 * `submission-scored`: when an assignment's scores are released or its scoring changes (an override, the method),
 * its authors' released totals (peer review computes them: the override when there is one) are read again against
 * the cohort's achievements with that rule, for this assignment or any. Nothing counts before release.
 */
@Injectable()
export class SubmissionScoredRuleHandler implements OutboxEventHandler, OnModuleInit {
  readonly name = 'badges-rule-submission-scored';
  readonly handles = [PeerReviewEvent.ScoresReleased, PeerReviewEvent.ScoringChanged, BadgeEvent.RuleSet];
  private readonly logger = new Logger(SubmissionScoredRuleHandler.name);

  constructor(
    private readonly registry: OutboxHandlerRegistry,
    private readonly awards: RuleAwards,
    private readonly scores: ScoresService,
    private readonly scopes: BadgeScopes,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async handle(manager: EntityManager, events: RelayedEvent[]): Promise<void> {
    const assignments = new Map<string, { cohortId: string; assignmentId: string }>();
    for (const event of domainEvents(events)) {
      const p = event.payload as Partial<Record<string, unknown>>;
      if (typeof p.cohortId === 'string' && typeof p.assignmentId === 'string') {
        assignments.set(`${p.cohortId}:${p.assignmentId}`, { cohortId: p.cohortId, assignmentId: p.assignmentId });
      }
    }
    // An achievement given the rule later: every released assignment of its cohort is read again.
    const ruleSet = ruleSetAchievements(events);
    if (ruleSet.length > 0) {
      const released = await manager.query<{ cohort_id: string; assignment_id: string }[]>(
        `SELECT r.cohort_id, r.assignment_id
           FROM badge_achievements a
           JOIN ${PEER_REVIEW_READ_VIEWS.scoreReleases} r ON r.cohort_id = a.scope_id AND r.released_at IS NOT NULL
          WHERE a.id = ANY($1::uuid[]) AND a.scope_type = 'cohort' AND a.rule->>'kind' = 'submission-scored'`,
        [ruleSet],
      );
      for (const r of released) {
        assignments.set(`${r.cohort_id}:${r.assignment_id}`, { cohortId: r.cohort_id, assignmentId: r.assignment_id });
      }
    }
    if (assignments.size === 0) return;
    const cohortIds = [...new Set([...assignments.values()].map((a) => a.cohortId))];
    const achievements = await manager.query<{ id: string; scope_id: string; rule: ScoredRule }[]>(
      `SELECT id, scope_id, rule FROM badge_achievements
        WHERE scope_type = 'cohort' AND scope_id = ANY($1::uuid[]) AND archived_at IS NULL
          AND rule->>'kind' = 'submission-scored'`,
      [cohortIds],
    );
    const matches: RuleMatch[] = [];
    for (const { cohortId, assignmentId } of assignments.values()) {
      const rules = achievements.filter(
        (a) => a.scope_id === cohortId && (!a.rule.assignmentId || a.rule.assignmentId === assignmentId),
      );
      if (rules.length === 0) continue;
      let totals;
      try {
        totals = await this.scores.releasedTotals(cohortId, assignmentId);
      } catch (error) {
        // The cohort or its course version is gone: nothing left to score, and retrying cannot help.
        if (!(error instanceof PeerReviewError && error.code === String(PeerReviewErrorCode.AssignmentNotFound))) {
          throw error;
        }
        this.logger.warn({ cohortId, assignmentId }, 'submission-scored rule skipped: the assignment is gone');
        continue;
      }
      // Learners who withdrew keep their submission but earn no more badges in the cohort.
      const learners = await this.scopes.membersAmong(
        { scopeType: 'cohort', scopeId: cohortId },
        totals.map((t) => t.authorId),
        manager,
      );
      for (const rule of rules) {
        for (const t of totals) {
          if (t.total >= rule.rule.minScore && learners.has(t.authorId)) {
            matches.push({ achievementId: rule.id, userId: t.authorId });
          }
        }
      }
    }
    await this.awards.issue(manager, 'submission-scored', matches);
  }
}
