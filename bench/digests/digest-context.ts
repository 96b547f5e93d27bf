import { Logger } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { CohortsModule } from '@app/cohorts';
import { AppConfig, Clock, CoreModule } from '@app/core';
import { IdentityModule } from '@app/identity';
import { MailModule, type DeliveryToCompose } from '@app/mail';
import { NotificationMailKind, NotificationsModule } from '@app/notifications';

/**
 * The domain modules the worker runs (WorkerModule without its job modules: nothing consumes a queue), with the
 * settings and the clock given. The benchmark plans digests with it, and the ceiling composes them with it.
 */
export async function startDigestContext(config: AppConfig, clock: Clock): Promise<TestingModule> {
  // Nest's own boot lines; the application's logs are pino's, at config.LOG_LEVEL.
  Logger.overrideLogger(['error', 'warn']);
  const app = await Test.createTestingModule({
    imports: [CoreModule, MailModule, IdentityModule, CohortsModule, NotificationsModule],
  })
    .overrideProvider(AppConfig)
    .useValue(config)
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  await app.init();
  return app;
}

/** A digest as the releaser turns it into a ledger row (NotificationReleaser's toEmail), plus the reader's zone. */
export interface PendingDigest extends DeliveryToCompose {
  timeZone: string;
}

interface PendingRow {
  id: string;
  dedupe_key: string;
  user_id: string;
  payload: Record<string, unknown>;
  due_at: Date;
  email: string;
  locale: string;
  time_zone: string;
}

/**
 * Pending digest rows due at `dueAt`, after `afterId` in id order, shaped as the ledger rows the releaser would
 * make of them: same kind, key, address, locale and payload (the schedule payload, its id and due instant).
 */
export async function pendingDigests(
  db: DataSource,
  dueAt: Date,
  afterId: string,
  limit: number,
  order: 'id' | 'random' = 'id',
): Promise<PendingDigest[]> {
  const rows = await db.query<PendingRow[]>(
    `SELECT s.id, s.dedupe_key, s.user_id, s.payload, s.due_at, u.email, u.locale, u.time_zone
       FROM scheduled_notifications s JOIN users u ON u.id = s.user_id
      WHERE s.kind = 'digest' AND s.status = 'pending' AND s.due_at = $1 AND s.id > $2
      ORDER BY ${order === 'id' ? 's.id' : 'md5(s.id::text)'}
      LIMIT $3`,
    [dueAt, afterId, limit],
  );
  return rows.map((row) => ({
    id: row.id,
    kind: NotificationMailKind.Digest,
    dedupeKey: row.dedupe_key,
    userId: row.user_id,
    to: row.email,
    locale: row.locale,
    payload: { ...row.payload, scheduledId: row.id, dueAt: row.due_at.toISOString() },
    timeZone: row.time_zone,
  }));
}

export const FIRST_UUID = '00000000-0000-0000-0000-000000000000';
