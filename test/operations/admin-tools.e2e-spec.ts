import { randomBytes } from 'node:crypto';
import { JobQueue, QueueName } from '@app/core';
import { startTestApi, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';
import { NotificationJob } from '@app/notifications';
import { MailJob } from '@app/mail';

/** `name{a="x",b="y"} 3` lines of a Prometheus text body, keyed with labels sorted so order does not matter. */
function samples(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels = (match[2] ?? '')
      .split(/,(?=[a-z_]+=")/)
      .filter(Boolean)
      .sort()
      .join(',');
    values.set(`${match[1]}{${labels}}`, Number(match[3]));
  }
  return values;
}
const key = (name: string, labels: Record<string, string> = {}): string =>
  `${name}{${Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort()
    .join(',')}}`;

describe('operators: queue board and metrics', () => {
  const metricsToken = randomBytes(24).toString('hex');
  let api: TestApi;
  let admin: MadeUser;
  let learner: MadeUser;

  beforeAll(async () => {
    api = await startTestApi({ METRICS_TOKEN: metricsToken });
    admin = await api.make.admin();
    learner = await api.make.user();
    // No worker runs here: the jobs stay where they are put.
    const jobs = api.app.get(JobQueue);
    await jobs.enqueue(NotificationJob.RelayOutbox, {});
    await jobs.enqueue(MailJob.SendEmail, { deliveryId: '5f0c8a4e-0000-4000-8000-000000000001' }, { delay: 60_000 });
  });
  afterAll(() => api.close());

  describe('queue board at /admin/queues', () => {
    it('turns away people without an admin access token', async () => {
      const anonymous = await api.http().get('/admin/queues');
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers['content-type']).toContain('application/problem+json');
      expect(anonymous.headers['www-authenticate']).toBe('Bearer');

      const forged = await api.http().get('/admin/queues/api/queues').set('Authorization', 'Bearer not-a-jwt');
      expect(forged.status).toBe(401);

      const user = await api.http().get('/admin/queues').set('Authorization', learner.auth);
      expect(user.status).toBe(403);
      expect(JSON.parse(user.text)).toMatchObject({ status: 403, code: 'forbidden' });
      const userApi = await api.http().get('/admin/queues/api/queues').set('Authorization', learner.auth);
      expect(userApi.status).toBe(403);
    });

    it('shows an admin the board page', async () => {
      const page = await api.http().get('/admin/queues').set('Authorization', admin.auth);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.text).toContain('Commonplace queues');
      expect(page.text).toContain('<base href="/admin/queues/" />');

      // Its assets are served under the board's own path, behind the same check.
      const css = /href="(static\/css\/[^"]+\.css)"/.exec(page.text)?.[1];
      expect(css).toBeDefined();
      const asset = await api.http().get(`/admin/queues/${css}`).set('Authorization', admin.auth);
      expect(asset.status).toBe(200);
      expect(asset.headers['content-type']).toContain('text/css');
      expect((await api.http().get(`/admin/queues/${css}`)).status).toBe(401);
    });

    it('lists every queue with its jobs in its JSON API', async () => {
      const res = await api.http().get('/admin/queues/api/queues').set('Authorization', admin.auth);
      expect(res.status).toBe(200);
      const queues = (res.body as { queues: { name: string; counts: Record<string, number> }[] }).queues;
      expect(queues.map((q) => q.name).sort()).toEqual(Object.values(QueueName).sort());
      expect(queues.find((q) => q.name === 'notifications')?.counts).toMatchObject({ waiting: 1 });
      expect(queues.find((q) => q.name === 'email')?.counts).toMatchObject({ delayed: 1 });
    });
  });

  describe('GET /metrics', () => {
    it('needs an admin access token or the METRICS_TOKEN', async () => {
      expect((await api.http().get('/metrics')).status).toBe(401);
      expect((await api.http().get('/metrics').set('Authorization', `Bearer ${metricsToken}x`)).status).toBe(401);
      expect((await api.http().get('/metrics').set('Authorization', learner.auth)).status).toBe(403);
      expect((await api.http().get('/metrics').set('Authorization', admin.auth)).status).toBe(200);
      expect((await api.http().get('/metrics').set('Authorization', `Bearer ${metricsToken}`)).status).toBe(200);
      expect((await api.http().get('/api/v1/metrics').set('Authorization', admin.auth)).status).toBe(404);
    });

    it('reports queues, the ledger, the schedule and the outbox as they are', async () => {
      api.clock.set('2026-03-02T12:00:00Z');
      const userId = learner.user.id;
      await api.db.query('DELETE FROM outbox_events');
      await api.db.query(
        `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, occurred_at, published_at)
         VALUES ('group.meeting-scheduled', 'group', gen_random_uuid(), '{}', '2026-03-02T11:58:30Z', NULL),
                ('group.meeting-scheduled', 'group', gen_random_uuid(), '{}', '2026-03-02T11:59:30Z', NULL),
                ('group.meeting-scheduled', 'group', gen_random_uuid(), '{}', '2026-03-01T00:00:00Z',
                 '2026-03-01T00:00:01Z')`,
      );
      // Quarantined after repeated handler failures: counted apart, never in the backlog or its age.
      await api.db.query(
        `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, occurred_at, attempts, last_error,
                                    quarantined_at)
         VALUES ('group.meeting-scheduled', 'group', gen_random_uuid(), '{}', '2026-02-01T00:00:00Z', 5,
                 'meeting-reminders: boom', '2026-02-01T01:00:00Z')`,
      );
      await api.db.query(
        `INSERT INTO email_deliveries (dedupe_key, kind, user_id, locale, status, attempts, next_attempt_at, sent_at,
                                       finished_at)
         VALUES ('ops:1', 'notifications.digest', $1, 'en', 'sent', 1, '2026-03-02T08:00:00Z', '2026-03-02T08:00:05Z',
                 '2026-03-02T08:00:05Z'),
                ('ops:2', 'notifications.digest', $1, 'en', 'sent', 3, '2026-03-02T08:00:00Z', '2026-03-02T08:20:00Z',
                 '2026-03-02T08:20:00Z'),
                ('ops:3', 'notifications.digest', $1, 'en', 'failed', 1, '2026-03-02T08:00:00Z', NULL,
                 '2026-03-02T08:00:00Z'),
                ('ops:4', 'notifications.meeting-reminder', $1, 'en', 'pending', 2, '2026-03-02T11:55:00Z', NULL, NULL),
                ('ops:5', 'notifications.meeting-reminder', $1, 'en', 'pending', 0, '2026-03-02T13:00:00Z', NULL, NULL)`,
        [userId],
      );
      await api.db.query(
        `INSERT INTO scheduled_notifications (dedupe_key, kind, user_id, due_at, status)
         VALUES ('ops:s1', 'digest', $1, '2026-03-02T11:50:00Z', 'pending'),
                ('ops:s2', 'digest', $1, '2026-03-02T11:59:00Z', 'pending'),
                ('ops:s3', 'digest', $1, '2026-03-03T08:00:00Z', 'pending'),
                ('ops:s4', 'meeting-reminder', $1, '2026-03-01T08:00:00Z', 'released'),
                ('ops:s5', 'meeting-reminder', $1, '2026-03-01T09:00:00Z', 'cancelled')`,
        [userId],
      );

      const res = await api.http().get('/metrics').set('Authorization', `Bearer ${metricsToken}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('text/plain');
      expect(res.text).toContain('# TYPE commonplace_email_deliveries gauge');
      const m = samples(res.text);
      const expected: [string, Record<string, string>, number][] = [
        ['commonplace_queue_jobs', { queue: 'notifications', state: 'waiting' }, 1],
        ['commonplace_queue_jobs', { queue: 'email', state: 'delayed' }, 1],
        ['commonplace_queue_jobs', { queue: 'maintenance', state: 'failed' }, 0],
        ['commonplace_email_deliveries', { status: 'sent', kind: 'notifications.digest' }, 2],
        ['commonplace_email_deliveries', { status: 'failed', kind: 'notifications.digest' }, 1],
        ['commonplace_email_deliveries', { status: 'pending', kind: 'notifications.meeting-reminder' }, 2],
        ['commonplace_email_delivery_attempts', { status: 'sent', kind: 'notifications.digest' }, 4],
        ['commonplace_email_due_pending', {}, 1],
        ['commonplace_email_oldest_due_pending_seconds', {}, 300],
        ['commonplace_scheduled_notifications', { status: 'pending', kind: 'digest' }, 3],
        ['commonplace_scheduled_notifications', { status: 'released', kind: 'meeting-reminder' }, 1],
        ['commonplace_scheduled_notifications', { status: 'cancelled', kind: 'meeting-reminder' }, 1],
        ['commonplace_schedule_due_pending', {}, 2],
        ['commonplace_schedule_oldest_due_pending_seconds', {}, 600],
        ['commonplace_outbox_unpublished_events', {}, 2],
        ['commonplace_outbox_oldest_unpublished_age_seconds', {}, 90],
        ['commonplace_outbox_quarantined_events', {}, 1],
      ];
      for (const [name, labels, value] of expected) {
        expect({ metric: key(name, labels), value: m.get(key(name, labels)) }).toEqual({
          metric: key(name, labels),
          value,
        });
      }

      // Gauges follow the rows: a status with no rows left disappears, the backlog empties.
      await api.db.query(`UPDATE email_deliveries
                             SET status = 'sent', sent_at = '2026-03-02T12:00:00Z', finished_at = '2026-03-02T12:00:00Z'
                           WHERE status IN ('pending', 'failed')`);
      await api.db.query(`UPDATE outbox_events SET published_at = '2026-03-02T12:00:00Z' WHERE quarantined_at IS NULL`);
      const after = samples((await api.http().get('/metrics').set('Authorization', admin.auth)).text);
      expect(after.get(key('commonplace_email_deliveries', { status: 'failed', kind: 'notifications.digest' }))).toBe(
        undefined,
      );
      expect(after.get(key('commonplace_email_deliveries', { status: 'sent', kind: 'notifications.digest' }))).toBe(3);
      expect(after.get(key('commonplace_email_oldest_due_pending_seconds'))).toBe(0);
      expect(after.get(key('commonplace_outbox_unpublished_events'))).toBe(0);
      expect(after.get(key('commonplace_outbox_oldest_unpublished_age_seconds'))).toBe(0);
      expect(after.get(key('commonplace_outbox_quarantined_events'))).toBe(1);
    });
  });
});
