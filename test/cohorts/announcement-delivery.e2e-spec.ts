import { JobQueue } from '@app/core';
import type { ReceivedMail, SmtpSink } from '@app/core/testing';
import { MailJob, maxRetryDelayMs } from '@app/mail';
import {
  DigestComposer,
  DigestPlanner,
  NotificationMailKind,
  NotificationReleaser,
  OutboxRelay,
} from '@app/notifications';
import { signedIn, startTestApi, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';
import type { TestWorker } from '../support/worker-app';
import { useMailingStack } from '../support/mailing-stack';

const PUBLIC_URL = 'https://learn.example.org';
/** Past any reconciliation threshold: a row due this long ago is given a job by the next reconciliation. */
const RECONCILE_MARGIN_MS = 5 * 60_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(50);
  }
}

/**
 * Announcements at once, in the digest only, or not at all, as each person chose, decided when the email is sent
 * and when the digest is composed: nobody gets one twice, nobody who wants it misses it.
 */
describe('announcement delivery preference (API + worker + SMTP, injected clock)', () => {
  let sink: SmtpSink;
  let api: TestApi;
  let worker: TestWorker;
  useMailingStack({ PUBLIC_URL }, (stack) => ({ sink, api, worker } = stack));
  afterEach(() => sink.failWith(null));

  const as = (who: MadeUser) => signedIn(api, who);
  const ledgerRows = (announcementId: string) =>
    api.db.query<{ user_id: string; status: string; attempts: number }[]>(
      `SELECT user_id, status, attempts FROM email_deliveries WHERE kind = $1 AND payload->>'announcementId' = $2`,
      [NotificationMailKind.Announcement, announcementId],
    );
  const digestTo = async (who: MadeUser): Promise<ReceivedMail> => {
    const [mail] = await sink.waitFor((m) => m.to.includes(who.user.email!) && /Commonplace digest/.test(m.subject));
    return mail!;
  };

  async function choose(who: MadeUser, notifications: object): Promise<void> {
    const res = await as(who).patch('/users/me', { notifications });
    expect(res.status).toBe(200);
  }

  it('emails at once or keeps it for the digest as each person chose, and never both', async () => {
    api.clock.set('2026-04-06T06:00:00Z');
    const facilitator = await api.make.user({ displayName: 'Fatou Diop', timeZone: 'UTC' });
    const { cohort } = await api.make.cohort(facilitator, { title: 'Biogas, spring cohort' });
    const [atOnce, digestOnly, off, switcher, backToOnce] = await Promise.all(
      [1, 2, 3, 4, 5].map(() => api.make.user({ timeZone: 'UTC', locale: 'en' })),
    );
    for (const learner of [atOnce!, digestOnly!, off!, switcher!, backToOnce!]) {
      await api.make.enrollment(cohort, learner);
    }
    await choose(digestOnly!, { announcementDelivery: 'digest' });
    await choose(backToOnce!, { announcementDelivery: 'digest' });
    await choose(off!, { categories: { announcements: false } });
    const me = await as(digestOnly!).get('/users/me');
    expect(me.body.notifications).toMatchObject({
      categories: { announcements: true },
      announcementDelivery: 'digest',
    });
    api.clock.set('2026-04-06T06:01:00Z');
    await worker.app.get(DigestPlanner).planMissing();

    // The SMTP server is busy when it is published: the emails at once wait, pending, for their retry.
    api.clock.set('2026-04-06T06:30:00Z');
    sink.failWith(421, 'Try again later');
    const published = await as(facilitator).post(`/cohorts/${cohort.id}/announcements`, {
      title: 'Kiln firing moved',
      body: 'The firing is on **Thursday** now.',
    });
    expect(published.status).toBe(201);
    // Only those who want it at once get an email; digest-only and off people get no ledger row at all.
    expect(published.body.recipientCount).toBe(2);
    const announcementId = published.body.id as string;
    await eventually(async () => {
      const rows = await ledgerRows(announcementId);
      return rows.length === 2 && rows.every((r) => r.status === 'pending' && r.attempts === 1);
    });
    expect((await ledgerRows(announcementId)).map((r) => r.user_id).sort()).toEqual(
      [atOnce!.user.id, switcher!.user.id].sort(),
    );

    // Queued for the switcher, not sent yet, when they choose digest-only; the other way round for backToOnce.
    await choose(switcher!, { announcementDelivery: 'digest' });
    await choose(backToOnce!, { announcementDelivery: 'immediate' });
    sink.failWith(null);
    api.clock.advance(maxRetryDelayMs(1) + RECONCILE_MARGIN_MS);
    await worker.app.get(JobQueue).enqueue(MailJob.ReconcileEmails, {});
    const [emailed] = await sink.waitFor((m) => m.to.includes(atOnce!.user.email!));
    expect(emailed!.subject).toBe('[Biogas, spring cohort] Kiln firing moved');
    await eventually(async () => {
      const rows = await ledgerRows(announcementId);
      return rows.find((r) => r.user_id === switcher!.user.id)?.status === 'skipped';
    });

    // Other news for everyone, so each digest has something in it and is sent.
    api.clock.set('2026-04-06T07:00:00Z');
    const thread = await as(facilitator).post(`/cohorts/${cohort.id}/threads`, {
      title: 'Where do you get your tubes?',
      body: 'Tell us your supplier.',
    });
    expect(thread.status).toBe(201);

    api.clock.set('2026-04-06T08:01:00Z');
    await worker.app.get(NotificationReleaser).releaseDue();
    const digests = new Map<MadeUser, string>();
    for (const learner of [atOnce!, digestOnly!, off!, switcher!, backToOnce!]) {
      const digest = await digestTo(learner);
      expect(digest.text).toContain('Where do you get your tubes?');
      digests.set(learner, digest.text);
    }
    // Digest-only: in the digest. Switched to digest-only before it was sent: in the digest, never emailed.
    // Switched back to "at once" after it was held for the digest: in the digest, so not lost.
    for (const learner of [digestOnly!, switcher!, backToOnce!]) {
      expect(digests.get(learner)).toContain('Kiln firing moved (Biogas, spring cohort)');
      expect(digests.get(learner)).toContain('The firing is on Thursday now.');
    }
    // At once: emailed, not repeated. Off: neither.
    for (const learner of [atOnce!, off!]) expect(digests.get(learner)).not.toContain('Kiln firing moved');

    await sleep(500);
    const received = (who: MadeUser) => sink.to(who.user.email!).map((m) => m.subject);
    expect(received(atOnce!)).toEqual(['[Biogas, spring cohort] Kiln firing moved', expect.stringMatching(/digest/)]);
    for (const learner of [digestOnly!, off!, switcher!, backToOnce!]) {
      expect(received(learner)).toEqual([expect.stringMatching(/Commonplace digest/)]);
    }
  });

  it('refuses an unknown delivery with 400 problem+json naming the field, and changes nothing', async () => {
    const learner = await api.make.user();
    for (const value of ['weekly', 'off', 42, null]) {
      const res = await as(learner).patch('/users/me', { notifications: { announcementDelivery: value } });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('notifications.announcementDelivery');
    }
    const me = await as(learner).get('/users/me');
    expect(me.body.notifications).toMatchObject({
      categories: { announcements: true },
      announcementDelivery: 'immediate',
    });
    const events = await api.db.query(
      `SELECT 1 FROM outbox_events WHERE aggregate_id = $1 AND type = 'identity.preferences-changed'`,
      [learner.user.id],
    );
    expect(events).toHaveLength(0);
  });

  it('records the change for the worker, and keeps the choice while announcements are switched off and on', async () => {
    const learner = await api.make.user();
    await choose(learner, { announcementDelivery: 'digest' });
    await choose(learner, { categories: { announcements: false } });
    await choose(learner, { categories: { announcements: true } });
    const me = await as(learner).get('/users/me');
    expect(me.body.notifications).toMatchObject({
      categories: { announcements: true },
      announcementDelivery: 'digest',
    });
    const events = await api.db.query<{ payload: { fields: string[] } }[]>(
      `SELECT payload FROM outbox_events WHERE aggregate_id = $1 AND type = 'identity.preferences-changed' ORDER BY id`,
      [learner.user.id],
    );
    expect(events.map((e) => e.payload.fields)).toEqual([
      ['announcementDelivery'],
      ['announcements'],
      ['announcements'],
    ]);
  });
});

/**
 * The relay hands a published announcement to notifications a moment later. A digest composed in between must not
 * carry it for someone who wants it at once (the relay is about to email it), and must for someone digest-only.
 */
describe('an announcement the relay has not handled yet, in a digest composed meanwhile', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ PUBLIC_URL });
  });
  afterAll(() => api.close());

  it('leaves it out for those who want it at once, who are then emailed by the relay; keeps it for digest-only', async () => {
    api.clock.set('2026-04-06T06:00:00Z');
    const facilitator = await api.make.user({ timeZone: 'UTC' });
    const { cohort } = await api.make.cohort(facilitator, { title: 'Biogas, spring cohort' });
    const [atOnce, digestOnly] = await Promise.all([1, 2].map(() => api.make.user({ timeZone: 'UTC', locale: 'en' })));
    for (const learner of [atOnce!, digestOnly!]) await api.make.enrollment(cohort, learner);
    const choice = await signedIn(api, digestOnly!).patch('/users/me', {
      notifications: { announcementDelivery: 'digest' },
    });
    expect(choice.status).toBe(200);
    await api.app.get(OutboxRelay).relay();

    api.clock.set('2026-04-06T07:00:00Z');
    const thread = await signedIn(api, facilitator).post(`/cohorts/${cohort.id}/threads`, {
      title: 'Where do you get your tubes?',
      body: 'Tell us your supplier.',
    });
    expect(thread.status).toBe(201);
    const published = await signedIn(api, facilitator).post(`/cohorts/${cohort.id}/announcements`, {
      title: 'Kiln firing moved',
      body: 'The firing is on Thursday now.',
    });
    expect(published.status).toBe(201);

    api.clock.set('2026-04-06T08:00:00Z');
    const digestOf = async (who: MadeUser): Promise<string> => {
      const digest = await api.app.get(DigestComposer).compose({
        id: `digest-${who.user.id}`,
        kind: NotificationMailKind.Digest,
        dedupeKey: `digest:daily:${who.user.id}:2026-04-06`,
        userId: who.user.id,
        to: who.user.email!,
        locale: 'en',
        payload: {
          frequency: 'daily',
          localDate: '2026-04-06',
          since: '2026-04-05T08:00:00.000Z',
          dueAt: '2026-04-06T08:00:00.000Z',
        },
      });
      expect(digest?.text).toContain('Where do you get your tubes?');
      return digest!.text;
    };
    expect(await digestOf(atOnce!)).not.toContain('Kiln firing moved');
    expect(await digestOf(digestOnly!)).toContain('Kiln firing moved (Biogas, spring cohort)');

    await api.app.get(OutboxRelay).relay();
    const rows = await api.db.query<{ user_id: string }[]>(
      `SELECT user_id FROM email_deliveries WHERE kind = $1 AND payload->>'announcementId' = $2`,
      [NotificationMailKind.Announcement, published.body.id],
    );
    expect(rows.map((r) => r.user_id)).toEqual([atOnce!.user.id]);
  });
});
