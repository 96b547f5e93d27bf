import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { databaseOptions, loadConfig, type AppConfig } from '@app/core';
import { deleteRedisKeys } from '@app/core/testing';
import type { Cleanup } from './cleanup';

/**
 * A benchmark run's database is `<prefix><runId>` and its Redis keys start with `cpbench-<runId>`. The run id
 * starts with the process id, so a later run can tell that the process that made them is gone.
 */
const newRunId = (): string => `${process.pid}_${randomBytes(3).toString('hex')}`;

export const redisPrefixOf = (runId: string): string => `cpbench-${runId}`;

function databaseUrlFor(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(baseUrl: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrlFor(baseUrl, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Drops the databases of earlier runs whose process is gone (killed outright, so it could not clean up).
 * Returns their run ids.
 */
async function dropStaleDatabases(baseUrl: string, prefix: string): Promise<string[]> {
  return withAdmin(baseUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `${prefix.replace(/_/g, '\\_')}%`,
    ]);
    const runIds: string[] = [];
    for (const { datname } of rows) {
      const runId = datname.slice(prefix.length);
      const pid = Number(/^(\d+)_/.exec(runId)?.[1]);
      if (Number.isInteger(pid) && !isAlive(pid)) {
        console.log(`Dropping ${datname}, left by a run that is gone.`);
        await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(datname)} WITH (FORCE)`);
        runIds.push(runId);
      }
    }
    return runIds;
  });
}

/** Creates an empty database that `cleanup` drops; returns its URL. */
async function createScratchDatabase(baseUrl: string, name: string, cleanup: Cleanup): Promise<string> {
  console.log(`Database ${name} (dropped at the end).`);
  await withAdmin(baseUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
  cleanup.add('database', () =>
    withAdmin(baseUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`)).then(() =>
      console.log(`Dropped ${name}.`),
    ),
  );
  return databaseUrlFor(baseUrl, name);
}

/** Runs the migrations, as the application's own configuration would, against `databaseUrl`. */
async function migrateDatabase(databaseUrl: string): Promise<void> {
  const migrations = new DataSource(databaseOptions(loadConfig({ ...process.env, DATABASE_URL: databaseUrl })));
  await migrations.initialize();
  await migrations.runMigrations({ transaction: 'each' });
  await migrations.destroy();
}

export interface ScratchRun {
  databaseName: string;
  databaseUrl: string;
  /** For the API's REDIS_PREFIX. */
  redisPrefix: string;
  /** Earlier runs whose process is gone: their databases were dropped; what else they left is the caller's. */
  staleRunIds: string[];
}

/**
 * Drops the databases that earlier runs of `prefix` left behind, then creates this run's from the migrations.
 * `cleanup` drops it and deletes the run's Redis keys.
 */
export async function createScratchRun(
  cleanup: Cleanup,
  config: Pick<AppConfig, 'DATABASE_URL' | 'REDIS_URL'>,
  prefix: string,
): Promise<ScratchRun> {
  const runId = newRunId();
  const databaseName = `${prefix}${runId}`;
  const redisPrefix = redisPrefixOf(runId);
  const staleRunIds = await dropStaleDatabases(config.DATABASE_URL, prefix);
  const databaseUrl = await createScratchDatabase(config.DATABASE_URL, databaseName, cleanup);
  cleanup.add('redis keys', () => deleteRedisKeys(config.REDIS_URL, redisPrefix));
  await migrateDatabase(databaseUrl);
  return { databaseName, databaseUrl, redisPrefix, staleRunIds };
}
