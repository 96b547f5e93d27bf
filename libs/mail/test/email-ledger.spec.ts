import { DeliveryStatus, EmailDispatcher, EmailLedger, type EmailRequest } from '@app/mail';
import { startMailTestApp, type MailTestApp } from './support/mail-test-app';
import { GREETING_KIND } from './support/test-composers';

describe('EmailLedger.requestMany (PostgreSQL ledger)', () => {
  let t: MailTestApp;
  let ledger: EmailLedger;

  beforeAll(async () => {
    t = await startMailTestApp();
    ledger = t.app.get(EmailLedger);
  });
  afterAll(() => t.close());

  const greetings = (prefix: string, count: number): EmailRequest[] =>
    Array.from({ length: count }, (_, i) => ({
      kind: GREETING_KIND,
      dedupeKey: `${prefix}:${i}`,
      userId: null,
      to: `${prefix}-${i}@example.org`,
      locale: i % 2 === 0 ? 'en' : 'es',
      payload: { name: `Learner ${i}` },
    }));

  const rowsWithPrefix = (prefix: string) =>
    t.db.query<{ id: string; dedupe_key: string; to_address: string; locale: string; payload: object }[]>(
      `SELECT id, dedupe_key, to_address, locale, payload, status, next_attempt_at
         FROM email_deliveries WHERE dedupe_key LIKE $1 ORDER BY dedupe_key`,
      [`${prefix}:%`],
    );

  it('records every email of a large batch in a few statements, and returns the rows it created', async () => {
    const emails = greetings('bulk', 2500);
    const statements: string[] = [];
    const requested = await t.db.transaction(async (manager) => {
      const query = manager.query.bind(manager);
      manager.query = ((sql: string, parameters?: unknown[]) => {
        statements.push(sql);
        return query(sql, parameters);
      }) as typeof manager.query;
      return ledger.requestMany(manager, emails);
    });

    expect(statements.filter((sql) => sql.includes('INSERT INTO email_deliveries'))).toHaveLength(3);
    const ids = requested.map((email) => email.id);
    expect(new Set(ids).size).toBe(2500);
    expect(requested.every((email) => email.notBefore.getTime() === t.clock.now().getTime())).toBe(true);
    const rows = await rowsWithPrefix('bulk');
    expect(rows).toHaveLength(2500);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(ids));
    expect(rows.find((r) => r.dedupe_key === 'bulk:7')).toMatchObject({
      to_address: 'bulk-7@example.org',
      locale: 'es',
      payload: { name: 'Learner 7' },
      status: DeliveryStatus.Pending,
      next_attempt_at: t.clock.now(),
    });
  });

  it('skips dedupe keys that exist (also twice in one batch), creating only the new ones', async () => {
    const first = await t.db.transaction((manager) => ledger.requestMany(manager, greetings('again', 3)));
    expect(first).toHaveLength(3);

    const batch = [...greetings('again', 5), ...greetings('again', 5).slice(4)];
    const second = await t.db.transaction((manager) => ledger.requestMany(manager, batch));

    expect(second).toHaveLength(2);
    const rows = await rowsWithPrefix('again');
    expect(rows.map((r) => r.dedupe_key)).toEqual(['again:0', 'again:1', 'again:2', 'again:3', 'again:4']);
    const created = new Set(second.map((email) => email.id));
    expect(rows.filter((r) => created.has(r.id)).map((r) => r.dedupe_key)).toEqual(['again:3', 'again:4']);
  });

  it('writes nothing when the transaction rolls back, and nothing for an empty batch', async () => {
    await expect(
      t.db.transaction(async (manager) => {
        await ledger.requestMany(manager, greetings('rolled', 4));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await rowsWithPrefix('rolled')).toHaveLength(0);
    expect(await t.db.transaction((manager) => ledger.requestMany(manager, []))).toEqual([]);
  });

  it('records rows the dispatcher sends like any other', async () => {
    const requested = await t.db.transaction((manager) => ledger.requestMany(manager, greetings('sent', 2)));
    for (const { id } of requested)
      expect(await t.app.get(EmailDispatcher).dispatch(id)).toMatchObject({ outcome: 'sent' });
    const mails = await t.sink.waitFor((m) => m.to.some((to) => to.startsWith('sent-')), 2);
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['sent-0@example.org', 'sent-1@example.org']);
  });
});
