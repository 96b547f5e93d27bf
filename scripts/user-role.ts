import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { databaseOptions, loadConfig, PlatformRole } from '@app/core';

/**
 * `npm run user:role -- <email> <admin|user>`: grants or removes platform admin. The only way to make the
 * first admin of a real deployment, so it runs where the database is reachable, not over HTTP.
 */
async function main(): Promise<number> {
  const [email, role] = process.argv.slice(2);
  const roles = Object.values(PlatformRole) as string[];
  if (!email || !role || !roles.includes(role)) {
    console.error(`usage: npm run user:role -- <email> <${roles.join('|')}>`);
    return 2;
  }
  const dataSource = new DataSource(databaseOptions(loadConfig(process.env)));
  await dataSource.initialize();
  try {
    const rows = await dataSource.query<unknown[]>(
      'UPDATE users SET role = $2, updated_at = now() WHERE email = lower($1) AND deleted_at IS NULL RETURNING id',
      [email, role],
    );
    // TypeORM answers UPDATE ... RETURNING with [rows, count].
    const updated = Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : rows.length;
    if (updated === 0) {
      console.error('No active account has that email.');
      return 1;
    }
    console.log(`Role set to ${role}.`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

void main().then((code) => process.exit(code));
