import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxHandlerRegistry, type OutboxEventHandler, type RelayedEvent } from '@app/core';
import { COHORT_READ_VIEWS } from '@app/cohorts';
import { PEER_REVIEW_READ_VIEWS, PeerReviewEvent } from '@app/peer-review';
import { BadgeEvent } from '../badges.events';
import { domainEvents, RuleAwards, ruleSetAchievements, type RuleMatch } from './rule-awards';

/**
 * `reviews-given`: when a review is submitted, rated or removed, its reviewer is counted again from peer review's
 * view — reviews that count in the cohort (submitted, not removed) and the mean helpfulness of those rated —
 * against the cohort's achievements with that rule. Active learners only (a facilitator's staff reviews count for
 * peer review, not for a learner's badge). No rating yet: no mean, no badge.
 */
@Injectable()
export class ReviewsGivenRuleHandler implements OutboxEventHandler, OnModuleInit {
  readonly name = 'badges-rule-reviews-given';
  readonly handles = [
    PeerReviewEvent.ReviewSubmitted,
    PeerReviewEvent.ReviewRated,
    PeerReviewEvent.ReviewRemoved,
    BadgeEvent.RuleSet,
  ];

  constructor(
    private readonly registry: OutboxHandlerRegistry,
    private readonly awards: RuleAwards,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async handle(manager: EntityManager, events: RelayedEvent[]): Promise<void> {
    const reviewIds = [
      ...new Set(
        domainEvents(events).flatMap((e) => {
          const p = e.payload as Partial<Record<string, unknown>>;
          return typeof p.reviewId === 'string' ? [p.reviewId] : [];
        }),
      ),
    ];
    const ruleSet = ruleSetAchievements(events);
    if (reviewIds.length === 0 && ruleSet.length === 0) return;
    // Reviewers of the reviews named, against their cohort's achievements; achievements whose rule was set, against
    // every reviewer of their cohort.
    const matches = await manager.query<RuleMatch[]>(
      `WITH candidates AS (
              SELECT a.id AS achievement_id, r.cohort_id, r.reviewer_id
                FROM ${PEER_REVIEW_READ_VIEWS.reviewStates} r
                JOIN badge_achievements a ON a.scope_type = 'cohort' AND a.scope_id = r.cohort_id
               WHERE r.id = ANY($1::uuid[]) AND r.reviewer_id IS NOT NULL
                 AND a.archived_at IS NULL AND a.rule->>'kind' = 'reviews-given'
              UNION
              SELECT a.id, h.cohort_id, h.reviewer_id
                FROM badge_achievements a
                JOIN ${PEER_REVIEW_READ_VIEWS.reviewerHelpfulness} h ON h.cohort_id = a.scope_id
               WHERE a.id = ANY($2::uuid[]) AND a.scope_type = 'cohort' AND a.archived_at IS NULL
                 AND a.rule->>'kind' = 'reviews-given')
       SELECT c.achievement_id AS "achievementId", c.reviewer_id AS "userId"
         FROM candidates c
         JOIN badge_achievements a ON a.id = c.achievement_id
         JOIN ${PEER_REVIEW_READ_VIEWS.reviewerHelpfulness} h
           ON h.cohort_id = c.cohort_id AND h.reviewer_id = c.reviewer_id
         JOIN ${COHORT_READ_VIEWS.enrollments} e
           ON e.cohort_id = c.cohort_id AND e.user_id = c.reviewer_id AND e.role = 'learner' AND e.status = 'active'
        WHERE h.reviews_given >= (a.rule->>'count')::int
          AND h.mean_helpfulness >= (a.rule->>'minHelpfulness')::float8`,
      [reviewIds, ruleSet],
    );
    await this.awards.issue(manager, 'reviews-given', matches);
  }
}
