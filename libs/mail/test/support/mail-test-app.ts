import { rm } from 'node:fs/promises';
import type { ModuleMetadata } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig, Clock, CoreModule, JobQueue, REDIS } from '@app/core';
import {
  createTestDatabase,
  deleteRedisKeys,
  SmtpSink,
  TestClock,
  testConfig,
  type TestDatabase,
} from '@app/core/testing';
import { EmailDelivery, EmailLedger, MailModule } from '@app/mail';
import { GREETING_KIND, TestComposersModule, type GreetingPayload } from './test-composers';

export interface MailTestApp {
  app: TestingModule;
  config: AppConfig;
  clock: TestClock;
  sink: SmtpSink;
  db: DataSource;
  /** Records a greeting in the ledger as a domain would (in a transaction); returns its id. */
  requestGreeting(
    to: string,
    options?: { key?: string; locale?: string; payload?: GreetingPayload; kind?: string; notBefore?: Date },
  ): Promise<string>;
  row(id: string): Promise<EmailDelivery>;
  /** Shuts the Nest app down (as SIGTERM would); `close` then only cleans up. */
  closeApp(): Promise<void>;
  /** Closes the app if still open, stops the SMTP server, drops the database and the Redis keys. */
  close(): Promise<void>;
}

/**
 * The real CoreModule and MailModule (plus `imports`) on a fresh database, a fresh Redis prefix and an
 * in-process SMTP server; only the clock and settings are replaced. `smtp: false` uses the dev mailbox.
 */
export async function startMailTestApp(
  options: { imports?: ModuleMetadata['imports']; settings?: Record<string, string>; smtp?: boolean } = {},
): Promise<MailTestApp> {
  const database: TestDatabase = await createTestDatabase();
  const sink = await new SmtpSink().start();
  const config = testConfig(database.url, {
    PUBLIC_URL: 'https://learn.example.org',
    ...(options.smtp === false ? {} : { SMTP_URL: sink.url }),
    ...options.settings,
  });
  const clock = new TestClock('2026-03-01T09:00:00Z');
  const cleanUp = async (): Promise<void> => {
    await sink.stop();
    await database.drop();
    await deleteRedisKeys(config.REDIS_URL, config.REDIS_PREFIX);
    await rm(config.MAIL_DIR, { recursive: true, force: true });
  };
  const app = await Test.createTestingModule({
    imports: [CoreModule, MailModule, TestComposersModule, ...(options.imports ?? [])],
  })
    .overrideProvider(AppConfig)
    .useValue(config)
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  try {
    await app.init();
  } catch (error) {
    // Nest refuses close() after a failed init: release what the modules opened by hand.
    await app.get(JobQueue).onApplicationShutdown();
    await app.get<Redis>(REDIS).quit();
    await app.get(DataSource).destroy();
    await cleanUp();
    throw error;
  }
  const db = app.get(DataSource);
  let closed = false;
  const ledger = app.get(EmailLedger);
  let counter = 0;

  const closeApp = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await app.close();
  };

  return {
    app,
    config,
    clock,
    sink,
    db,
    async requestGreeting(to, o = {}) {
      const { id } = await db.transaction((manager) =>
        ledger.request(manager, {
          kind: o.kind ?? GREETING_KIND,
          dedupeKey: o.key ?? `greeting:${to}:${++counter}`,
          userId: null,
          to,
          locale: o.locale ?? 'en',
          payload: o.payload ?? {},
          notBefore: o.notBefore,
        }),
      );
      return id;
    },
    row: (id) => db.getRepository(EmailDelivery).findOneByOrFail({ id }),
    closeApp,
    async close() {
      await closeApp();
      await cleanUp();
    },
  };
}
