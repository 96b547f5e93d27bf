import { declareDomainEvents } from '@app/core';

declare module '@app/core' {
  interface DomainEventPayloads {
    'identity.user-registered': { userId: string };
    'identity.preferences-changed': { userId: string; fields: string[] };
    'identity.user-deleted': { userId: string };
  }
}

/** What happens to accounts. The strings are persisted in the outbox: never rename one. */
export const IdentityEvent = declareDomainEvents('user', {
  UserRegistered: 'identity.user-registered',
  /** Zone, locale or notification preferences changed: digests and quiet hours are re-planned. */
  UserPreferencesChanged: 'identity.preferences-changed',
  /** The account was erased: nothing more is sent to it. */
  UserDeleted: 'identity.user-deleted',
});
