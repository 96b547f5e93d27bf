import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { SnakeNamingStrategy } from './snake-naming.strategy';

// The same relative path holds in the sources (libs/core/src/database) and in dist/ (which mirrors the tree).
const repoRoot = join(__dirname, '..', '..', '..', '..');

/** Entity and migration files, found by name so the CLI data source and the apps agree. */
export const ENTITY_GLOB = join(repoRoot, 'libs', '*', 'src', '**', '*.entity.{ts,js}');
export const MIGRATION_GLOB = join(repoRoot, 'migrations', '*.{ts,js}');

export function databaseOptions(config: AppConfig, overrides: { url?: string } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url: overrides.url ?? config.DATABASE_URL,
    namingStrategy: new SnakeNamingStrategy(),
    // Schema changes happen only through reviewed migrations, in tests too.
    synchronize: false,
    migrationsRun: false,
    migrations: [MIGRATION_GLOB],
    migrationsTableName: 'migrations',
    // gen_random_uuid() is built into PostgreSQL >= 13; migrations, not the driver, own extensions.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    extra: { max: config.DATABASE_POOL_SIZE, application_name: 'commonplace' },
    logging: false,
  };
}
