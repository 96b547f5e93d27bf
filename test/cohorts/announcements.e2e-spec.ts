import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { CohortRole, EnrollmentStatus, type Cohort } from '@app/cohorts';
import type { SmtpSink } from '@app/core/testing';
import { EmailComposerRegistry } from '@app/mail';
import { NotificationMailKind, OutboxRelay } from '@app/notifications';
import { signedIn, startTestApi, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';
import { useMailingStack } from '../support/mailing-stack';

const PUBLIC_URL = 'https://learn.example.org';

describe('cohort announcements, emailed to every learner (API + worker + SMTP)', () => {
  let sink: SmtpSink;
  let api: TestApi;
  useMailingStack({ PUBLIC_URL }, (stack) => ({ sink, api } = stack));

  const as = (who: MadeUser) => signedIn(api, who);

  interface Setup {
    cohort: Cohort;
    facilitator: MadeUser;
    coFacilitator: MadeUser;
    /** Active learners: English, Spanish, French. */
    learners: { en: MadeUser; es: MadeUser; fr: MadeUser };
    withdrawn: MadeUser;
    pending: MadeUser;
    optedOut: MadeUser;
    outsider: MadeUser;
  }

  async function setup(): Promise<Setup> {
    const facilitator = await api.make.user({ displayName: 'Fatou Diop' });
    const { cohort } = await api.make.cohort(facilitator, { title: 'Biogas, spring cohort' });
    const [coFacilitator, en, es, fr, withdrawn, pending, optedOut, outsider] = await Promise.all([
      api.make.user({ displayName: 'Gabriel' }),
      api.make.user({ locale: 'en' }),
      api.make.user({ locale: 'es' }),
      api.make.user({ locale: 'fr' }),
      api.make.user(),
      api.make.user(),
      api.make.user(),
      api.make.user(),
    ]);
    await api.make.enrollment(cohort, coFacilitator, { role: CohortRole.Facilitator });
    for (const learner of [en, es, fr, optedOut]) await api.make.enrollment(cohort, learner);
    await api.make.enrollment(cohort, withdrawn, { status: EnrollmentStatus.Withdrawn });
    await api.make.enrollment(cohort, pending, { status: EnrollmentStatus.Pending });
    const prefs = await as(optedOut).patch('/users/me', { notifications: { categories: { announcements: false } } });
    expect(prefs.status).toBe(200);
    return {
      cohort,
      facilitator,
      coFacilitator: coFacilitator,
      learners: { en: en, es: es, fr: fr },
      withdrawn: withdrawn,
      pending: pending,
      optedOut: optedOut,
      outsider: outsider,
    };
  }

  const announcementsPath = (cohort: Cohort) => `/cohorts/${cohort.id}/announcements`;
  const ledgerRows = (announcementId: string) =>
    api.db.query<{ user_id: string; dedupe_key: string; locale: string }[]>(
      `SELECT user_id, dedupe_key, locale FROM email_deliveries WHERE kind = $1 AND payload->>'announcementId' = $2`,
      [NotificationMailKind.Announcement, announcementId],
    );
  const outboxOf = (cohortId: string) =>
    api.db.query<{ type: string; payload: object }[]>(
      `SELECT type, payload FROM outbox_events WHERE aggregate_id = $1 AND type = 'cohort.announcement-published'`,
      [cohortId],
    );

  it('emails each active learner and co-facilitator once, in their language, with a sanitized body', async () => {
    const s = await setup();
    const res = await as(s.facilitator).post(announcementsPath(s.cohort), {
      title: 'Week 2 starts Monday',
      body: 'Bring **gloves**. <script>alert("x")</script> [more](javascript:alert(1))',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      cohortId: s.cohort.id,
      title: 'Week 2 starts Monday',
      author: { id: s.facilitator.user.id, displayName: 'Fatou Diop' },
      recipientCount: 4,
    });
    expect(res.body.bodyHtml).toContain('<strong>gloves</strong>');
    expect(res.body.bodyHtml).not.toMatch(/<script|<a /);
    const announcementId = res.body.id as string;

    const recipients = [s.learners.en, s.learners.es, s.learners.fr, s.coFacilitator];
    const mails = await sink.waitFor((m) => recipients.some((r) => m.to.includes(r.user.email!)), 4);
    const link = `${PUBLIC_URL}/cohorts/${s.cohort.id}`;
    for (const mail of mails) {
      expect(mail.subject).toBe('[Biogas, spring cohort] Week 2 starts Monday');
      expect(mail.html).toContain('<strong>gloves</strong>');
      expect(mail.html).not.toMatch(/<script|javascript:alert\(1\)"/);
      expect(mail.html).toContain(`href="${link}"`);
      expect(mail.text).toContain('Bring **gloves**.');
      expect(mail.text).toContain(link);
    }
    const [spanish] = sink.to(s.learners.es.user.email!);
    expect(spanish!.text).toContain('Un anuncio de Fatou Diop para todas las personas de Biogas, spring cohort');
    const [french] = sink.to(s.learners.fr.user.email!);
    expect(french!.text).toContain('Une annonce de Fatou Diop');
    const [english] = sink.to(s.learners.en.user.email!);
    expect(english!.text).toContain('An announcement from Fatou Diop to everyone in Biogas, spring cohort');

    // Nothing else arrives: one each, none for those who left, wait, opted out, or wrote it.
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const r of recipients) expect(sink.to(r.user.email!)).toHaveLength(1);
    for (const nobody of [s.withdrawn, s.pending, s.optedOut, s.outsider, s.facilitator]) {
      expect(sink.to(nobody.user.email!)).toHaveLength(0);
    }
    const rows = await ledgerRows(announcementId);
    expect(rows.map((r) => r.dedupe_key).sort()).toEqual(
      recipients.map((r) => `announcement:${announcementId}:${r.user.id}`).sort(),
    );
    expect(rows.find((r) => r.user_id === s.learners.es.user.id)?.locale).toBe('es');
    expect(await outboxOf(s.cohort.id)).toEqual([
      {
        type: 'cohort.announcement-published',
        payload: { cohortId: s.cohort.id, announcementId, authorId: s.facilitator.user.id },
      },
    ]);
  });

  it('lists announcements newest first to participants only', async () => {
    const s = await setup();
    for (const title of ['First', 'Second', 'Third']) {
      await as(s.facilitator).post(announcementsPath(s.cohort), { title, body: 'Hello' }).expect(201);
      api.clock.advance(1000);
    }
    const page1 = await as(s.learners.en).get(`${announcementsPath(s.cohort)}?limit=2`);
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((a: { title: string }) => a.title)).toEqual(['Third', 'Second']);
    const page2 = await as(s.learners.en).get(
      `${announcementsPath(s.cohort)}?limit=2&cursor=${page1.body.nextCursor as string}`,
    );
    expect(page2.body).toMatchObject({ items: [{ title: 'First', body: 'Hello' }], nextCursor: null });

    for (const stranger of [s.outsider, s.withdrawn, s.pending]) {
      expect((await as(stranger).get(announcementsPath(s.cohort))).status).toBe(403);
    }
  });

  it('lets facilitators only announce, and refuses bad input naming the field, writing nothing', async () => {
    const s = await setup();
    const byLearner = await as(s.learners.en).post(announcementsPath(s.cohort), { title: 'Hi', body: 'All' });
    expect(byLearner.status).toBe(403);
    const byOutsider = await as(s.outsider).post(announcementsPath(s.cohort), { title: 'Hi', body: 'All' });
    expect(byOutsider.status).toBe(403);

    for (const [body, field] of [
      [{ title: '', body: 'x' }, 'title'],
      [{ title: 'x', body: '   ' }, 'body'],
      [{ title: 'x'.repeat(201), body: 'x' }, 'title'],
      [{ title: 'x', body: 'x'.repeat(20_001) }, 'body'],
      [{ title: 'x', body: 'x', urgent: true }, 'urgent'],
    ] as const) {
      const res = await as(s.facilitator).post(announcementsPath(s.cohort), body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const [written] = await api.db.query<{ announcements: number; events: number; emails: number }[]>(
      `SELECT (SELECT count(*)::int FROM cohort_announcements WHERE cohort_id = $1) AS announcements,
              (SELECT count(*)::int FROM outbox_events WHERE aggregate_id = $1
                 AND type = 'cohort.announcement-published') AS events,
              (SELECT count(*)::int FROM email_deliveries WHERE kind = $2 AND user_id = $3) AS emails`,
      [s.cohort.id, NotificationMailKind.Announcement, s.learners.en.user.id],
    );
    expect(written).toEqual({ announcements: 0, events: 0, emails: 0 });
  });

  it('checks again at send time: someone who left or opted out since gets nothing', async () => {
    const s = await setup();
    const res = await as(s.facilitator).post(announcementsPath(s.cohort), { title: 'Late', body: 'News' });
    const announcementId = res.body.id as string;
    await sink.waitFor((m) => m.to.includes(s.learners.en.user.email!) && m.subject.includes('Late'));
    await api.db.query(`UPDATE cohort_members SET status = 'withdrawn' WHERE cohort_id = $1 AND user_id = $2`, [
      s.cohort.id,
      s.learners.en.user.id,
    ]);
    await as(s.learners.es)
      .patch('/users/me', { notifications: { categories: { announcements: false } } })
      .expect(200);

    const composer = api.app.get(EmailComposerRegistry).get(NotificationMailKind.Announcement)!;
    const compose = (who: MadeUser, locale: string) =>
      composer.compose({
        id: 'x',
        kind: NotificationMailKind.Announcement,
        dedupeKey: `announcement:${announcementId}:${who.user.id}`,
        userId: who.user.id,
        to: who.user.email!,
        locale,
        payload: { announcementId },
      });
    expect(await compose(s.learners.en, 'en')).toBeNull();
    expect(await compose(s.learners.es, 'es')).toBeNull();
    expect(await compose(s.learners.fr, 'fr')).toMatchObject({ subject: '[Biogas, spring cohort] Late' });
  });
});

describe('announcing to a large cohort', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('records 1,000 emails with a handful of queries', async () => {
    const facilitator = await api.make.user();
    const { cohort } = await api.make.cohort(facilitator, { capacity: 2000 });
    // Bulk rows: logging in 1,000 people through the factory would take minutes of password hashing.
    await api.db.query(
      `WITH u AS (
         INSERT INTO users (email, display_name, time_zone, locale)
         SELECT 'bulk-' || i || '@example.org', 'Learner ' || i, 'UTC', (ARRAY['en', 'es', 'fr'])[1 + i % 3]
           FROM generate_series(1, 1000) i
         RETURNING id
       ), prefs AS (
         INSERT INTO notification_preferences (user_id) SELECT id FROM u
       )
       INSERT INTO cohort_members (cohort_id, user_id, role, status, requested_at, status_changed_at)
       SELECT $1, id, 'learner', 'active', now(), now() FROM u`,
      [cohort.id],
    );
    await api.db.query('UPDATE cohorts SET enrolled_count = 1000 WHERE id = $1', [cohort.id]);

    const query = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    try {
      const res = await signedIn(api, facilitator).post(`/cohorts/${cohort.id}/announcements`, {
        title: 'Welcome',
        body: 'Hello, everyone.',
      });
      expect(res.status).toBe(201);
      expect(res.body.recipientCount).toBe(1000);
      // Auth, policy, BEGIN, announcement, outbox, recipient count, activity, COMMIT, the view: 9 today.
      expect(query.mock.calls.length).toBeGreaterThan(5);
      expect(query.mock.calls.length).toBeLessThanOrEqual(12);
    } finally {
      query.mockRestore();
    }
    // The worker's relay hands the event to notifications, which requests the 1,000 emails in a few statements.
    const relayQueries = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    try {
      await api.app.get(OutboxRelay).relay();
      expect(relayQueries.mock.calls.length).toBeLessThanOrEqual(15);
    } finally {
      relayQueries.mockRestore();
    }
    const [row] = await api.db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM email_deliveries WHERE kind = $1`,
      [NotificationMailKind.Announcement],
    );
    expect(row?.count).toBe(1000);
  });
});
