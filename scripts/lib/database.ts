import { Client, DatabaseError } from 'pg';
import { DataSource } from 'typeorm';
import { type AppConfig, databaseOptions } from '@app/core';
import { StartupError } from './cli';
import { databaseName, redactUrl, serverLevelUrl } from './service-checks';

// PostgreSQL error codes: https://www.postgresql.org/docs/current/errcodes-appendix.html
const DUPLICATE_DATABASE = '42P04';
const UNIQUE_VIOLATION = '23505'; // two CREATE DATABASE at once can collide on pg_database's unique index
const INSUFFICIENT_PRIVILEGE = '42501';

/** Creates the database DATABASE_URL names unless it exists. Returns whether it was created. */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const name = databaseName(databaseUrl);
  const client = new Client({ connectionString: serverLevelUrl(databaseUrl), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    return true;
  } catch (err) {
    if (err instanceof DatabaseError && (err.code === DUPLICATE_DATABASE || err.code === UNIQUE_VIOLATION))
      return false;
    if (err instanceof DatabaseError && err.code === INSUFFICIENT_PRIVILEGE) {
      throw new StartupError(
        `Database "${name}" does not exist and the user of ${redactUrl(databaseUrl)} may not create it. ` +
          `Create it (createdb ${name}) or set DATABASE_URL to a database that exists.`,
        { cause: err },
      );
    }
    throw err;
  } finally {
    await client.end();
  }
}

/** Applies pending migrations, each in its own transaction. Returns the names of those applied. */
export async function runMigrations(config: AppConfig): Promise<string[]> {
  const dataSource = new DataSource(databaseOptions(config));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/** Database created if missing, schema migrated: what both `npm start` and the compose `migrate` service do. */
export async function prepareDatabase(config: AppConfig): Promise<void> {
  const name = databaseName(config.DATABASE_URL);
  if (await ensureDatabase(config.DATABASE_URL)) console.log(`Created database ${name}.`);
  const applied = await runMigrations(config);
  console.log(
    applied.length > 0
      ? `Applied ${applied.length} migration(s) to ${name}: ${applied.join(', ')}.`
      : `Database ${name} is up to date.`,
  );
}
