import { localParts } from '@app/core';
import { SmtpSink } from '@app/core/testing';
import { DigestPlanner, NotificationReleaser, OutboxRelay } from '@app/notifications';
import { signedIn, startTestApi, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';
import { startTestWorker, type TestWorker } from '../support/worker-app';

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

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    api = await startTestApi({ SMTP_URL: sink.url, PUBLIC_URL });
    worker = await startTestWorker(api);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await sink.stop();
  });

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
    await expectLedgerStatus(`digest:daily:${kathmandu.user.id}:2026-03-03`, 'skipped');
    expect(sink.to(kathmandu.user.email!)).toHaveLength(1);
    expect(sink.to(laPaz.user.email!)).toHaveLength(1);
  });

  it.each([
    ['America/New_York', '2026-03-05T12:00:00Z'],
    ['Europe/Berlin', '2026-10-22T12:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-02T12:00:00Z'],
  ])('keeps 08:00 in %s across its DST change: one digest each local day, none skipped', async (zone, start) => {
    api.clock.set(start);
    const person = await api.make.user({ timeZone: zone });
    await planner().planMissing();
    // Walk the clock hour by hour over six days, releasing as the worker's tick would.
    for (let hour = 0; hour < 6 * 24; hour++) {
      api.clock.advance(3600_000);
      await releaser().releaseDue();
    }
    const released = await digestRows(person, 'released');
    expect(released.length).toBeGreaterThanOrEqual(5);
    const days = released.map((r) => r.payload.localDate);
    expect(new Set(days).size).toBe(days.length);
    for (let i = 1; i < days.length; i++) {
      const previous = new Date(`${days[i - 1]}T00:00:00Z`).getTime();
      expect(new Date(`${days[i]}T00:00:00Z`).getTime() - previous).toBe(24 * 3600_000);
    }
    for (const row of released)
      expect(localParts(row.due_at, zone)).toMatchObject({ date: row.payload.localDate, time: '08:00' });
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

  async function expectLedgerStatus(dedupeKey: string, status: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    let seen: string | undefined;
    while (Date.now() < deadline) {
      const rows = await api.db.query<{ status: string }[]>(
        'SELECT status FROM email_deliveries WHERE dedupe_key = $1',
        [dedupeKey],
      );
      seen = rows[0]?.status;
      if (seen === status) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`ledger row ${dedupeKey} is ${seen ?? 'missing'}, expected ${status}`);
  }
});
