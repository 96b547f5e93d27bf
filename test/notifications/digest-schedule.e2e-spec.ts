import { addLocalDays, JobQueue, localParts, QueueName } from '@app/core';
import type { SmtpSink } from '@app/core/testing';
import { EmailDispatcher, WAKE_MARGIN_MS } from '@app/mail';
import { DigestPlanner, NotificationReleaser, OutboxRelay } from '@app/notifications';
import { signedIn, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';
import type { TestWorker } from '../support/worker-app';
import { useMailingStack } from '../support/mailing-stack';
import { waitForLedgerStatus } from '../support/ledger-status';

const PUBLIC_URL = 'https://learn.example.org';

interface DigestRow {
  dedupe_key: string;
  due_at: Date;
  status: string;
  payload: { localDate: string; since: string };
}

describe('digests at each person’s local hour (API + worker + SMTP, injected clock)', () => {
  let sink: SmtpSink;
  let api: TestApi;
  let worker: TestWorker;
  useMailingStack({ PUBLIC_URL }, (stack) => ({ sink, api, worker } = stack));

  const planner = () => worker.app.get(DigestPlanner);
  const releaser = () => worker.app.get(NotificationReleaser);
  const digestRows = (user: MadeUser, status?: string) =>
    api.db.query<DigestRow[]>(
      `SELECT dedupe_key, due_at, status, payload FROM scheduled_notifications
        WHERE user_id = $1 AND kind = 'digest' ${status ? 'AND status = $2' : ''} ORDER BY due_at`,
      status ? [user.user.id, status] : [user.user.id],
    );

  it('reaches a learner in La Paz and one in Kathmandu at 08:00 their time, with what happened, once', async () => {
    api.clock.set('2026-03-02T00:00:00Z');
    const facilitator = await api.make.user({ displayName: 'Fatou Diop', timeZone: 'Africa/Dakar' });
    const laPaz = await api.make.user({ displayName: 'Ana', timeZone: 'America/La_Paz', locale: 'es' });
    const kathmandu = await api.make.user({ displayName: 'Nima', timeZone: 'Asia/Kathmandu' });
    const { cohort } = await api.make.cohort(facilitator, { title: 'Biogas, spring cohort' });
    for (const learner of [laPaz, kathmandu]) await api.make.enrollment(cohort, learner);
    await planner().planMissing();

    const [kt] = await digestRows(kathmandu, 'pending');
    const [lp] = await digestRows(laPaz, 'pending');
    expect(kt).toMatchObject({ dedupe_key: `digest:daily:${kathmandu.user.id}:2026-03-02` });
    expect(kt!.due_at).toEqual(new Date('2026-03-02T02:15:00Z'));
    expect(lp!.due_at).toEqual(new Date('2026-03-02T12:00:00Z'));

    api.clock.set('2026-03-02T00:30:00Z');
    const thread = await signedIn(api, facilitator).post(`/cohorts/${cohort.id}/threads`, {
      title: 'Where do you get your tubes?',
      body: 'Tell us **your supplier**.',
    });
    expect(thread.status).toBe(201);
    await signedIn(api, kathmandu).post(`/cohorts/${cohort.id}/threads`, {
      title: 'Nima says hi',
      body: 'My own post is not news to me.',
    });

    api.clock.set('2026-03-02T02:16:00Z');
    await releaser().releaseDue();
    const [toNima] = await sink.waitFor((m) => m.to.includes(kathmandu.user.email!));
    expect(toNima!.subject).toContain('Your Commonplace digest');
    expect(toNima!.text).toContain('Where do you get your tubes?');
    expect(toNima!.text).toContain('Fatou Diop wrote: Tell us your supplier.');
    expect(toNima!.text).toContain('Asia/Kathmandu');
    expect(toNima!.text).not.toContain('Nima says hi');
    expect(sink.to(laPaz.user.email!)).toHaveLength(0);

    api.clock.set('2026-03-02T12:01:00Z');
    await releaser().releaseDue();
    const [toAna] = await sink.waitFor((m) => m.to.includes(laPaz.user.email!));
    expect(toAna!.subject).toContain('Tu resumen de Commonplace');
    expect(toAna!.text).toContain('Nima says hi');
    expect(toAna!.text).toContain('America/La_Paz');

    // Each release planned the next local day, at the same local hour, covering news from then on.
    const [nextKt] = await digestRows(kathmandu, 'pending');
    expect(nextKt).toMatchObject({ dedupe_key: `digest:daily:${kathmandu.user.id}:2026-03-03` });
    expect(nextKt!.due_at).toEqual(new Date('2026-03-03T02:15:00Z'));
    expect(nextKt!.payload.since).toBe('2026-03-02T02:15:00.000Z');

    // No news, no email: the next day's digest has nothing in it and is not sent.
    api.clock.set('2026-03-03T02:16:00Z');
    await releaser().releaseDue();
    await waitForLedgerStatus(api.db, `digest:daily:${kathmandu.user.id}:2026-03-03`, 'skipped');
    expect(sink.to(kathmandu.user.email!)).toHaveLength(1);
    expect(sink.to(laPaz.user.email!)).toHaveLength(1);
  });

  it.each([
    // Springs forward on 8 March; the walk ends at 08:00 EDT on 11 March (12:00Z), which is released too.
    ['America/New_York', '2026-03-05T12:00:00Z', '2026-03-05', '2026-03-11'],
    // Falls back on 25 October.
    ['Europe/Berlin', '2026-10-22T12:00:00Z', '2026-10-23', '2026-10-28'],
    // Moves back by 30 minutes on 5 April; the walk starts at 23:00 local on 2 April.
    ['Australia/Lord_Howe', '2026-04-02T12:00:00Z', '2026-04-03', '2026-04-08'],
  ])(
    'keeps 08:00 in %s across its DST change: one digest each local day, none skipped',
    async (zone, start, first, last) => {
      api.clock.set(start);
      const person = await api.make.user({ timeZone: zone });
      await planner().planMissing();
      // Walk the clock hour by hour over six days, releasing as the worker's tick would.
      for (let hour = 0; hour < 6 * 24; hour++) {
        api.clock.advance(3600_000);
        await releaser().releaseDue();
      }
      const released = await digestRows(person, 'released');
      // Every local day of the walk, once each, in order: none skipped, none doubled.
      const expectedDays = [first];
      while (expectedDays[expectedDays.length - 1]! < last)
        expectedDays.push(addLocalDays(expectedDays[expectedDays.length - 1]!, 1));
      expect(released.map((r) => r.payload.localDate)).toEqual(expectedDays);
      for (const row of released)
        expect(localParts(row.due_at, zone)).toMatchObject({ date: row.payload.localDate, time: '08:00' });
      // And the walk leaves exactly one digest waiting: the next local day's.
      const pending = await digestRows(person, 'pending');
      expect(pending.map((r) => r.payload.localDate)).toEqual([addLocalDays(last, 1)]);
    },
  );

  it('releases a digest ten minutes before its hour, holds it until the hour, then sends what happened until then', async () => {
    api.clock.set('2026-05-04T00:00:00Z');
    const facilitator = await api.make.user({ displayName: 'Fatou Diop', timeZone: 'Africa/Dakar' });
    // 08:00 in Paris is 06:00Z.
    const keeps = await api.make.user({ timeZone: 'Europe/Paris' });
    const turnsOff = await api.make.user({ timeZone: 'Europe/Paris' });
    const { cohort } = await api.make.cohort(facilitator, { title: 'Biogas, spring cohort' });
    for (const learner of [keeps, turnsOff]) await api.make.enrollment(cohort, learner);
    await planner().planMissing();
    const keyOf = (person: MadeUser) => `digest:daily:${person.user.id}:2026-05-04`;
    const delivery = async (person: MadeUser) =>
      (
        await api.db.query<{ id: string; status: string; next_attempt_at: Date }[]>(
          'SELECT id, status, next_attempt_at FROM email_deliveries WHERE dedupe_key = $1',
          [keyOf(person)],
        )
      )[0];
    api.clock.set('2026-05-04T01:00:00Z');
    await signedIn(api, facilitator).post(`/cohorts/${cohort.id}/threads`, { title: 'Early news', body: 'Hello.' });

    api.clock.set('2026-05-04T05:49:59Z');
    await releaser().releaseDue();
    expect(await delivery(keeps)).toBeUndefined();

    api.clock.set('2026-05-04T05:52:00Z');
    await releaser().releaseDue();
    const held = await delivery(keeps);
    expect(held).toMatchObject({ status: 'pending', next_attempt_at: new Date('2026-05-04T06:00:00Z') });
    // Its batch job waits in Redis until the hour (plus a margin), not a moment less.
    const delayed = await worker.app.get(JobQueue).queue(QueueName.Email).getDelayed();
    const job = delayed.find((j) => (j.data as { deliveryIds: string[] }).deliveryIds.includes(held!.id));
    expect(job?.opts.delay).toBe(8 * 60_000 + WAKE_MARGIN_MS);
    // Whatever job runs early sends nothing.
    expect(await worker.app.get(EmailDispatcher).dispatch(held!.id)).toMatchObject({ outcome: 'waiting' });

    // After the release: news still counts until the hour; a new digest hour applies from tomorrow; digests
    // turned off stop the one released.
    api.clock.set('2026-05-04T05:55:00Z');
    await signedIn(api, facilitator).post(`/cohorts/${cohort.id}/threads`, { title: 'Late news', body: 'Hi.' });
    await signedIn(api, keeps).patch('/users/me', { notifications: { digestHour: 9 } });
    await signedIn(api, turnsOff).patch('/users/me', { notifications: { digest: 'off' } });
    await worker.app.get(OutboxRelay).relay();

    api.clock.set('2026-05-04T06:00:01Z');
    for (const person of [keeps, turnsOff])
      await worker.app.get(EmailDispatcher).dispatch((await delivery(person))!.id);
    const [digest] = await sink.waitFor((m) => m.to.includes(keeps.user.email!));
    expect(digest!.text).toContain('Early news');
    expect(digest!.text).toContain('Late news');
    expect(await delivery(turnsOff)).toMatchObject({ status: 'skipped' });
    expect(sink.to(turnsOff.user.email!)).toHaveLength(0);
    const [tomorrow] = await digestRows(keeps, 'pending');
    expect(tomorrow).toMatchObject({ due_at: new Date('2026-05-05T07:00:00Z'), payload: { localDate: '2026-05-05' } });
  });

  it('re-plans a person’s digest when they move to another zone or hour', async () => {
    api.clock.set('2026-05-04T00:00:00Z');
    const person = await api.make.user({ timeZone: 'Europe/Berlin' });
    await planner().planMissing();
    const [before] = await digestRows(person, 'pending');
    expect(before!.due_at).toEqual(new Date('2026-05-04T06:00:00Z'));

    const moved = await signedIn(api, person).patch('/users/me', {
      timeZone: 'America/La_Paz',
      notifications: { digestHour: 7 },
    });
    expect(moved.status).toBe(200);
    await worker.app.get(OutboxRelay).relay();

    const pending = await digestRows(person, 'pending');
    expect(pending).toHaveLength(1);
    expect(pending[0]!.due_at).toEqual(new Date('2026-05-04T11:00:00Z'));
    // The news window carries over: nothing between the two plans is lost.
    expect(pending[0]!.payload.since).toBe(before!.payload.since);
  });

  it('sends no second digest on a local day already served when someone moves west after theirs', async () => {
    api.clock.set('2026-03-02T00:00:00Z');
    const person = await api.make.user({ timeZone: 'Asia/Kathmandu' });
    await planner().planMissing();
    api.clock.set('2026-03-02T03:00:00Z');
    await releaser().releaseDue();
    // In La Paz it is still 1 March, 23:00: the 2 March digest at 08:00 there would be a second one for that date.
    await signedIn(api, person).patch('/users/me', { timeZone: 'America/La_Paz' });
    await worker.app.get(OutboxRelay).relay();
    const rows = await digestRows(person);
    expect(rows.filter((r) => r.status !== 'cancelled').map((r) => [r.status, r.payload.localDate, r.due_at])).toEqual([
      ['released', '2026-03-02', new Date('2026-03-02T02:15:00Z')],
      ['pending', '2026-03-03', new Date('2026-03-03T12:00:00Z')],
    ]);
  });

  it('stops planning digests for someone who turns them off', async () => {
    api.clock.set('2026-05-04T00:00:00Z');
    const person = await api.make.user();
    await planner().planMissing();
    expect(await digestRows(person, 'pending')).toHaveLength(1);
    await signedIn(api, person).patch('/users/me', { notifications: { digest: 'off' } });
    await worker.app.get(OutboxRelay).relay();
    expect(await digestRows(person, 'pending')).toHaveLength(0);
    await planner().planMissing();
    expect(await digestRows(person, 'pending')).toHaveLength(0);
  });

  it('plans a new account’s first digest from its registration, by the worker’s own ticks', async () => {
    api.clock.set('2026-03-02T00:00:00Z');
    const email = `nima-${Date.now()}@example.org`;
    const registered = await api.http().post('/api/v1/auth/register').send({
      email,
      password: 'a long enough password',
      displayName: 'Nima',
      timeZone: 'Asia/Kathmandu',
      locale: 'en',
    });
    expect(registered.status).toBe(201);
    const userId = (registered.body as { id: string }).id;
    // No manual relay: the worker relays every 2 s.
    const [row] = await waitForRows(
      `SELECT dedupe_key, due_at FROM scheduled_notifications WHERE user_id = $1 AND kind = 'digest' AND status = 'pending'`,
      [userId],
    );
    expect(row).toEqual({ dedupe_key: `digest:daily:${userId}:2026-03-02`, due_at: new Date('2026-03-02T02:15:00Z') });

    // Nor a manual release: once due, the tick (every 5 s) turns it into a ledger row with the same key.
    api.clock.set('2026-03-02T02:15:30Z');
    const [delivery] = await waitForRows<{ kind: string; payload: { dueAt: string; localDate: string } }>(
      `SELECT kind, payload FROM email_deliveries WHERE dedupe_key = $1`,
      [`digest:daily:${userId}:2026-03-02`],
    );
    expect(delivery).toMatchObject({
      kind: 'notifications.digest',
      payload: { dueAt: '2026-03-02T02:15:00.000Z', localDate: '2026-03-02' },
    });
  });

  it('records which preferences changed, in the same commit, and nothing when nothing changed', async () => {
    const person = await api.make.user({ timeZone: 'Europe/Paris', locale: 'fr' });
    const events = () =>
      api.db.query<{ payload: { fields: string[] } }[]>(
        `SELECT payload FROM outbox_events WHERE type = 'identity.preferences-changed' AND aggregate_id = $1 ORDER BY id`,
        [person.user.id],
      );
    await signedIn(api, person).patch('/users/me', { locale: 'fr', timeZone: 'Europe/Paris', bio: 'Hello' });
    expect(await events()).toHaveLength(0);
    await signedIn(api, person).patch('/users/me', {
      locale: 'es',
      notifications: { digestHour: 8, digestWeekday: 3, quietHours: { start: '22:00', end: '07:00' } },
    });
    expect((await events()).map((e) => e.payload.fields.sort())).toEqual([
      ['digestWeekday', 'locale', 'quietEndMinute', 'quietStartMinute'],
    ]);
  });

  it('holds a digest due in someone’s quiet hours until they end, in their zone', async () => {
    api.clock.set('2026-05-04T00:00:00Z');
    const person = await api.make.user({ timeZone: 'America/La_Paz' });
    await signedIn(api, person).patch('/users/me', { notifications: { quietHours: { start: '21:00', end: '09:30' } } });
    await worker.app.get(OutboxRelay).relay();
    const [row] = await digestRows(person, 'pending');
    expect(row!.due_at).toEqual(new Date('2026-05-04T12:00:00Z'));

    api.clock.set('2026-05-04T12:00:05Z');
    await releaser().releaseDue();
    const [delivery] = await api.db.query<{ next_attempt_at: Date }[]>(
      'SELECT next_attempt_at FROM email_deliveries WHERE dedupe_key = $1',
      [row!.dedupe_key],
    );
    expect(localParts(delivery!.next_attempt_at, 'America/La_Paz')).toMatchObject({
      date: '2026-05-04',
      time: '09:30',
    });
    // 09:30 in La Paz is 13:30Z.
    expect(delivery!.next_attempt_at).toEqual(new Date('2026-05-04T13:30:00Z'));
  });

  it('sends no last digest to someone who just turned digests off, relayed or not yet', async () => {
    api.clock.set('2026-05-04T00:00:00Z');
    const person = await api.make.user({ timeZone: 'Europe/Paris' });
    await planner().planMissing();
    const [row] = await digestRows(person, 'pending');
    await signedIn(api, person).patch('/users/me', { notifications: { digest: 'off' } });
    api.clock.set('2026-05-04T06:05:00Z');
    await releaser().releaseDue();
    expect(await digestRows(person, 'pending')).toHaveLength(0);
    const ledger = await api.db.query('SELECT 1 FROM email_deliveries WHERE dedupe_key = $1', [row!.dedupe_key]);
    expect(ledger).toHaveLength(0);
  });

  it('cancels everything pending for a deleted account, and never releases to it', async () => {
    api.clock.set('2026-05-04T00:00:00Z');
    const person = await api.make.user({ timeZone: 'Africa/Kigali' });
    await planner().planMissing();
    await api.db.query(
      `INSERT INTO scheduled_notifications (dedupe_key, kind, user_id, due_at)
       VALUES ('rem:module:test:' || $1, 'module-due-reminder', $1::uuid, '2026-05-04T03:00:00Z')`,
      [person.user.id],
    );
    const deleted = await signedIn(api, person).delete(`/users/${person.user.id}`, { password: person.password });
    expect(deleted.status).toBe(204);

    // Even before the relay gets to the deletion, the releaser sends nothing to an erased account.
    api.clock.set('2026-05-04T06:30:00Z');
    await releaser().releaseDue();
    await worker.app.get(OutboxRelay).relay();
    const rows = await api.db.query<{ status: string }[]>(
      `SELECT status FROM scheduled_notifications WHERE user_id = $1`,
      [person.user.id],
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => r.status === 'cancelled')).toBe(true);
    const ledger = await api.db.query(
      `SELECT 1 FROM email_deliveries WHERE user_id = $1 AND kind LIKE 'notifications.%'`,
      [person.user.id],
    );
    expect(ledger).toHaveLength(0);
  });

  async function waitForRows<T = Record<string, unknown>>(sql: string, params: unknown[]): Promise<T[]> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const rows = await api.db.query<T[]>(sql, params);
      if (rows.length > 0 || Date.now() > deadline) return rows;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
});
