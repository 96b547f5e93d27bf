import type { Client } from 'pg';
import type { Cleanup } from './cleanup';

/**
 * The PostgreSQL backends serving one database (the API's pools, a floor's), for a CPU meter: refreshed every
 * half second as connections come and go, and on demand before a phase. Backends of ended connections stay in the
 * set (their CPU until they ended still counts).
 */
export function watchDatabaseBackends(
  db: Client,
  databaseName: string,
  cleanup: Cleanup,
): {
  pids: () => number[];
  refresh: () => Promise<void>;
} {
  const backends = new Set<number>();
  const refresh = async (): Promise<void> => {
    const { rows } = await db.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [databaseName],
    );
    for (const { pid } of rows) backends.add(pid);
  };
  const watch = setInterval(() => void refresh().catch(() => undefined), 500);
  cleanup.add('backend watch', () => Promise.resolve(clearInterval(watch)));
  return { pids: () => [...backends], refresh };
}
