import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

interface PgClientPrototype {
  query(this: unknown, config: unknown, ...rest: unknown[]): unknown;
}

/**
 * Counts every SQL statement an app sends while it runs, where every statement goes: the `pg` client that
 * TypeORM's driver loads, whether TypeORM sends it (queries, BEGIN/COMMIT) or the app reads straight through the
 * pool (`poolQuery`, `preparedQuery`: the session check on every request). A loop per row shows as one statement
 * per row (test/cohorts/dashboard tests that the count is honest). Counts the whole process's statements
 * through that client while it runs.
 */
export function countStatements(db: DataSource): {
  readonly count: number;
  readonly statements: string[];
  stop(): void;
} {
  const pg = (db.driver as PostgresDriver).postgres as { Client: { prototype: PgClientPrototype } };
  const prototype = pg.Client.prototype;
  const original = prototype.query;
  const statements: string[] = [];
  prototype.query = function (this: unknown, config: unknown, ...rest: unknown[]) {
    statements.push(typeof config === 'string' ? config : String((config as { text?: unknown }).text));
    return original.call(this, config, ...rest);
  };
  return {
    get count() {
      return statements.length;
    },
    statements,
    stop: () => {
      prototype.query = original;
    },
  };
}
