import type { DataSource } from 'typeorm';

/**
 * Counts every SQL statement an app sends while it runs: TypeORM hands each one (queries, BEGIN/COMMIT, the
 * guard's lookups) to the data source's logger before sending it, whatever the logging settings; nothing in our
 * apps talks to `pg` around TypeORM. A loop per row shows as one statement per row (test/cohorts/dashboard tests
 * that the count is honest).
 */
export function countStatements(db: DataSource): {
  readonly count: number;
  readonly statements: string[];
  stop(): void;
} {
  const logger = db.logger;
  const original = logger.logQuery;
  const statements: string[] = [];
  logger.logQuery = function (this: typeof logger, ...args: Parameters<typeof original>) {
    statements.push(args[0]);
    return original.apply(this, args);
  };
  return {
    get count() {
      return statements.length;
    },
    statements,
    stop: () => {
      logger.logQuery = original;
    },
  };
}
