"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MIGRATION_GLOB = exports.ENTITY_GLOB = void 0;
exports.databaseOptions = databaseOptions;
const node_path_1 = require("node:path");
const snake_naming_strategy_1 = require("./snake-naming.strategy");
// The same relative path holds in the sources (libs/core/src/database) and in dist/ (which mirrors the tree).
const repoRoot = (0, node_path_1.join)(__dirname, '..', '..', '..', '..');
/** Entity and migration files, found by name so the CLI data source and the apps agree. */
exports.ENTITY_GLOB = (0, node_path_1.join)(repoRoot, 'libs', '*', 'src', '**', '*.entity.{ts,js}');
exports.MIGRATION_GLOB = (0, node_path_1.join)(repoRoot, 'migrations', '*.{ts,js}');
function databaseOptions(config, overrides = {}) {
    return {
        type: 'postgres',
        url: overrides.url ?? config.DATABASE_URL,
        namingStrategy: new snake_naming_strategy_1.SnakeNamingStrategy(),
        // Schema changes happen only through reviewed migrations, in tests too.
        synchronize: false,
        migrationsRun: false,
        migrations: [exports.MIGRATION_GLOB],
        migrationsTableName: 'migrations',
        // gen_random_uuid() is built into PostgreSQL >= 13; migrations, not the driver, own extensions.
        uuidExtension: 'pgcrypto',
        installExtensions: false,
        extra: { max: config.DATABASE_POOL_SIZE, application_name: 'commonplace' },
        logging: false,
    };
}
