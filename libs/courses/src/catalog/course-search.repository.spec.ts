import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@app/core/testing';
import { SEARCH_DOCUMENT } from './course-search.repository';

/**
 * The query's full-text expression and the index's (written by hand in a migration) must be the same, or every
 * text search silently reads the whole table. The plan tells.
 */
describe('course search document', () => {
  let database: TestDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new DataSource({ type: 'postgres', url: database.url });
    await db.initialize();
  });

  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  it('is answered from course_versions_search_idx', async () => {
    const plan = await db.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      const rows = await manager.query<{ 'QUERY PLAN': string }[]>(
        `EXPLAIN SELECT v.id FROM course_versions v
          WHERE ${SEARCH_DOCUMENT} @@ websearch_to_tsquery('simple'::regconfig, 'biogas digester')`,
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('Bitmap Index Scan on course_versions_search_idx');
  });

  it('is answered from course_versions_topics_idx for a topic', async () => {
    const plan = await db.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      const rows = await manager.query<{ 'QUERY PLAN': string }[]>(
        `EXPLAIN SELECT v.id FROM course_versions v WHERE v.topics @> ARRAY['biogas'::text]`,
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('course_versions_topics_idx');
  });
});
