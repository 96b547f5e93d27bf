import { PassThrough } from 'node:stream';
import { OutboxHandlerRegistry, type RelayedEvent } from '@app/core';
import { OUTBOX_MAX_ATTEMPTS, outboxRetryDelayMs, OutboxRelay } from '@app/notifications';
import { startTestApi, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';
import { IdentityEvent } from '@app/identity';

interface OutboxState {
  id: string;
  published_at: Date | null;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date | null;
  quarantined_at: Date | null;
}

const isPoison = (event: RelayedEvent): boolean =>
  (event.payload as { fields?: string[] }).fields?.includes('poison') ?? false;

/**
 * A handler that keeps throwing on one event must not hold up the others: they are handled once and published,
 * the failing one is retried after a back-off and quarantined after a few attempts, and the relay goes on.
 */
describe('outbox relay with an event its handler cannot handle', () => {
  let api: TestApi;
  let person: MadeUser;
  const logLines: string[] = [];

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    api = await startTestApi({ LOG_LEVEL: 'info' }, { logStream: stream });
    person = await api.make.user({ email: 'poison.person@example.org', displayName: 'Pat Poison' });
    // What the witness handler did, written in the relay's transaction: rolled back with it, or committed once.
    await api.db.query('CREATE TABLE relay_witness (event_id bigint NOT NULL)');
    api.app.get(OutboxHandlerRegistry).register({
      name: 'witness',
      handles: [IdentityEvent.UserPreferencesChanged],
      async handle(manager, events) {
        await manager.query('INSERT INTO relay_witness (event_id) SELECT unnest($1::bigint[])', [
          events.map((e) => e.id),
        ]);
        if (events.some(isPoison)) throw new Error('witness cannot handle this event');
      },
    });
  });
  afterAll(() => api.close());

  const relay = () => api.app.get(OutboxRelay).relay();
  const insertEvents = (count: number, poisonAt: number | null = null) =>
    api.db.query<{ id: string }[]>(
      `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, occurred_at)
       SELECT 'identity.preferences-changed', 'user', $1::uuid,
              jsonb_build_object('userId', $1::text,
                                 'fields', CASE WHEN i = $3 THEN '["poison"]'::jsonb ELSE '[]'::jsonb END),
              $4
         FROM generate_series(1, $2) AS i
       RETURNING id`,
      [person.user.id, count, poisonAt, api.clock.now()],
    );
  const stateOf = async (id: string): Promise<OutboxState> => {
    const [row] = await api.db.query<OutboxState[]>(
      `SELECT id, published_at, attempts, last_error, next_attempt_at, quarantined_at FROM outbox_events WHERE id = $1`,
      [id],
    );
    return row!;
  };
  const witnessed = async (ids: string[]): Promise<Map<string, number>> => {
    const rows = await api.db.query<{ event_id: string; times: number }[]>(
      `SELECT event_id, count(*)::int AS times FROM relay_witness WHERE event_id = ANY($1::bigint[]) GROUP BY event_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.event_id, r.times]));
  };

  it('handles the good events once, retries the bad one with back-off, then quarantines it and goes on', async () => {
    api.clock.set('2026-05-04T10:00:00Z');
    // 1,200 events over three batches of 500; the 137th cannot be handled.
    const inserted = await insertEvents(1200, 137);
    const ids = inserted.map((r) => r.id);
    const poison = ids[136]!;
    const good = ids.filter((id) => id !== poison);

    // Two relays at once, as two workers would (SKIP LOCKED gives them disjoint batches).
    const runs = await Promise.all([relay(), relay()]);
    expect(runs.reduce((n, r) => n + r.events, 0)).toBe(1200);
    expect(runs.reduce((n, r) => n + r.retrying, 0)).toBe(1);

    const seen = await witnessed(ids);
    expect(seen.get(poison)).toBeUndefined();
    expect(good.filter((id) => seen.get(id) !== 1)).toEqual([]);
    const [{ unpublished }] = await api.db.query<[{ unpublished: number }]>(
      `SELECT count(*)::int AS unpublished FROM outbox_events WHERE published_at IS NULL AND id = ANY($1::bigint[])`,
      [ids],
    );
    expect(unpublished).toBe(1);
    // The real handlers' effects committed too: the person has their one digest planned.
    const digests = await api.db.query(
      `SELECT 1 FROM scheduled_notifications WHERE user_id = $1 AND kind = 'digest' AND status = 'pending'`,
      [person.user.id],
    );
    expect(digests).toHaveLength(1);

    expect(await stateOf(poison)).toEqual({
      id: poison,
      published_at: null,
      attempts: 1,
      last_error: 'witness: witness cannot handle this event',
      next_attempt_at: new Date(api.clock.now().getTime() + outboxRetryDelayMs(1)),
      quarantined_at: null,
    });

    // Not due again before its back-off has passed.
    expect((await relay()).events).toBe(0);
    expect((await stateOf(poison)).attempts).toBe(1);

    for (let attempt = 2; attempt <= OUTBOX_MAX_ATTEMPTS; attempt++) {
      api.clock.advance(outboxRetryDelayMs(attempt - 1));
      const run = await relay();
      expect(run).toMatchObject({ events: 1, retrying: attempt < OUTBOX_MAX_ATTEMPTS ? 1 : 0 });
      expect((await stateOf(poison)).attempts).toBe(attempt);
    }
    const quarantined = await stateOf(poison);
    expect(quarantined).toMatchObject({
      published_at: null,
      attempts: OUTBOX_MAX_ATTEMPTS,
      next_attempt_at: null,
      quarantined_at: api.clock.now(),
      last_error: 'witness: witness cannot handle this event',
    });

    // Never retried automatically, however long we wait; the relay goes on with new events.
    api.clock.advance(7 * 24 * 3600_000);
    const later = (await insertEvents(30)).map((r) => r.id);
    expect(await relay()).toMatchObject({ events: 30, retrying: 0, quarantined: 0 });
    expect((await stateOf(poison)).attempts).toBe(OUTBOX_MAX_ATTEMPTS);
    const seenLater = await witnessed([...later, poison]);
    expect(later.filter((id) => seenLater.get(id) !== 1)).toEqual([]);
    expect(seenLater.get(poison)).toBeUndefined();

    // Operators see it in the metrics, apart from the backlog (which is empty again).
    const admin = await api.make.admin();
    const metrics = await api.http().get('/metrics').set('Authorization', admin.auth);
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/^commonplace_outbox_quarantined_events 1$/m);
    expect(metrics.text).toMatch(/^commonplace_outbox_unpublished_events 0$/m);

    // And in the logs: the event, its type, the handler and the count; nothing about the person.
    const entries = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const failures = entries.filter((e) => e.eventId === poison);
    expect(failures.map((e) => [e.level, e.attempts])).toEqual([
      [40, 1],
      [40, 2],
      [40, 3],
      [40, 4],
      [50, 5],
    ]);
    expect(failures[4]).toMatchObject({ eventType: 'identity.preferences-changed', handler: 'witness' });
    expect(failures[4]!.msg).toContain('quarantined');
    const logged = logLines.join('\n');
    for (const personal of ['poison.person@example.org', 'Pat Poison', 'poison"']) {
      expect(logged).not.toContain(personal);
    }
  });
});
