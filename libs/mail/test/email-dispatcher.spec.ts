import { createHash } from 'node:crypto';
import {
  DeliveryStatus,
  EmailDispatcher,
  EmailReconciler,
  MAX_ATTEMPTS,
  maxRetryDelayMs,
  CLAIM_LEASE_MS,
} from '@app/mail';
import { startMailTestApp, type MailTestApp } from './support/mail-test-app';

/** What a mail client would show as the id of the email, computed the way the spec says (not by our code). */
const expectedMessageId = (dedupeKey: string): string =>
  `<${createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32)}@learn.example.org>`;

describe('EmailDispatcher (PostgreSQL ledger, SMTP server)', () => {
  let t: MailTestApp;
  let dispatcher: EmailDispatcher;
  let reconciler: EmailReconciler;

  beforeAll(async () => {
    t = await startMailTestApp();
    dispatcher = t.app.get(EmailDispatcher);
    reconciler = t.app.get(EmailReconciler);
  });
  afterEach(() => t.sink.failWith(null));
  afterAll(() => t.close());

  it('sends a requested email once, with a Message-ID derived from its dedupe key, and records it', async () => {
    const id = await t.requestGreeting('ana@example.org', { key: 'greeting:ana:1', payload: { name: 'Ana' } });

    expect(await dispatcher.dispatch(id)).toEqual({ outcome: 'sent', attempts: 1 });

    const [mail] = await t.sink.waitFor((m) => m.to.includes('ana@example.org'));
    expect(mail!.subject).toBe('Welcome to the circle, Ana & friends');
    expect(mail!.messageId).toBe(expectedMessageId('greeting:ana:1'));
    expect(mail!.headers.get('from')).toMatchObject({
      value: [{ name: 'Commonplace', address: 'no-reply@commonplace.localhost' }],
    });
    expect(mail!.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail!.headerLines.find((h) => h.key === 'list-unsubscribe')?.line).toContain('/unsubscribe/t0ken');
    expect(mail!.text).toContain('Hello Ana!');
    expect(mail!.html).toContain('<h1>Hello Ana!</h1>');
    expect(mail!.attachments.map((a) => a.filename)).toEqual(['meeting.ics']);

    const row = await t.row(id);
    expect(row).toMatchObject({
      status: DeliveryStatus.Sent,
      attempts: 1,
      messageId: expectedMessageId('greeting:ana:1'),
      subject: 'Welcome to the circle, Ana & friends',
      sentAt: t.clock.now(),
      lockedUntil: null,
    });
    expect(row.lastResponse).toMatch(/^250 /);

    // Another job for the same row (a duplicate, a retry after a crash) finds nothing to do.
    expect(await dispatcher.dispatch(id)).toEqual({ outcome: 'done' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(t.sink.to('ana@example.org')).toHaveLength(1);
  });

  it('sends once when the same row is dispatched concurrently', async () => {
    const id = await t.requestGreeting('bea@example.org');

    const results = await Promise.all([1, 2, 3, 4].map(() => dispatcher.dispatch(id)));

    expect(results.filter((r) => r.outcome === 'sent')).toHaveLength(1);
    expect(
      results.filter((r) => r.outcome !== 'sent').every((r) => r.outcome === 'waiting' || r.outcome === 'done'),
    ).toBe(true);
    await t.sink.waitFor((m) => m.to.includes('bea@example.org'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.sink.to('bea@example.org')).toHaveLength(1);
    expect(await t.row(id)).toMatchObject({ status: DeliveryStatus.Sent, attempts: 1 });
  });

  it('retries after a back-off when the server says 421, and delivers once it accepts', async () => {
    const id = await t.requestGreeting('cai@example.org');
    t.sink.failWith(421, 'Try again later');
    const start = t.clock.now().getTime();

    const first = await dispatcher.dispatch(id);
    expect(first.outcome).toBe('retry');
    const retryAt = first.outcome === 'retry' ? first.retryAt.getTime() : 0;
    expect(retryAt - start).toBeGreaterThanOrEqual(24_000);
    expect(retryAt - start).toBeLessThanOrEqual(36_000);
    expect(await t.row(id)).toMatchObject({
      status: DeliveryStatus.Pending,
      attempts: 1,
      nextAttemptAt: new Date(retryAt),
    });
    expect((await t.row(id)).lastResponse).toContain('421');

    // Before the back-off is over, a job finds the row not due and sends nothing.
    expect(await dispatcher.dispatch(id)).toEqual({ outcome: 'waiting', attempts: 1, until: new Date(retryAt) });
    expect(await reconciler.findDue()).not.toContainEqual(expect.objectContaining({ id }));

    t.sink.failWith(null);
    t.clock.advance(maxRetryDelayMs(1));
    expect(await reconciler.findDue()).toContainEqual({ id, attempts: 1, nextAttemptAt: new Date(retryAt) });
    expect(await dispatcher.dispatch(id)).toEqual({ outcome: 'sent', attempts: 2 });

    await t.sink.waitFor((m) => m.to.includes('cai@example.org'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(t.sink.to('cai@example.org')).toHaveLength(1);
    expect(await t.row(id)).toMatchObject({ status: DeliveryStatus.Sent, attempts: 2 });
  });

  it('marks the email failed on a 550 and never tries again', async () => {
    const id = await t.requestGreeting('nobody@example.org');
    t.sink.failWith(550, 'No such user here');

    expect(await dispatcher.dispatch(id)).toEqual({ outcome: 'failed', attempts: 1, reason: 'permanent' });

    const row = await t.row(id);
    expect(row).toMatchObject({ status: DeliveryStatus.Failed, attempts: 1, sentAt: null, lockedUntil: null });
    expect(row.lastResponse).toContain('550');
    t.sink.failWith(null);
    t.clock.advance(24 * 3600_000);
    expect(await reconciler.findDue()).not.toContainEqual(expect.objectContaining({ id }));
    expect(await dispatcher.dispatch(id)).toEqual({ outcome: 'done' });
    expect(t.sink.to('nobody@example.org')).toHaveLength(0);
  });

  it('gives up after the last attempt of a server that keeps answering 4xx', async () => {
    const id = await t.requestGreeting('dee@example.org');
    await t.db.query('UPDATE email_deliveries SET attempts = $2 WHERE id = $1', [id, MAX_ATTEMPTS - 1]);
    t.sink.failWith(451, 'Local error in processing');

    expect(await dispatcher.dispatch(id)).toEqual({
      outcome: 'failed',
      attempts: MAX_ATTEMPTS,
      reason: 'attempts-exhausted',
    });
    expect(await t.row(id)).toMatchObject({ status: DeliveryStatus.Failed, attempts: MAX_ATTEMPTS });
  });

  it('skips an email its composer no longer wants, sending nothing', async () => {
    const id = await t.requestGreeting('eve@example.org', { payload: { skip: true } });

    expect(await dispatcher.dispatch(id)).toEqual({ outcome: 'skipped', attempts: 1 });

    const row = await t.row(id);
    expect(row).toMatchObject({ status: DeliveryStatus.Skipped, sentAt: null, lockedUntil: null });
    expect(row.lastResponse).toMatch(/no longer applies/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(t.sink.to('eve@example.org')).toHaveLength(0);
  });

  it('fails an email of a kind no composer handles, saying which kind', async () => {
    const id = await t.requestGreeting('fay@example.org', { kind: 'groups.no-such-email' });

    expect(await dispatcher.dispatch(id)).toEqual({ outcome: 'failed', attempts: 1, reason: 'unknown-kind' });
    expect((await t.row(id)).lastResponse).toBe(
      'no email composer is registered for kind "groups.no-such-email" in this worker',
    );
  });

  it('does not send before the requested instant', async () => {
    const notBefore = new Date(t.clock.now().getTime() + 3600_000);
    const id = await t.requestGreeting('gus@example.org', { notBefore });

    expect(await dispatcher.dispatch(id)).toEqual({ outcome: 'waiting', attempts: 0, until: notBefore });
    expect(await reconciler.findDue()).not.toContainEqual(expect.objectContaining({ id }));

    t.clock.set(notBefore);
    expect(await reconciler.findDue()).toContainEqual({ id, attempts: 0, nextAttemptAt: notBefore });
    expect(await dispatcher.dispatch(id)).toEqual({ outcome: 'sent', attempts: 1 });
    await t.sink.waitFor((m) => m.to.includes('gus@example.org'));
  });

  it('takes over a row whose worker died mid-send once the lease expires, and only then', async () => {
    const id = await t.requestGreeting('hal@example.org');
    // What a worker killed after claiming leaves behind.
    const lockedUntil = new Date(t.clock.now().getTime() + CLAIM_LEASE_MS);
    await t.db.query(`UPDATE email_deliveries SET status = 'sending', attempts = 1, locked_until = $2 WHERE id = $1`, [
      id,
      lockedUntil,
    ]);

    expect(await reconciler.findDue()).not.toContainEqual(expect.objectContaining({ id }));
    expect(await dispatcher.dispatch(id)).toEqual({ outcome: 'waiting', attempts: 1, until: lockedUntil });
    expect(t.sink.to('hal@example.org')).toHaveLength(0);

    t.clock.set(new Date(lockedUntil.getTime() + 1));
    expect(await reconciler.findDue()).toContainEqual(expect.objectContaining({ id, attempts: 1 }));
    expect(await dispatcher.dispatch(id)).toEqual({ outcome: 'sent', attempts: 2 });
    await t.sink.waitFor((m) => m.to.includes('hal@example.org'));
    expect(await t.row(id)).toMatchObject({ status: DeliveryStatus.Sent, attempts: 2 });
  });

  it('pages through due rows in a stable order, one query per page', async () => {
    t.clock.advance(48 * 3600_000);
    // Settle whatever earlier tests left due, then add five fresh rows.
    for await (const page of reconciler.duePages()) await Promise.all(page.map((r) => dispatcher.dispatch(r.id)));
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await t.requestGreeting(`page${i}@example.org`));

    const pages = [];
    for await (const page of reconciler.duePages(2)) pages.push(page.map((r) => r.id));

    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat().sort()).toEqual([...ids].sort());
  });
});
