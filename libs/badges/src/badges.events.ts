import { declareDomainEvents } from '@app/core';

declare module '@app/core' {
  interface DomainEventPayloads {
    'badge.awarded': { awardId: string; achievementId: string; recipientId: string; source: string };
    'badge.revoked': { awardId: string; achievementId: string; recipientId: string | null };
    'badge.nominated': { nominationId: string; achievementId: string; nomineeId: string; nominatorId: string };
    'badge.rule-set': { achievementId: string };
  }
}

/**
 * What happens to badges; the aggregate is the award (a nomination's event names its nomination instead). The
 * strings are persisted in the outbox: never rename one.
 */
export const BadgeEvent = declareDomainEvents('award', {
  /** Notifications: "you earned a badge" by email, or a line in the next digest. */
  Awarded: 'badge.awarded',
  Revoked: 'badge.revoked',
  /** Facilitators of the achievement's scope see it in their queue. */
  Nominated: 'badge.nominated',
  /**
   * An achievement got a rule (made with one, or edited); the aggregate id is the achievement's. Badges: its rule
   * is evaluated over the whole scope, so those who already qualify are awarded without waiting for a new event.
   */
  RuleSet: 'badge.rule-set',
});
