import { DataSource } from 'typeorm';
import type { SmtpSink } from '@app/core/testing';
import { EmailLedger, type DeliveryToCompose } from '@app/mail';
import { DIGEST_SECTION_TYPES, DigestComposer, NotificationMailKind } from '@app/notifications';
import { signedIn, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';
import type { TestWorker } from '../support/worker-app';
import { startMailingStack, type MailingStack } from '../support/mailing-stack';

const PUBLIC_URL = 'https://learn.example.org';

/**
 * Digest content in bulk: long conversations are cut to what fits in an email, and a batch of digests is
 * composed with the same statements as one (the benchmark composes hundreds at a time). The full content of one
 * digest is in digest-content.e2e-spec.ts.
 */
describe('digest content in batches and long conversations (worker + SMTP, real database)', () => {
  let sink: SmtpSink;
  let api: TestApi;
  let worker: TestWorker;

  let stack: MailingStack;

  beforeAll(async () => {
    stack = await startMailingStack({ PUBLIC_URL });
    ({ sink, api, worker } = stack);
  });
  afterAll(() => stack.close());

  const digestOf = (person: MadeUser, since: string, dueAt: string, localDate: string): DeliveryToCompose => ({
    id: `digest-${person.user.id}`,
    kind: NotificationMailKind.Digest,
    dedupeKey: `digest:daily:${person.user.id}:${localDate}`,
    userId: person.user.id,
    to: person.user.email!,
    locale: person.user.locale,
    payload: { frequency: 'daily', localDate, since, dueAt, scheduledId: null },
  });

  it('shows the latest five posts of a busy thread and says how many more', async () => {
    api.clock.set('2026-05-01T00:00:00Z');
    const facilitator = await api.make.user({ displayName: 'Fatou Diop' });
    const reader = await api.make.user({ timeZone: 'Asia/Kathmandu' });
    const { cohort } = await api.make.cohort(facilitator, { title: 'Busy cohort', startDate: '2026-06-01' });
    await api.make.enrollment(cohort, reader);
    api.clock.set('2026-05-01T12:00:00Z');
    const thread = await signedIn(api, facilitator).post(`/cohorts/${cohort.id}/threads`, {
      title: 'Introduce yourself',
      body: 'Post 1',
    });
    expect(thread.status).toBe(201);
    const threadId = (thread.body as { id: string }).id;
    for (let n = 2; n <= 8; n++) {
      api.clock.advance(60_000);
      const reply = await signedIn(api, facilitator).post(`/cohorts/${cohort.id}/threads/${threadId}/posts`, {
        body: `Post ${n}`,
      });
      expect(reply.status).toBe(201);
    }

    // Requested in the ledger as the releaser does; the worker composes and sends it.
    api.clock.set('2026-05-02T02:15:00Z');
    const ledger = api.app.get(EmailLedger);
    const digest = digestOf(reader, '2026-05-01T02:15:00.000Z', '2026-05-02T02:15:00.000Z', '2026-05-02');
    const { id } = await api.db.transaction((manager) => ledger.request(manager, digest));
    await ledger.enqueue([id]);
    const [mail] = await sink.waitFor((m) => m.to.includes(reader.user.email!));

    expect(mail!.subject).toBe('Your Commonplace digest — Sat 2 May');
    for (const n of [4, 5, 6, 7, 8]) expect(mail!.text).toContain(`- Fatou Diop wrote: Post ${n}\n`);
    for (const n of [1, 2, 3]) expect(mail!.text).not.toContain(`Post ${n}\n`);
    expect(mail!.text).toContain('…and 3 more.');
    expect(mail!.html).toContain('…and 3 more.');
  });

  it('composes a batch with the statements of one digest, each person their own content', async () => {
    api.clock.set('2026-03-05T00:00:00Z');
    const facilitator = await api.make.user({ displayName: 'Fatou Diop' });
    const ana = await api.make.user({ displayName: 'Ana Quispe', timeZone: 'America/La_Paz' });
    const bruno = await api.make.user({ displayName: 'Bruno Vidal', timeZone: 'Europe/Madrid', locale: 'es' });
    const idle = await api.make.user({ timeZone: 'Europe/Madrid' });
    const { cohort } = await api.make.cohort(facilitator, { title: 'Biogas, batch cohort', startDate: '2026-06-01' });
    for (const learner of [ana, bruno]) await api.make.enrollment(cohort, learner);
    api.clock.set('2026-03-05T20:00:00Z');
    for (const [who, title] of [
      [facilitator, 'Where do you get your tubes?'],
      [ana, 'Ana asks about gas pressure'],
    ] as const) {
      const res = await signedIn(api, who).post(`/cohorts/${cohort.id}/threads`, { title, body: 'Hello.' });
      expect(res.status).toBe(201);
    }

    const composer = worker.app.get(DigestComposer);
    const forAna = digestOf(ana, '2026-03-05T12:00:00.000Z', '2026-03-06T12:00:00.000Z', '2026-03-06');
    const forBruno = digestOf(bruno, '2026-03-05T07:00:00.000Z', '2026-03-06T07:00:00.000Z', '2026-03-06');
    const forIdle = digestOf(idle, '2026-03-05T07:00:00.000Z', '2026-03-06T07:00:00.000Z', '2026-03-06');
    // Counts the composer's own statements: the worker's other jobs use the same manager meanwhile.
    const queries = jest.spyOn(worker.app.get(DataSource).manager, 'query');
    const composerQueries = () =>
      queries.mock.calls.filter(([sql]) => /WITH r AS|notification_preferences p/.test(sql)).length;
    try {
      const single = await composer.compose(forAna);
      const forOne = composerQueries();
      expect(forOne).toBeLessThanOrEqual(1 + 2 * DIGEST_SECTION_TYPES.length);
      queries.mockClear();
      const batch = await composer.composeMany([forAna, forBruno, forIdle]);
      expect(composerQueries()).toBe(forOne);

      expect(single?.text).toContain('Where do you get your tubes?');
      expect(batch.get(forAna.id)?.text).toBe(single?.text);
      expect(batch.get(forAna.id)?.text).not.toContain('Ana asks about gas pressure');
      expect(batch.get(forBruno.id)?.subject).toBe('Tu resumen de Commonplace — vie 6 mar');
      expect(batch.get(forBruno.id)?.text).toContain('Ana Quispe escribió: Hello.');
      expect(batch.get(forIdle.id)).toBeNull();
    } finally {
      queries.mockRestore();
    }
  });
});
