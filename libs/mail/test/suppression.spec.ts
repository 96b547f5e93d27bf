import { randomUUID } from 'node:crypto';
import { PersonalDataRegistry } from '@app/core';
import {
  DeliveryGates,
  DeliveryStatus,
  EmailDispatcher,
  EmailLedger,
  EmailSuppression,
  HARD_BOUNCES_TO_SUPPRESS,
  SUPPRESSED_RESPONSE,
} from '@app/mail';
import { GREETING_KIND } from './support/test-composers';
import { startMailTestApp, type MailTestApp } from './support/mail-test-app';

describe('hard-bounce suppression and delivery gates (PostgreSQL ledger, SMTP server)', () => {
  let t: MailTestApp;
  let dispatcher: EmailDispatcher;

  beforeAll(async () => {
    t = await startMailTestApp();
    dispatcher = t.app.get(EmailDispatcher);
    // A gate as a domain registers one: this test's "category off" is a payload flag.
    t.app
      .get(DeliveryGates)
      .register((deliveries) =>
        Promise.resolve(new Map(deliveries.filter((d) => d.payload.optedOut).map((d) => [d.id, 'opted out']))),
      );
  });
  afterEach(() => t.sink.failWith(null));
  afterAll(() => t.close());

  const suppression = (address: string): Promise<EmailSuppression | null> =>
    t.db.getRepository(EmailSuppression).findOneBy({ address });
  const pause = (ms = 200): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  it('suppresses an address after three 550s: the fourth email is skipped without contacting the server', async () => {
    t.sink.failWith(550, '5.1.1 No such user here');
    // The count is per address, whatever its case.
    for (const [n, to] of ['gil@example.org', 'Gil@Example.org', 'GIL@example.org'].entries()) {
      const id = await t.requestGreeting(to);
      expect(await dispatcher.dispatch(id)).toEqual({ outcome: 'failed', attempts: 1, reason: 'permanent' });
      expect(await suppression('gil@example.org')).toMatchObject({
        hardBounces: n + 1,
        suppressedAt: n + 1 >= HARD_BOUNCES_TO_SUPPRESS ? t.clock.now() : null,
        lastResponse: expect.stringContaining('550') as unknown,
      });
    }
    expect(HARD_BOUNCES_TO_SUPPRESS).toBe(3);

    // The server would accept it now, but we never ask.
    t.sink.failWith(null);
    const fourth = await t.requestGreeting('gil@example.org');
    expect(await dispatcher.dispatch(fourth)).toEqual({ outcome: 'skipped', attempts: 1 });
    expect(await t.row(fourth)).toMatchObject({
      status: DeliveryStatus.Skipped,
      lastResponse: SUPPRESSED_RESPONSE,
      sentAt: null,
    });
    await pause();
    expect(t.sink.to('gil@example.org')).toHaveLength(0);

    // Other addresses are unaffected.
    const other = await t.requestGreeting('hal@example.org');
    expect(await dispatcher.dispatch(other)).toEqual({ outcome: 'sent', attempts: 1 });
    await t.sink.waitFor((m) => m.to.includes('hal@example.org'));
  });

  it('fails a 550 row for good (no retry) and counts it once, even if dispatched again', async () => {
    t.sink.failWith(550, 'No such user here');
    const id = await t.requestGreeting('ida@example.org');

    await dispatcher.dispatch(id);
    t.sink.failWith(null);
    t.clock.advance(24 * 3600_000);
    expect(await dispatcher.dispatch(id)).toEqual({ outcome: 'done' });

    expect(await t.row(id)).toMatchObject({ status: DeliveryStatus.Failed, attempts: 1 });
    expect(await suppression('ida@example.org')).toMatchObject({ hardBounces: 1, suppressedAt: null });
    await pause();
    expect(t.sink.to('ida@example.org')).toHaveLength(0);
  });

  it('does not count 4xx answers, and a success in between does not reset the count', async () => {
    t.sink.failWith(421, 'Try again later');
    const soft = await t.requestGreeting('jo@example.org');
    expect(await dispatcher.dispatch(soft)).toMatchObject({ outcome: 'retry' });
    expect(await suppression('jo@example.org')).toBeNull();

    const bounce = async (): Promise<void> => {
      t.sink.failWith(550, 'Mailbox disabled');
      await dispatcher.dispatch(await t.requestGreeting('jo@example.org'));
    };
    await bounce();
    await bounce();
    t.sink.failWith(null);
    expect(await dispatcher.dispatch(await t.requestGreeting('jo@example.org'))).toMatchObject({ outcome: 'sent' });
    expect(await suppression('jo@example.org')).toMatchObject({ hardBounces: 2, suppressedAt: null });
    await bounce();

    expect(await suppression('jo@example.org')).toMatchObject({ hardBounces: 3, suppressedAt: t.clock.now() });
  });

  it('skips a row a registered gate refuses, with the gate’s reason, before composing or sending', async () => {
    const id = await t.requestGreeting('kim@example.org', { payload: { optedOut: true } });

    expect(await dispatcher.dispatch(id)).toEqual({ outcome: 'skipped', attempts: 1 });

    expect(await t.row(id)).toMatchObject({ status: DeliveryStatus.Skipped, lastResponse: 'opted out' });
    await pause();
    expect(t.sink.to('kim@example.org')).toHaveLength(0);
  });

  it('forgets the suppressions of the addresses a person was written to when their data is erased', async () => {
    const userId = randomUUID();
    const ledger = t.app.get(EmailLedger);
    t.sink.failWith(550, 'No such user here');
    for (let n = 0; n < 3; n++) {
      const { id } = await t.db.transaction((manager) =>
        ledger.request(manager, {
          kind: GREETING_KIND,
          dedupeKey: `greeting:lee:${n}`,
          userId,
          to: 'Lee@example.org',
          locale: 'en',
        }),
      );
      await dispatcher.dispatch(id);
    }
    await t.db.getRepository(EmailSuppression).insert({ address: 'someone-else@example.org', hardBounces: 3 });
    expect(await suppression('lee@example.org')).toMatchObject({ hardBounces: 3 });

    const emails = t.app
      .get(PersonalDataRegistry)
      .all()
      .find((c) => c.section === 'emails')!;
    await t.db.transaction((manager) => emails.erase(manager, userId));

    expect(await suppression('lee@example.org')).toBeNull();
    expect(await suppression('someone-else@example.org')).not.toBeNull();
  });
});
