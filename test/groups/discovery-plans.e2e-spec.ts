import { buildGroupSearchQuery, type GroupSearchFilter } from '@app/groups';
import { startTestApi, type TestApi } from '../support/api-app';

/**
 * The SQL discovery sends must be answerable by the indexes of migration GroupDiscoveryIndexes: an expression
 * that drifts from the index's by one token turns an index scan into a read of every row, silently. Timing is
 * the benchmark's job (bench/discovery); this checks which indexes the plans name.
 */
describe('group discovery query plans', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    const [facilitator] = await api.db.query<{ id: string }[]>(
      `INSERT INTO users (email, display_name, time_zone) VALUES ('plans@example.org', 'Plans', 'UTC') RETURNING id`,
    );
    // Set up here with SQL, not the meetings code: plans need a few thousand rows, and only their shape matters.
    await api.db.query(
      `INSERT INTO study_groups (name, description, topic, language, time_zone, mode, latitude, longitude, capacity,
                                 member_count, visibility, invite_code, created_by, first_meeting_at, meeting_slots)
       SELECT 'Group ' || i || CASE WHEN i % 50 = 0 THEN ' biogas' ELSE ' reading' END,
              'A circle about topic ' || (i % 97), 'topic ' || (i % 97), (ARRAY['en', 'es', 'fr'])[1 + i % 3],
              'America/La_Paz', CASE WHEN i % 4 = 0 THEN 'in-person' ELSE 'online' END,
              CASE WHEN i % 4 = 0 THEN -16.5 + (i % 40) ELSE NULL END,
              CASE WHEN i % 4 = 0 THEN -68.15 + (i % 60) ELSE NULL END,
              10, 1 + i % 10, CASE WHEN i % 10 = 0 THEN 'private' ELSE 'public' END,
              CASE WHEN i % 10 = 0 THEN 'invite-' || i END, $1,
              timestamptz '2026-03-01 00:00Z' + i * interval '1 hour',
              int4multirange(int4range((i * 37) % 10000, (i * 37) % 10000 + 60))
         FROM generate_series(1, 5000) i`,
      [facilitator!.id],
    );
    await api.db.query('ANALYZE study_groups');
  });
  afterAll(() => api.close());

  /** Index names in the plan PostgreSQL picks when it may not read the whole table. */
  async function indexesUsed(filter: GroupSearchFilter): Promise<string[]> {
    const { text, values } = buildGroupSearchQuery(filter, { limit: 20, now: new Date('2026-03-02T12:00:00Z') });
    const runner = api.db.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query('SET LOCAL enable_seqscan = off');
      const rows = (await runner.query(`EXPLAIN (FORMAT JSON) ${text}`, values)) as { 'QUERY PLAN': unknown }[];
      return [...JSON.stringify(rows[0]?.['QUERY PLAN']).matchAll(/"Index Name":"([^"]+)"/g)].map((m) => m[1]!);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  it('answers text from the full-text GIN index', async () => {
    expect(await indexesUsed({ textQuery: "'biogas':*" })).toContain('study_groups_search_idx');
    expect(await indexesUsed({ textQuery: "'biogas':*", language: 'es', withOpenSeats: true })).toContain(
      'study_groups_search_idx',
    );
  });

  it('answers a distance from the earthdistance GiST index', async () => {
    expect(await indexesUsed({ near: { latitude: -16.5, longitude: -68.15, radiusKm: 20 } })).toContain(
      'study_groups_place_idx',
    );
  });

  it('answers "fits my day" from the GiST index of meeting slots', async () => {
    expect(await indexesUsed({ fitsWithin: '{[1320,1440)}' })).toContain('study_groups_meeting_slots_idx');
  });

  it('walks the start order index for searches without text, and finds topics by their index', async () => {
    expect(await indexesUsed({})).toContain('study_groups_discovery_start_idx');
    expect(await indexesUsed({ topic: 'topic 5' })).toContain('study_groups_topic_idx');
  });
});
