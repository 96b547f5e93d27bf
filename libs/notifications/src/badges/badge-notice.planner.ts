import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, OutboxHandlerRegistry, type OutboxEventHandler, type RelayedEvent } from '@app/core';
import { AwardNotices, BadgeEvent } from '@app/badges';
import { SCHEDULE_REPLAN_DAYS } from '../retention/schedule-retention';
import { NotificationKind } from '../schedule/notification-kind';
import { NotificationSchedule } from '../schedule/notification-schedule';
import { badgeAwardedKey } from './badge-keys';

const DAY_MS = 24 * 3600_000;
const str = (value: unknown): value is string => typeof value === 'string';

/**
 * Plans "you earned a badge" from `badge.awarded`, re-reading the award: nothing for one revoked or unlinked since
 * (erased), nor for one older than SCHEDULE_REPLAN_DAYS (retention may have deleted its row: a replay must not
 * plan it again). The key is the award's, so a relayed-twice event plans one row. `badge.revoked` cancels a row
 * still pending. The releaser then emails it or sets it aside for the digest (`badgeDelivery`).
 */
@Injectable()
export class BadgeNoticePlanner implements OutboxEventHandler, OnModuleInit {
  readonly name = 'badge-notifications';
  readonly handles = [BadgeEvent.Awarded, BadgeEvent.Revoked];

  constructor(
    private readonly clock: Clock,
    private readonly schedule: NotificationSchedule,
    private readonly awards: AwardNotices,
    private readonly registry: OutboxHandlerRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async handle(manager: EntityManager, events: RelayedEvent[]): Promise<void> {
    const now = this.clock.now();
    const awardIds = (type: string) => [
      ...new Set(
        events
          .filter((e) => e.type === type)
          .flatMap((e) => [(e.payload as Partial<Record<string, unknown>>).awardId].filter(str)),
      ),
    ];
    const awarded = await this.awards.find(manager, awardIds(BadgeEvent.Awarded));
    const entries = [...awarded.values()].flatMap((award) =>
      award.recipientId && !award.revoked && now.getTime() - award.issuedAt.getTime() < SCHEDULE_REPLAN_DAYS * DAY_MS
        ? [
            {
              dedupeKey: badgeAwardedKey(award.awardId),
              kind: NotificationKind.BadgeAwarded,
              userId: award.recipientId,
              subjectId: award.awardId,
              dueAt: now,
              payload: { awardId: award.awardId },
            },
          ]
        : [],
    );
    await this.schedule.plan(manager, entries);
    for (const awardId of awardIds(BadgeEvent.Revoked)) {
      await this.schedule.cancelPending(manager, { kind: NotificationKind.BadgeAwarded, subjectId: awardId });
    }
  }
}
