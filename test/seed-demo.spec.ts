import { createTestDatabase, testConfig, type TestDatabase } from '@app/core/testing';
import { Client } from 'pg';
import { seedDemo } from '../scripts/seed-demo';

/** `npm start` seeds this on a fresh clone; a newcomer's first look at the platform. */
describe('demo seed', () => {
  let database: TestDatabase;
  const saved = { ...process.env };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    process.env = saved;
    await database.drop();
  });

  it('creates people across time zones, a published course, a group with meetings and a grouped cohort, once', async () => {
    const config = testConfig(database.url);
    // The seed boots the real modules, which read their settings from the environment.
    Object.assign(process.env, { DATABASE_URL: database.url, REDIS_PREFIX: config.REDIS_PREFIX, LOG_LEVEL: 'silent' });
    await seedDemo(config);
    await seedDemo(config);

    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const zones = await client.query<{ time_zone: string }>('SELECT DISTINCT time_zone FROM users');
      expect(zones.rows.map((r) => r.time_zone).sort()).toEqual([
        'Africa/Kigali',
        'America/La_Paz',
        'America/New_York',
        'Asia/Kathmandu',
        'Europe/Berlin',
        'Europe/Paris',
      ]);
      const versions = await client.query('SELECT number, license FROM course_versions');
      expect(versions.rows).toEqual([{ number: 1, license: 'CC-BY-SA-4.0' }]);
      const groups = await client.query<{ id: string; member_count: number }>(
        'SELECT id, member_count FROM study_groups WHERE id NOT IN (SELECT group_id FROM cohort_groups)',
      );
      expect(groups.rows).toHaveLength(1);
      expect(groups.rows[0]!.member_count).toBe(4);
      const meetings = await client.query<{ local_time: string }>(
        "SELECT local_time FROM meetings WHERE status = 'scheduled' ORDER BY starts_at",
      );
      expect(meetings.rows).toHaveLength(8);
      expect(new Set(meetings.rows.map((m) => m.local_time))).toEqual(new Set(['18:00:00']));

      const cohorts = await client.query<{ enrolled_count: number; deadline_mode: string }>(
        'SELECT enrolled_count, deadline_mode FROM cohorts',
      );
      expect(cohorts.rows).toEqual([{ enrolled_count: 4, deadline_mode: 'learner-local' }]);
      // Learners from Kigali, Kathmandu, Paris and New York share Saturday hours, so every one of them is grouped.
      const grouped = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM group_members m JOIN cohort_groups g ON g.group_id = m.group_id`,
      );
      expect(grouped.rows[0]!.n).toBe(4);
      const threads = await client.query('SELECT title FROM discussion_threads');
      expect(threads.rows).toEqual([{ title: 'Welcome! Introduce yourself' }]);
    } finally {
      await client.end();
    }
  });
});
