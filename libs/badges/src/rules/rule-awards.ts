import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RelayedEvent } from '@app/core';
import { BadgeEvent } from '../badges.events';
import type { AwardRuleKind } from '../achievements/award-rule';
import { AwardIssuer } from '../awards/award-issuer.service';

/** One person who now meets an achievement's rule. */
export interface RuleMatch {
  achievementId: string;
  userId: string;
}

const EVIDENCE: { readonly [K in AwardRuleKind]: string } = {
  'cohort-completed': 'Completed the cohort.',
  'meetings-attended': 'Attended the study group’s meetings.',
  'reviews-given': 'Gave peer reviews their receivers rated helpful.',
  'submission-scored': 'Submitted work that peer review scored highly.',
};

/**
 * Issues what the rules found, in the relay's transaction, as one batch: AwardIssuer skips what is already held and
 * its unique key decides races between relays, so a rule re-derived from repeated or reordered events awards once.
 */
@Injectable()
export class RuleAwards {
  constructor(private readonly issuer: AwardIssuer) {}

  async issue(manager: EntityManager, kind: AwardRuleKind, matches: readonly RuleMatch[]): Promise<void> {
    if (matches.length === 0) return;
    // A fixed order: two relays issuing overlapping sets take the unique key's locks in the same order.
    const ordered = [...matches].sort((a, b) =>
      a.achievementId === b.achievementId ? cmp(a.userId, b.userId) : cmp(a.achievementId, b.achievementId),
    );
    await this.issuer.issue(
      manager,
      ordered.map((m) => ({
        achievementId: m.achievementId,
        recipientId: m.userId,
        source: 'rule' as const,
        awardedBy: null,
        evidence: [{ name: 'How it was earned', narrative: EVIDENCE[kind] }],
      })),
    );
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The achievements named by `badge.rule-set` events of a batch, to evaluate over their whole scope. */
export function ruleSetAchievements(events: readonly RelayedEvent[]): string[] {
  return [
    ...new Set(
      events.flatMap((e) => {
        const p = e.payload as Partial<Record<string, unknown>>;
        return e.type === BadgeEvent.RuleSet && typeof p.achievementId === 'string' ? [p.achievementId] : [];
      }),
    ),
  ];
}

/** The events of a batch other than `badge.rule-set`. */
export const domainEvents = (events: readonly RelayedEvent[]): RelayedEvent[] =>
  events.filter((e) => e.type !== BadgeEvent.RuleSet);
