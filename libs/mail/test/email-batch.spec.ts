import { countStatements } from '@app/core/testing';
import { DeliveryStatus, EmailDispatcher } from '@app/mail';
import { startMailTestApp, type MailTestApp } from './support/mail-test-app';

describe('EmailDispatcher.dispatchMany: a batch (PostgreSQL ledger, SMTP server)', () => {
  let t: MailTestApp;
  let dispatcher: EmailDispatcher;

  beforeAll(async () => {
    // A provider that keeps up, as in production: the statements then depend on rows, not on a slow server.
    t = await startMailTestApp({ settings: { MAIL_RATE_PER_SECOND: '10000', SMTP_POOL_SIZE: '20' } });
    dispatcher = t.app.get(EmailDispatcher);
  });
  afterEach(() => t.sink.failWith(null));
  afterAll(() => t.close());

  const request = async (prefix: string, count: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(await t.requestGreeting(`${prefix}${i}@example.org`));
    return ids;
  };

  it('sends every row of a batch once, in a few statements whatever its size', async () => {
    const small = await request('small', 5);
    const large = await request('large', 100);

    const smallCount = countStatements(t.db);
    await dispatcher.dispatchMany(small);
    smallCount.stop();
    const largeCount = countStatements(t.db);
    const started = Date.now();
    const results = await dispatcher.dispatchMany(large);
    const elapsedMs = Date.now() - started;
    largeCount.stop();

    expect([...results.values()].every((r) => r.outcome === 'sent')).toBe(true);
    await t.sink.waitFor((m) => m.to.some((to) => to.startsWith('large99@')));
    for (let i = 0; i < 100; i++) expect(t.sink.to(`large${i}@example.org`)).toHaveLength(1);
    const rows = await t.db.query<{ status: string }[]>(
      'SELECT status FROM email_deliveries WHERE id = ANY($1::uuid[])',
      [large],
    );
    expect(rows.map((r) => r.status)).toEqual(Array(100).fill(DeliveryStatus.Sent));
    const kinds = (statements: string[]) => ({
      claims: statements.filter((s) => s.includes("SET status = 'sending'")).length,
      gates: statements.filter((s) => s.includes('FROM email_suppressions')).length,
      outcomes: statements.filter((s) => s.includes('SET status = o.status')).length,
      other: statements.filter((s) => !/SET status = 'sending'|FROM email_suppressions|SET status = o.status/.test(s))
        .length,
    });
    // One claim and one query per gate for 5 rows as for 100; outcomes are written together as they come, at most
    // one statement per 20 ms (a statement per email would be 100 in a few hundred ms).
    expect(kinds(largeCount.statements)).toMatchObject({ claims: 1, gates: 1, other: 0 });
    expect(kinds(smallCount.statements)).toMatchObject({ claims: 1, gates: 1, other: 0 });
    expect(kinds(largeCount.statements).outcomes).toBeLessThanOrEqual(Math.ceil(elapsedMs / 20) + 1);
  });

  it('sends each row once when overlapping batches run at the same time', async () => {
    const ids = await request('overlap', 30);

    const runs = await Promise.all([
      dispatcher.dispatchMany(ids.slice(0, 20)),
      dispatcher.dispatchMany(ids.slice(10, 30)),
      dispatcher.dispatchMany([...ids].reverse()),
    ]);

    const sent = runs.flatMap((run) => [...run].filter(([, r]) => r.outcome === 'sent').map(([id]) => id));
    expect(sent.sort()).toEqual([...ids].sort());
    await t.sink.waitFor((m) => m.to.some((to) => to.startsWith('overlap29@')));
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let i = 0; i < 30; i++) expect(t.sink.to(`overlap${i}@example.org`)).toHaveLength(1);
  });

  it('ends each row of a mixed batch its own way: sent, skipped, failed, or waiting for its instant', async () => {
    const sent = await t.requestGreeting('mix-sent@example.org');
    const unwanted = await t.requestGreeting('mix-skip@example.org', { payload: { skip: true } });
    const unknown = await t.requestGreeting('mix-kind@example.org', { kind: 'groups.no-such-email' });
    const notBefore = new Date(t.clock.now().getTime() + 3600_000);
    const later = await t.requestGreeting('mix-later@example.org', { notBefore });
    const missing = '00000000-0000-4000-8000-000000000000';

    const results = await dispatcher.dispatchMany([sent, unwanted, unknown, later, missing, sent]);

    expect(Object.fromEntries(results)).toEqual({
      [sent]: { outcome: 'sent', attempts: 1 },
      [unwanted]: { outcome: 'skipped', attempts: 1 },
      [unknown]: { outcome: 'failed', attempts: 1, reason: 'unknown-kind' },
      [later]: { outcome: 'waiting', attempts: 0, until: notBefore },
      [missing]: { outcome: 'done' },
    });
    expect(await t.row(unwanted)).toMatchObject({ status: DeliveryStatus.Skipped });
    expect(await t.row(unknown)).toMatchObject({ status: DeliveryStatus.Failed });
    expect(await t.row(later)).toMatchObject({ status: DeliveryStatus.Pending, attempts: 0 });
    await t.sink.waitFor((m) => m.to.includes('mix-sent@example.org'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(t.sink.received.filter((m) => m.to.some((to) => to.startsWith('mix-'))).map((m) => m.to)).toEqual([
      ['mix-sent@example.org'],
    ]);
  });

  it('retries only the rows the server turned away for now', async () => {
    const ids = await request('busy', 4);
    t.sink.failWith(421, 'Busy', (mail) => mail.to.includes('busy2@example.org'));

    const results = await dispatcher.dispatchMany(ids);

    expect(ids.map((id) => results.get(id)?.outcome)).toEqual(['sent', 'sent', 'retry', 'sent']);
    expect(await t.row(ids[2]!)).toMatchObject({ status: DeliveryStatus.Pending, attempts: 1 });
  });
});
