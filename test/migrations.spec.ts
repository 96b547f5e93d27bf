import { DataSource } from 'typeorm';
import { databaseOptions, ENTITY_GLOB, loadConfig } from '@app/core';
import { createTestDatabase, type TestDatabase } from '@app/core/testing';

/**
 * The schema the entities describe must be exactly the schema the migrations build: otherwise production runs
 * on a schema nobody reviewed. `npm run migration:generate` writes the missing migration.
 */
describe('migrations', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfig({ ...process.env, DATABASE_URL: database.url });
    dataSource = new DataSource({ ...databaseOptions(config), entities: [ENTITY_GLOB] });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('leave nothing for the entities to change (no drift)', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('can all be reverted and applied again', async () => {
    const applied = await dataSource.query<{ name: string }[]>('SELECT name FROM migrations');
    expect(applied.length).toBeGreaterThan(0);
    for (let i = 0; i < applied.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    const tables = await dataSource.query<{ n: string }[]>(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'",
    );
    expect(Number(tables[0]?.n)).toBe(0);
    const reapplied = await dataSource.runMigrations({ transaction: 'each' });
    expect(reapplied).toHaveLength(applied.length);
    const drift = await dataSource.driver.createSchemaBuilder().log();
    expect(drift.upQueries).toEqual([]);
  });
});
