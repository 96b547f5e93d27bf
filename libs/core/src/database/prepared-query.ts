import type { EntityManager } from 'typeorm';

interface PgClient {
  query<R>(config: { name: string; text: string; values: readonly unknown[] }): Promise<{ rows: R[] }>;
}

/**
 * Runs `text` as a named prepared statement on the manager's connection: PostgreSQL parses it once per connection
 * and, once it has seen it run, may keep a generic plan. For the few statements on the hottest routes whose
 * planning costs more than their execution (peer review's claim plans in ~2 ms and runs in under 1). `name` must
 * be unique to `text` across the application.
 */
export async function preparedQuery<R>(
  manager: EntityManager,
  name: string,
  text: string,
  values: readonly unknown[],
): Promise<R[]> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const client = (await runner.connect()) as PgClient;
    return (await client.query<R>({ name, text, values })).rows;
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}
