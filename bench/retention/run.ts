import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Clock, databaseOptions, loadConfig } from '@app/core';
import { EmailRetention } from '@app/mail';
import { RetentionPass } from '@app/notifications';
// Deep imports: the benchmark times each owner's batch on its own, which the library keeps to itself.
import { OutboxRetention } from '../../libs/notifications/src/retention/outbox-retention';
import { ScheduleRetention } from '../../libs/notifications/src/retention/schedule-retention';
import { AttachmentRetention } from '../../libs/peer-review/src/attachments/attachment-retention';
import { AttachmentsRepository } from '../../libs/peer-review/src/attachments/attachments.repository';
import { PostgresAttachmentStore } from '../../libs/peer-review/src/attachments/postgres-attachment-store';
import { runWithCleanup } from '../support/cleanup';
import { describeMachine, machineBusyTicks, TICKS_PER_SECOND } from '../support/machine';
import { parseOptions } from '../support/options';
import { saveResult } from '../support/results';
import { createScratchRun } from '../support/scratch-run';

/**
 * `npm run bench:retention`: rows removed per second by the retention run, per table. Seeds a scratch database with
 * `--rows` finished rows past their windows, spread over the three tables (40% outbox events, 30% schedule rows,
 * 30% ledger rows), plus a tenth as many that must stay (recent, unpublished, quarantined, pending, held), then
 * deletes with the production code, table by table in batches of `--batch`, and checks that exactly the old rows
 * went. Never touches the dev database.
 *
 * Old rows are written in time order, as the application writes them (an event is published, a row is due or
 * ends, roughly in the order it was inserted), so each batch deletes from neighbouring pages. `--shuffled 1` spreads
 * their instants at random over the table instead: the worst case, each deleted row on a page of its own.
 */
const DB_PREFIX = 'cp_bench_retention_';
const DEADLINE_MS = 10 * 60_000;
const DAY_MS = 24 * 3600_000;
const NOW = new Date('2026-12-01T12:00:00Z');

class FixedClock extends Clock {
  now(): Date {
    return new Date(NOW);
  }
}

type TableName = 'outbox_events' | 'scheduled_notifications' | 'email_deliveries';

interface TableFigures {
  table: TableName;
  removed: number;
  kept: number;
  batches: number;
  seconds: number;
  rowsPerSecond: number;
  /** Cores of the whole machine busy while this table was deleted from (of `nproc`). */
  machineCores: number;
}

const options = parseOptions(process.argv.slice(2), {
  rows: [1000, 5_000_000, 1_000_000],
  batch: [100, 100_000, 5000],
  shuffled: [0, 1, 0],
});

async function seed(db: Client, rows: number): Promise<Record<TableName, { old: number; kept: number }>> {
  const outbox = Math.round(rows * 0.4);
  const schedule = Math.round(rows * 0.3);
  const email = rows - outbox - schedule;
  const keep = (n: number) => Math.max(10, Math.round(n / 10));
  const [{ id: userId }] = (
    await db.query<{ id: string }>(
      `INSERT INTO users (email, display_name, time_zone) VALUES ('bench@example.org', 'Bench', 'UTC') RETURNING id`,
    )
  ).rows as [{ id: string }];
  const at = (days: number) => new Date(NOW.getTime() - days * DAY_MS).toISOString();
  // Where in its span each old row's instant falls: in insertion order, or anywhere.
  const fraction = options.shuffled ? 'random()' : 'i::float8 / $1';
  await db.query('SELECT setseed(0.42)');
  // Old published events spread over 31-400 days ago; kept: published 10 days ago, unpublished, quarantined.
  await db.query(
    `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, occurred_at, published_at)
     SELECT 'group.member-joined', 'group', gen_random_uuid(), jsonb_build_object('groupId', gen_random_uuid()),
            t, t + interval '2 seconds'
       FROM (SELECT $2::timestamptz - (400 - 369 * ${fraction}) * interval '1 day' AS t FROM generate_series(1, $1) AS i) s`,
    [outbox, NOW.toISOString()],
  );
  await db.query(
    `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, occurred_at, published_at, quarantined_at,
                                attempts)
     SELECT 'group.member-joined', 'group', gen_random_uuid(), '{}', $2,
            CASE WHEN i % 3 = 0 THEN $2::timestamptz END,
            CASE WHEN i % 3 = 1 THEN $3::timestamptz END, CASE WHEN i % 3 = 1 THEN 5 ELSE 0 END
       FROM generate_series(1, $1) AS i`,
    [keep(outbox), at(10), at(200)],
  );
  // Old released and cancelled schedule rows due 31-400 days ago; kept: due 10 days ago, pending.
  await db.query(
    `INSERT INTO scheduled_notifications (dedupe_key, kind, user_id, due_at, status, released_at, created_at)
     SELECT 'digest:daily:' || $3::text || ':old-' || i, 'digest', $3::uuid, t,
            CASE WHEN i % 10 = 0 THEN 'cancelled' ELSE 'released' END, t, t - interval '1 day'
       FROM (SELECT i, $2::timestamptz - (400 - 369 * ${fraction}) * interval '1 day' AS t
               FROM generate_series(1, $1) AS i) s`,
    [schedule, NOW.toISOString(), userId],
  );
  await db.query(
    `INSERT INTO scheduled_notifications (dedupe_key, kind, user_id, due_at, status)
     SELECT 'digest:daily:' || $3::text || ':kept-' || i, 'digest', $3::uuid,
            CASE WHEN i % 2 = 0 THEN $2::timestamptz ELSE $4::timestamptz END,
            CASE WHEN i % 2 = 0 THEN 'released' ELSE 'pending' END
       FROM generate_series(1, $1) AS i`,
    [keep(schedule), at(10), userId, at(100)],
  );
  // Old sent, skipped and failed ledger rows that finished 91-400 days ago; kept: sent 30 days ago, pending,
  // held until the future.
  await db.query(
    `INSERT INTO email_deliveries (dedupe_key, kind, user_id, to_address, locale, payload, status, attempts,
                                   next_attempt_at, sent_at, subject, message_id, last_response, created_at, updated_at,
                                   finished_at)
     SELECT 'digest:daily:' || $3::text || ':old-' || i, 'notifications.digest', $3::uuid, 'bench@example.org', 'en',
            jsonb_build_object('frequency', 'daily', 'since', t), s.status, 1, t,
            CASE WHEN s.status = 'sent' THEN t END, 'Your daily digest: 3 new posts',
            '<' || md5(i::text) || '@bench.example.org>', '250 2.0.0 OK queued', t, t, t
       FROM (SELECT i, $2::timestamptz - (400 - 309 * ${fraction}) * interval '1 day' AS t,
                    CASE WHEN i % 20 = 0 THEN 'skipped' WHEN i % 50 = 1 THEN 'failed' ELSE 'sent' END AS status
               FROM generate_series(1, $1) AS i) s`,
    [email, NOW.toISOString(), userId],
  );
  await db.query(
    `INSERT INTO email_deliveries (dedupe_key, kind, user_id, to_address, locale, status, next_attempt_at,
                                   created_at, updated_at, key_held_until, finished_at)
     SELECT 'digest:daily:' || $3::text || ':kept-' || i, 'notifications.digest', $3::uuid, 'bench@example.org', 'en',
            CASE WHEN i % 3 = 1 THEN 'pending' ELSE 'sent' END, $2, $2, $2,
            CASE WHEN i % 3 = 2 THEN $4::timestamptz END, CASE WHEN i % 3 <> 1 THEN $2::timestamptz END
       FROM generate_series(1, $1) AS i`,
    [keep(email), at(30), userId, new Date(NOW.getTime() + 30 * DAY_MS).toISOString()],
  );
  await db.query(
    `UPDATE email_deliveries SET updated_at = $1 WHERE dedupe_key LIKE '%:kept-%' AND status = 'pending'`,
    [at(200)],
  );
  await db.query('VACUUM ANALYZE outbox_events, scheduled_notifications, email_deliveries');
  await db.query('CHECKPOINT');
  return {
    outbox_events: { old: outbox, kept: keep(outbox) },
    scheduled_notifications: { old: schedule, kept: keep(schedule) },
    email_deliveries: { old: email, kept: keep(email) },
  };
}

runWithCleanup(DEADLINE_MS, async (cleanup) => {
  const baseConfig = loadConfig(process.env);
  const scratch = await createScratchRun(cleanup, baseConfig, DB_PREFIX);
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: scratch.databaseUrl,
    RETENTION_BATCH_SIZE: String(options.batch),
    RETENTION_RUN_SECONDS: '3600',
    LOG_LEVEL: 'warn',
  });
  const db = new Client({ connectionString: scratch.databaseUrl });
  await db.connect();
  cleanup.add('pg client', () => db.end());
  const dataSource = new DataSource(databaseOptions(config));
  await dataSource.initialize();
  cleanup.add('data source', () => dataSource.destroy());

  const seeding = performance.now();
  const seeded = await seed(db, options.rows);
  const total = Object.values(seeded).reduce((n, t) => n + t.old, 0);
  console.log(
    `Seeded ${total.toLocaleString('en')} old rows in ${((performance.now() - seeding) / 1000).toFixed(1)} s.`,
  );

  const clock = new FixedClock();
  const removers: Record<TableName, (now: Date, limit: number) => Promise<number>> = {
    outbox_events: (now, n) => new OutboxRetention(dataSource, config).removeBatch(now, n),
    scheduled_notifications: (now, n) => new ScheduleRetention(dataSource, config).removeBatch(now, n),
    email_deliveries: (now, n) => new EmailRetention(dataSource, config).removeBatch(now, n),
  };
  const figures: TableFigures[] = [];
  for (const table of Object.keys(removers) as TableName[]) {
    const started = performance.now();
    const busyBefore = machineBusyTicks();
    let removed = 0;
    let batches = 0;
    for (;;) {
      const n = await removers[table](clock.now(), options.batch);
      removed += n;
      batches++;
      if (n < options.batch) break;
    }
    const seconds = (performance.now() - started) / 1000;
    const machineCores = (machineBusyTicks() - busyBefore) / TICKS_PER_SECOND / seconds;
    const [{ kept }] = (await db.query<{ kept: number }>(`SELECT count(*)::int AS kept FROM ${table}`)).rows as [
      { kept: number },
    ];
    if (removed !== seeded[table].old || kept !== seeded[table].kept) {
      throw new Error(
        `${table}: removed ${removed} of ${seeded[table].old} old rows, ${kept} left of ${seeded[table].kept} to keep`,
      );
    }
    figures.push({
      table,
      removed,
      kept,
      batches,
      seconds: Number(seconds.toFixed(2)),
      rowsPerSecond: Math.round(removed / seconds),
      machineCores: Number(machineCores.toFixed(2)),
    });
  }
  // The whole run as the worker makes it, on what is left: nothing old, so one short batch per table.
  const pass = new RetentionPass(
    clock,
    config,
    new OutboxRetention(dataSource, config),
    new ScheduleRetention(dataSource, config),
    new EmailRetention(dataSource, config),
    new AttachmentRetention(dataSource, new AttachmentsRepository(dataSource), new PostgresAttachmentStore(dataSource)),
  );
  const idle = await pass.run();

  const removed = figures.reduce((n, f) => n + f.removed, 0);
  const seconds = figures.reduce((n, f) => n + f.seconds, 0);
  console.log(`\nBatches of ${options.batch.toLocaleString('en')}:`);
  console.log('| table | rows removed | rows kept | batches | seconds | rows/s | machine cores busy |');
  for (const f of figures) {
    console.log(
      `| ${f.table} | ${f.removed.toLocaleString('en')} | ${f.kept.toLocaleString('en')} | ${f.batches} | ${f.seconds} | ${f.rowsPerSecond.toLocaleString('en')} | ${f.machineCores} |`,
    );
  }
  console.log(
    `| all | ${removed.toLocaleString('en')} | | | ${seconds.toFixed(2)} | ${Math.round(removed / seconds).toLocaleString('en')} | |`,
  );
  console.log(`A run with nothing old left: ${idle.durationMs} ms (${idle.batches} statements).`);
  const result = {
    date: new Date().toISOString(),
    options,
    figures,
    idleRunMs: idle.durationMs,
    machine: await describeMachine(db),
  };
  const file = saveResult('retention', result);
  console.log(`Saved ${file}.`);
});
