import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock, OutboxHandlerRegistry, type OutboxEventHandler, type RelayedEvent } from '@app/core';
import { NotificationKind } from '../../schedule/notification-kind';
import { NotificationSchedule, type ScheduleEntry } from '../../schedule/notification-schedule';
import { digestKey, inKeyOrder, nextDigest, type DigestPreference } from './next-digest';
import { IdentityEvent } from '@app/identity';

/** Users examined per query by the sweep. */
const SWEEP_BATCH = 1000;

interface DigestPerson extends DigestPreference {
  id: string;
  time_zone: string;
  /** The `since` of the digest being replaced, kept so no news falls between two digests. */
  since: string | null;
}

/** The digest payload: the window of news it covers ends at its due instant. */
export interface DigestPayload {
  frequency: 'daily' | 'weekly';
  localDate: string;
  /** ISO instant the previous digest covered up to. */
  since: string;
}

/**
 * Keeps exactly one pending digest row for everyone who wants digests, at their chosen local hour: when they
 * register, when their zone or preferences change (the pending row is replaced), and in a periodic sweep that
 * heals anyone left without one. The releaser plans each following digest as it releases the current one.
 */
@Injectable()
export class DigestPlanner implements OutboxEventHandler, OnModuleInit {
  readonly name = 'digest-planner';
  readonly handles = [
    IdentityEvent.UserRegistered,
    IdentityEvent.UserPreferencesChanged,
    IdentityEvent.UserDeleted,
  ] as const;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly schedule: NotificationSchedule,
    private readonly registry: OutboxHandlerRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  /**
   * Re-derives each person's digest from their current state, whatever the events said: the pending one is
   * replaced by the next one under their present zone and preferences; a deleted account keeps nothing pending.
   */
  async handle(manager: EntityManager, events: RelayedEvent[]): Promise<void> {
    const userIds = [...new Set(events.map((e) => e.aggregateId))].sort();
    // Waits for a releaser (or sweep) busy with these people, whose share lock on the user row is held until it has
    // planned their next digest, so we replace that one instead of planning beside it. Ordered: no deadlock
    // between two relays touching the same people.
    const locked = await manager.query<{ id: string; deleted: boolean }[]>(
      `SELECT id, deleted_at IS NOT NULL AS deleted FROM identity_people WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`,
      [userIds],
    );
    const gone = locked.filter((u) => u.deleted).map((u) => u.id);
    if (gone.length > 0) await this.schedule.cancelPending(manager, { userIds: gone });
    const people = await this.people(manager, 'm.id = ANY($1::uuid[])', [userIds]);
    await this.schedule.cancelPending(manager, { kind: NotificationKind.Digest, userIds });
    await this.schedule.plan(manager, await this.entries(manager, people));
  }

  /** The sweep: plans a digest for everyone who wants one and has none pending. */
  async planMissing(): Promise<{ planned: number }> {
    let planned = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        const people = await this.people(
          manager,
          `m.id > $1 AND NOT EXISTS (
             SELECT 1 FROM scheduled_notifications s
              WHERE s.user_id = m.id AND s.kind = 'digest' AND s.status = 'pending')`,
          [after],
          SWEEP_BATCH,
          // People whose preferences are being re-planned right now are skipped (the relay plans them); the share
          // lock makes a relay that starts meanwhile wait and then replace what this sweep planned.
          'FOR SHARE OF m SKIP LOCKED',
        );
        planned += await this.schedule.plan(manager, await this.entries(manager, people));
        return people;
      });
      if (batch.length < SWEEP_BATCH) return { planned };
      after = batch[batch.length - 1]!.id;
    }
  }

  /**
   * Each person's next digest after now, in key order (two sweeps at boot plan the same keys: see `inKeyOrder`).
   * A local day whose digest was already released (earlier today, at the old hour or in the old zone) is passed
   * over: one digest per local day, never a second under a new setting.
   */
  private async entries(manager: EntityManager, people: DigestPerson[]): Promise<ScheduleEntry[]> {
    const now = this.clock.now();
    let planned = people.flatMap((person) => {
      const next = nextDigest(person, person.time_zone, now);
      return next ? [{ person, next }] : [];
    });
    // Twice at most: zones differ by up to 26 hours, so at most two local dates can already have been served.
    for (let round = 0; round < 2 && planned.length > 0; round++) {
      const served = await manager.query<{ dedupe_key: string }[]>(
        `SELECT dedupe_key FROM scheduled_notifications WHERE dedupe_key = ANY($1::varchar[]) AND status = 'released'`,
        [planned.map((p) => digestKey(p.person.id, p.next))],
      );
      if (served.length === 0) break;
      const taken = new Set(served.map((r) => r.dedupe_key));
      planned = planned.map((p) =>
        taken.has(digestKey(p.person.id, p.next))
          ? { person: p.person, next: nextDigest(p.person, p.person.time_zone, p.next.dueAt)! }
          : p,
      );
    }
    return inKeyOrder(
      planned.map(({ person, next }) => {
        const payload: DigestPayload = {
          frequency: next.frequency,
          localDate: next.localDate,
          since: person.since ?? now.toISOString(),
        };
        return {
          dedupeKey: digestKey(person.id, next),
          kind: NotificationKind.Digest,
          userId: person.id,
          dueAt: next.dueAt,
          payload: { ...payload },
        };
      }),
    );
  }

  /** People who can receive digests (an address, not deleted, digests on), with the window of their pending one. */
  private people(
    manager: EntityManager,
    where: string,
    params: unknown[],
    limit = 100_000,
    locking = '',
  ): Promise<DigestPerson[]> {
    return manager.query<DigestPerson[]>(
      `SELECT m.id, m.time_zone, p.digest, p.digest_hour AS "digestHour", p.digest_weekday AS "digestWeekday",
              (SELECT s.payload->>'since' FROM scheduled_notifications s
                WHERE s.user_id = m.id AND s.kind = 'digest' AND s.status = 'pending'
                LIMIT 1) AS since
         FROM identity_people m
         JOIN identity_notification_settings p ON p.user_id = m.id
        WHERE ${where} AND m.email IS NOT NULL AND m.deleted_at IS NULL AND p.digest <> 'off'
        ORDER BY m.id
        LIMIT ${Number(limit)}
        ${locking}`,
      params,
    );
  }
}
