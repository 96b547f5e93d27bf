import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock, DomainEventType } from '@app/core';
import { OutboxHandlerRegistry, type OutboxEventHandler, type RelayedEvent } from '../../relay/outbox-handler';
import { NotificationKind } from '../../schedule/notification-kind';
import { NotificationSchedule, type ScheduleEntry } from '../../schedule/notification-schedule';
import { digestKey, nextDigest, type DigestPreference } from './next-digest';

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
    DomainEventType.UserRegistered,
    DomainEventType.UserPreferencesChanged,
    DomainEventType.UserDeleted,
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

  async handle(manager: EntityManager, events: RelayedEvent[]): Promise<void> {
    const userIds = [...new Set(events.map((e) => e.aggregateId))];
    const people = await this.people(manager, 'm.id = ANY($1::uuid[])', [userIds]);
    await this.schedule.cancelPending(manager, { kind: NotificationKind.Digest, userIds });
    await this.schedule.plan(manager, this.entries(people));
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
        );
        planned += await this.schedule.plan(manager, this.entries(people));
        return people;
      });
      if (batch.length < SWEEP_BATCH) return { planned };
      after = batch[batch.length - 1]!.id;
    }
  }

  private entries(people: DigestPerson[]): ScheduleEntry[] {
    const now = this.clock.now();
    return people.flatMap((person) => {
      const next = nextDigest(person, person.time_zone, now);
      if (!next) return [];
      const payload: DigestPayload = {
        frequency: next.frequency,
        localDate: next.localDate,
        since: person.since ?? now.toISOString(),
      };
      return [
        {
          dedupeKey: digestKey(person.id, next),
          kind: NotificationKind.Digest,
          userId: person.id,
          dueAt: next.dueAt,
          payload: { ...payload },
        },
      ];
    });
  }

  /** People who can receive digests (an address, not deleted, digests on), with the window of their pending one. */
  private people(manager: EntityManager, where: string, params: unknown[], limit = 100_000): Promise<DigestPerson[]> {
    return manager.query<DigestPerson[]>(
      `SELECT m.id, m.time_zone, p.digest, p.digest_hour AS "digestHour", p.digest_weekday AS "digestWeekday",
              (SELECT s.payload->>'since' FROM scheduled_notifications s
                WHERE s.user_id = m.id AND s.kind = 'digest' AND s.status = 'pending'
                LIMIT 1) AS since
         FROM users m
         JOIN notification_preferences p ON p.user_id = m.id
        WHERE ${where} AND m.email IS NOT NULL AND m.deleted_at IS NULL AND p.digest <> 'off'
        ORDER BY m.id
        LIMIT ${Number(limit)}`,
      params,
    );
  }
}
