import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxHandlerRegistry, type OutboxEventHandler, type RelayedEvent } from '@app/core';
import { COHORT_READ_VIEWS } from '@app/cohorts';
import { PEER_REVIEW_READ_VIEWS, PeerReviewEvent } from '@app/peer-review';
import { RuleAwards, type RuleMatch } from './rule-awards';

/**
 * `reviews-given`: when a review is submitted, rated or removed, its reviewer is counted again from peer review's
 * view — reviews that count in the cohort (submitted, not removed) and the mean helpfulness of those rated —
 * against the cohort's achievements with that rule. Active learners only (a facilitator's staff reviews count for
 * peer review, not for a learner's badge). No rating yet: no mean, no badge.
 */
@Injectable()
export class ReviewsGivenRuleHandler implements OutboxEventHandler, OnModuleInit {
  readonly name = 'badges-rule-reviews-given';
  readonly handles = [PeerReviewEvent.ReviewSubmitted, PeerReviewEvent.ReviewRated, PeerReviewEvent.ReviewRemoved];

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
        events.flatMap((e) => {
          const p = e.payload as Partial<Record<string, unknown>>;
          return typeof p.reviewId === 'string' ? [p.reviewId] : [];
        }),
      ),
    ];
    if (reviewIds.length === 0) return;
    const matches = await manager.query<RuleMatch[]>(
      `WITH reviewers AS (
              SELECT DISTINCT cohort_id, reviewer_id FROM ${PEER_REVIEW_READ_VIEWS.reviewStates}
               WHERE id = ANY($1::uuid[]) AND reviewer_id IS NOT NULL)
       SELECT a.id AS "achievementId", h.reviewer_id AS "userId"
         FROM reviewers r
         JOIN ${PEER_REVIEW_READ_VIEWS.reviewerHelpfulness} h
           ON h.cohort_id = r.cohort_id AND h.reviewer_id = r.reviewer_id
         JOIN ${COHORT_READ_VIEWS.enrollments} e
           ON e.cohort_id = r.cohort_id AND e.user_id = r.reviewer_id AND e.role = 'learner' AND e.status = 'active'
         JOIN badge_achievements a ON a.scope_type = 'cohort' AND a.scope_id = r.cohort_id
        WHERE a.archived_at IS NULL AND a.rule->>'kind' = 'reviews-given'
          AND h.reviews_given >= (a.rule->>'count')::int
          AND h.mean_helpfulness >= (a.rule->>'minHelpfulness')::float8`,
      [reviewIds],
    );
    await this.awards.issue(manager, 'reviews-given', matches);
  }
}
