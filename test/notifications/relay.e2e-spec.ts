import { OutboxHandlerRegistry } from '@app/core';
import { DigestPlanner, NotificationReleaser, OutboxRelay } from '@app/notifications';
import { signedIn, startTestApi, type TestApi } from '../support/api-app';
import { startTestWorker, type TestWorker } from '../support/worker-app';
import { IdentityEvent } from '@app/identity';

/** Two worker processes of one deployment, relaying and releasing at the same time. */
describe('outbox relay and releaser across concurrent workers', () => {
  let api: TestApi;
  let workers: TestWorker[];

  beforeAll(async () => {
    api = await startTestApi();
    workers = [await startTestWorker(api), await startTestWorker(api)];
  });
  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await api.close();
  });

  it('hands every outbox event to its handlers exactly once and marks it published', async () => {
    const person = await api.make.user();
    const seen: string[] = [];
    for (const worker of workers) {
      worker.app.get(OutboxHandlerRegistry).register({
        name: 'witness',
        handles: [IdentityEvent.UserPreferencesChanged],
        handle: (_manager, events) => {
          seen.push(...events.map((e) => e.id));
          return Promise.resolve();
        },
      });
    }
    await api.db.query(
      `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, occurred_at)
       SELECT 'identity.preferences-changed', 'user', $1::uuid,
              jsonb_build_object('userId', $1::text, 'fields', '[]'::jsonb), now()
         FROM generate_series(1, 1800)`,
      [person.user.id],
    );

    await Promise.all(workers.flatMap((w) => [w.app.get(OutboxRelay).relay(), w.app.get(OutboxRelay).relay()]));

    const [{ unpublished }] = await api.db.query<[{ unpublished: number }]>(
      `SELECT count(*)::int AS unpublished FROM outbox_events WHERE published_at IS NULL`,
    );
    expect(unpublished).toBe(0);
    const ids = await api.db.query<{ id: string }[]>(
      `SELECT id FROM outbox_events WHERE type = 'identity.preferences-changed' AND aggregate_id = $1`,
      [person.user.id],
    );
    expect(seen).toHaveLength(ids.length);
    expect(new Set(seen)).toEqual(new Set(ids.map((r) => r.id)));
    // The person still has exactly one digest planned, whatever the number of events about them.
    const pending = await api.db.query(
      `SELECT 1 FROM scheduled_notifications WHERE user_id = $1 AND kind = 'digest' AND status = 'pending'`,
      [person.user.id],
    );
    expect(pending).toHaveLength(1);
  });

  it('turns each due schedule row into exactly one ledger row, however many releasers race', async () => {
    api.clock.set('2026-06-01T00:00:00Z');
    const people = await Promise.all([1, 2, 3].map(() => api.make.user()));
    await api.db.query(
      `INSERT INTO scheduled_notifications (dedupe_key, kind, user_id, due_at, payload)
       SELECT 'test:' || p.id || ':' || n, 'digest', p.id, $2::timestamptz - make_interval(mins => n),
              jsonb_build_object('frequency', 'daily', 'localDate', '2026-05-31', 'since', '2026-05-30T00:00:00Z')
         FROM unnest($1::uuid[]) AS p(id), generate_series(1, 400) AS n`,
      [people.map((p) => p.user.id), '2026-06-01T00:00:00Z'],
    );

    await Promise.all(
      workers.flatMap((w) => [
        w.app.get(NotificationReleaser).releaseDue(),
        w.app.get(NotificationReleaser).releaseDue(),
      ]),
    );

    const [counts] = await api.db.query<[{ released: number; pending: number; deliveries: number; distinct: number }]>(
      `SELECT count(*) FILTER (WHERE s.status = 'released')::int AS released,
              count(*) FILTER (WHERE s.status = 'pending')::int AS pending,
              count(d.id)::int AS deliveries,
              count(DISTINCT s.delivery_id)::int AS distinct
         FROM scheduled_notifications s
         LEFT JOIN email_deliveries d ON d.dedupe_key = s.dedupe_key
        WHERE s.dedupe_key LIKE 'test:%'`,
    );
    expect(counts).toEqual({ released: 1200, pending: 0, deliveries: 1200, distinct: 1200 });
  });

  it('re-plans at the new hour even when the change is relayed while that digest is being released', async () => {
    api.clock.set('2026-07-01T05:00:00Z');
    const people = await Promise.all(Array.from({ length: 40 }, () => api.make.user({ timeZone: 'UTC' })));
    await workers[0]!.app.get(DigestPlanner).planMissing();
    api.clock.set('2026-07-01T08:00:30Z');
    for (const person of people) {
      const res = await signedIn(api, person).patch('/users/me', { notifications: { digestHour: 9 } });
      expect(res.status).toBe(200);
    }

    await Promise.all([
      workers[0]!.app.get(NotificationReleaser).releaseDue(),
      workers[1]!.app.get(OutboxRelay).relay(),
    ]);
    await workers[0]!.app.get(NotificationReleaser).releaseDue();

    const rows = await api.db.query<{ user_id: string; status: string; local_date: string; hour: number }[]>(
      `SELECT user_id, status, payload->>'localDate' AS local_date, extract(hour FROM due_at AT TIME ZONE 'UTC')::int AS hour
         FROM scheduled_notifications
        WHERE kind = 'digest' AND status <> 'cancelled' AND user_id = ANY($1::uuid[])`,
      [people.map((p) => p.user.id)],
    );
    for (const person of people) {
      const mine = rows.filter((r) => r.user_id === person.user.id);
      const pending = mine.filter((r) => r.status === 'pending');
      // Either today's 08:00 went out and tomorrow's comes at 09:00, or today's moved to 09:00: never both today.
      expect(pending).toHaveLength(1);
      expect(pending[0]!.hour).toBe(9);
      expect(new Set(mine.map((r) => r.local_date)).size).toBe(mine.length);
    }
  });
});
