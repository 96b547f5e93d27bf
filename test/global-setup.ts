import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from '../libs/core/src/config/app-config';
import { databaseOptions } from '../libs/core/src/database/database-options';
import { databaseUrl, withAdminClient } from '../libs/core/src/testing/test-database';
import { ensureWebBuild } from './support/web-build';

/**
 * Migrates one template database for this run; test files clone it. Also drops databases left behind by
 * earlier runs whose process is gone (a run killed mid-way cannot clean up after itself), and builds the web app
 * if its sources changed (the test API serves it as production does).
 */
export default async function globalSetup(): Promise<void> {
  ensureWebBuild();
  const runId = `${process.pid}_${randomBytes(3).toString('hex')}`;
  process.env.CP_TEST_RUN_ID = runId;
  const template = `cp_test_${runId}_template`;

  await withAdminClient(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'cp\\_test\\_%'",
    );
    for (const { datname } of rows) {
      const pid = Number(/^cp_test_(\d+)_/.exec(datname)?.[1]);
      if (Number.isInteger(pid) && !isAlive(pid))
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await client.query(`CREATE DATABASE "${template}"`);
  });

  const dataSource = new DataSource(
    databaseOptions(loadConfig({ ...process.env, DATABASE_URL: databaseUrl(template) })),
  );
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
