/**
 * Facts other parts of the platform may need to hear about (emails, digests, badges), written to the outbox in the
 * same transaction as the change and relayed by the worker.
 *
 * Core holds the mechanism, never the list: each library declares its own events in its `<lib>.events.ts`, with
 * their payloads merged into this interface (type string → payload) and their strings declared with
 * `declareDomainEvents`:
 *
 *   declare module '@app/core' {
 *     interface DomainEventPayloads {
 *       'group.member-joined': { groupId: string; userId: string };
 *     }
 *   }
 *   export const GroupEvent = declareDomainEvents('group', { MemberJoined: 'group.member-joined' });
 *
 * Payloads carry ids and the few values a consumer cannot reload later. The strings are persisted: never rename one.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by each library (declaration merging)
export interface DomainEventPayloads {}

/** Every event type some library declared. */
export type DomainEventType = Extract<keyof DomainEventPayloads, string>;

/** The aggregate an event belongs to: the id column of its outbox row. */
export type AggregateType = 'course' | 'group' | 'cohort' | 'user' | 'submission' | 'award';

const aggregateOf = new Map<string, AggregateType>();

/**
 * Declares one library's event types, all about one kind of aggregate, and returns them as they were given (a const
 * object the library exports). Each string must have a payload in `DomainEventPayloads`; declaring a string twice
 * (two libraries claiming one event) throws when the second library loads.
 */
export function declareDomainEvents<const E extends Readonly<Record<string, DomainEventType>>>(
  aggregate: AggregateType,
  events: E,
): E {
  for (const type of Object.values(events)) {
    if (aggregateOf.has(type)) throw new Error(`The domain event "${type}" is declared twice`);
    aggregateOf.set(type, aggregate);
  }
  return events;
}

/** The aggregate of a declared event; throws for a string no library declared. */
export function aggregateOfEvent(type: DomainEventType): AggregateType {
  const aggregate = aggregateOf.get(type);
  if (aggregate === undefined) throw new Error(`No library declares the domain event "${type}"`);
  return aggregate;
}

/** Every event type declared so far (by the libraries this process has loaded). */
export const declaredDomainEvents = (): DomainEventType[] => [...aggregateOf.keys()] as DomainEventType[];
