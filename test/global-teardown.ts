import { loadConfig } from '../libs/core/src/config/app-config';
import { deleteRedisKeys } from '../libs/core/src/testing/redis-cleanup';
import { testRunId, withAdminClient } from '../libs/core/src/testing/test-database';

/** Drops every database of this run and its Redis keys. */
export default async function globalTeardown(): Promise<void> {
  const runId = testRunId();
  await withAdminClient(async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `cp\\_test\\_${runId}\\_%`,
    ]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
  await deleteRedisKeys(loadConfig(process.env).REDIS_URL, `cptest-${runId}-`);
}
