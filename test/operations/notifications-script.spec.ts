import type { EntityManager } from 'typeorm';
import { NotificationHistoryRepository } from '@app/notifications';
import { main } from '../../scripts/notifications';
import { startTestApi, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';

describe('npm run notifications', () => {
  let api: TestApi;
  let env: Record<string, string | undefined>;
  let ana: MadeUser;
  let bo: MadeUser;
  let output: string[];
  let errors: string[];
  let log: jest.SpyInstance;
  let error: jest.SpyInstance;

  beforeAll(async () => {
    api = await startTestApi();
    env = { DATABASE_URL: api.config.DATABASE_URL };
    ana = await api.make.user({ email: 'ana.ops@example.org', timeZone: 'America/La_Paz' });
    bo = await api.make.user({ email: 'bo.ops@example.org', timeZone: 'Asia/Kathmandu' });
    await api.db.query(
      `INSERT INTO scheduled_notifications (dedupe_key, kind, user_id, due_at, status, released_at)
       VALUES ('digest:daily:ana:2026-03-03', 'digest', $1, '2026-03-03T12:00:00Z', 'pending', NULL),
              ('digest:daily:ana:2026-03-02', 'digest', $1, '2026-03-02T12:00:00Z', 'released',
               '2026-03-02T12:00:20Z'),
              ('rem:ana-cancelled', 'meeting-reminder', $1, '2026-03-01T15:00:00Z', 'cancelled', NULL),
              ('digest:daily:bo:2026-03-03', 'digest', $2, '2026-03-03T02:15:00Z', 'pending', NULL)`,
      [ana.user.id, bo.user.id],
    );
    await api.db.query(
      `INSERT INTO email_deliveries (dedupe_key, kind, user_id, to_address, locale, status, attempts, next_attempt_at,
                                     subject, sent_at, last_response, created_at, finished_at)
       VALUES ('digest:daily:ana:2026-03-02', 'notifications.digest', $1, 'ana.ops@example.org', 'en',
               'sent', 2, '2026-03-02T12:01:00Z', 'Your daily digest: 3 new posts', '2026-03-02T12:01:02Z',
               '250 2.0.0 Ok: queued as 4F2A', '2026-03-02T12:00:20Z', '2026-03-02T12:01:02Z'),
              ('rem:ana-failed', 'notifications.meeting-reminder', $1, 'ana.ops@example.org', 'en',
               'failed', 1, '2026-03-01T10:00:00Z', 'Biogas builders meets tomorrow', NULL,
               '550 5.1.1 <ana.ops@example.org>: Recipient address rejected', '2026-03-01T10:00:00Z',
               '2026-03-01T10:00:00Z'),
              ('rem:bo-secret', 'notifications.meeting-reminder', $2, 'bo.ops@example.org', 'en',
               'sent', 1, '2026-03-01T10:00:00Z', 'Bo private subject', '2026-03-01T10:00:01Z', '250 Ok',
               '2026-03-01T10:00:00Z', '2026-03-01T10:00:01Z')`,
      [ana.user.id, bo.user.id],
    );
  });
  afterAll(() => api.close());
  beforeEach(() => {
    output = [];
    errors = [];
    log = jest.spyOn(console, 'log').mockImplementation((line: string) => void output.push(line));
    error = jest.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
  });
  afterEach(() => {
    log.mockRestore();
    error.mockRestore();
  });

  it("prints one person's schedule and emails, in UTC and in their zone, and nobody else's", async () => {
    expect(await main(['--user', 'Ana.Ops@example.org'], env)).toBe(0);
    const text = output.join('\n');
    expect(text).toContain(`User ${ana.user.id}, time zone America/La_Paz, locale en`);

    expect(text).toContain('Scheduled notifications (3):');
    // Pending first; due 12:00 UTC is 08:00 in La Paz (UTC-4).
    expect(text).toMatch(/pending\s+digest\s+2026-03-03 12:00 UTC\s+2026-03-03 08:00 -04:00/);
    expect(text).toMatch(/released\s+digest\s+2026-03-02 12:00 UTC\s+2026-03-02 08:00 -04:00\s+2026-03-02 12:00 UTC/);
    expect(text).toMatch(/cancelled\s+meeting-reminder\s+2026-03-01 15:00 UTC\s+2026-03-01 11:00 -04:00/);
    expect(text.indexOf('pending ')).toBeLessThan(text.indexOf('released '));

    expect(text).toContain('Emails (2, newest first):');
    expect(text).toMatch(/sent\s+notifications\.digest {2}attempts 2 {2}sent 2026-03-02 12:01 UTC/);
    expect(text).toContain('subject:  Your daily digest: 3 new posts');
    expect(text).toContain('response: 250 2.0.0 Ok: queued as 4F2A');
    expect(text).toMatch(/failed\s+notifications\.meeting-reminder {2}attempts 1 {2}created 2026-03-01 10:00 UTC/);
    expect(text).toContain('response: 550 5.1.1 <ana.ops@example.org>: Recipient address rejected');

    expect(text).not.toContain(bo.user.id);
    expect(text).not.toContain('bo.ops@example.org');
    expect(text).not.toContain('Bo private subject');
    expect(text).not.toContain('02:15');
  });

  it('finds a person by id, also once their account is erased, and honours --limit', async () => {
    await api.db.query(`UPDATE users SET deleted_at = now(), email = NULL WHERE id = $1`, [bo.user.id]);
    expect(await main(['--user', bo.user.id, '--limit', '1'], env)).toBe(0);
    const text = output.join('\n');
    expect(text).toContain(`User ${bo.user.id} (account erased), time zone Asia/Kathmandu`);
    // 02:15 UTC is 08:00 in Kathmandu (UTC+5:45).
    expect(text).toMatch(/pending\s+digest\s+2026-03-03 02:15 UTC\s+2026-03-03 08:00 \+05:45/);
    expect(text).toContain('Emails (1, newest first):');
    expect(text).toContain('(the first 1; raise --limit to see more)');
    expect(text).not.toContain('Your daily digest');

    output.length = 0;
    expect(await main(['--user', 'bo.ops@example.org'], env)).toBe(1);
    expect(errors).toContain('No account has the email or id bo.ops@example.org.');
  });

  it('exits 1 for an unknown person and 2 for bad options', async () => {
    expect(await main(['--user', 'nobody@example.org'], env)).toBe(1);
    expect(await main(['--user', '00000000-0000-4000-8000-000000000000'], env)).toBe(1);
    expect(errors.filter((e) => e.startsWith('No account has the email or id'))).toHaveLength(2);
    expect(output).toEqual([]);

    expect(await main([], env)).toBe(2);
    expect(await main(['--user', ana.user.id, '--limit', 'lots'], env)).toBe(2);
    expect(errors.at(-1)).toContain('usage: npm run notifications -- --user <email or id>');
  });

  it("reads a person's schedule from the (user_id, due_at) index, however long their history", async () => {
    const many = await api.make.user({ timeZone: 'UTC' });
    await api.db.query(
      `INSERT INTO scheduled_notifications (dedupe_key, kind, user_id, due_at, status)
       SELECT 'plan:' || p.id || ':' || i, 'digest', p.id, timestamptz '2024-01-01 08:00Z' + i * interval '1 day',
              CASE WHEN i > 995 THEN 'pending' ELSE 'released' END
         FROM (SELECT id FROM users WHERE id = ANY($1::uuid[])) p, generate_series(1, 1000) i`,
      [[many.user.id, ana.user.id, bo.user.id]],
    );
    await api.db.query('ANALYZE scheduled_notifications');

    const history = await new NotificationHistoryRepository(api.db.manager).scheduled(many.user.id, 3);
    // The soonest pending rows first (days 996-998 of 1000), soonest first.
    expect(history.map((r) => [r.status, r.dueAt.toISOString().slice(0, 10)])).toEqual([
      ['pending', '2026-09-23'],
      ['pending', '2026-09-24'],
      ['pending', '2026-09-25'],
    ]);
    const withReleased = await new NotificationHistoryRepository(api.db.manager).scheduled(many.user.id, 6);
    expect(withReleased.map((r) => r.status)).toEqual([
      'pending',
      'pending',
      'pending',
      'pending',
      'pending',
      'released',
    ]);
    expect(withReleased[5]!.dueAt.toISOString().slice(0, 10)).toBe('2026-09-22');

    // The plan PostgreSQL picks for the query the CLI sends, when it may not read the whole table.
    const sent: { sql: string; parameters: unknown[] }[] = [];
    const recorder = {
      query: (sql: string, parameters: unknown[]) => {
        sent.push({ sql, parameters });
        return Promise.resolve([]);
      },
    } as unknown as EntityManager;
    await new NotificationHistoryRepository(recorder).scheduled(many.user.id, 50);
    const runner = api.db.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query('SET LOCAL enable_seqscan = off');
      const [plan] = (await runner.query(`EXPLAIN (FORMAT JSON) ${sent[0]!.sql}`, sent[0]!.parameters)) as {
        'QUERY PLAN': unknown;
      }[];
      const text = JSON.stringify(plan?.['QUERY PLAN']);
      expect(text).toContain('"Index Name":"scheduled_notifications_user_due_idx"');
      expect(text).not.toContain('Seq Scan');
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
