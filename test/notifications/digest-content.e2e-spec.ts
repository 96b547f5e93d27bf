import { DeadlineMode, type Cohort } from '@app/cohorts';
import { renderInZone } from '@app/core';
import { type SmtpSink, type ReceivedMail } from '@app/core/testing';
import { type StudyGroup } from '@app/groups';
import { EmailLedger, type DeliveryToCompose } from '@app/mail';
import { DIGEST_SECTION_TYPES, DigestComposer, NotificationMailKind } from '@app/notifications';
import { DataSource } from 'typeorm';
import { signedIn, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';
import type { TestWorker } from '../support/worker-app';
import { useMailingStack } from '../support/mailing-stack';
import { waitForLedgerStatus } from '../support/ledger-status';

const PUBLIC_URL = 'https://learn.example.org';

/** The window of news a digest covers, as the planner and the releaser write it in its payload. */
interface DigestWindow {
  since: string;
  dueAt: string;
  localDate: string;
  frequency?: 'daily' | 'weekly';
}

/**
 * What a digest says, end to end: rows written as the application writes them (API, factories), a digest ledger
 * row as the releaser writes it, the real worker composing and sending it, and the email that arrives. Then the
 * composer's batches (the worker and the benchmark compose hundreds at a time): the statements they cost.
 */
describe('digest content (API + worker + SMTP, injected clock)', () => {
  let sink: SmtpSink;
  let api: TestApi;
  let worker: TestWorker;
  useMailingStack({ PUBLIC_URL }, (stack) => ({ sink, api, worker } = stack));

  const as = (who: MadeUser) => signedIn(api, who);

  /** A study group of the cohort, as "form groups" makes them: private, its learners its only members. */
  const cohortGroup = (cohort: Cohort, facilitator: MadeUser, number: number, members: MadeUser[]) =>
    api.make.cohortGroup(cohort, facilitator, members, { number, name: `Group ${number}`, learnersOnly: true });

  async function meeting(group: StudyGroup, startsAt: string, status = 'scheduled', title: string | null = null) {
    await api.db.query(
      `INSERT INTO meetings (group_id, local_date, local_time, time_zone, starts_at, duration_minutes, status, title)
       VALUES ($1, ($2::timestamptz AT TIME ZONE 'UTC')::date, ($2::timestamptz AT TIME ZONE 'UTC')::time, 'UTC',
               $2, 60, $3, $4)`,
      [group.id, startsAt, status, title],
    );
  }

  async function thread(cohort: Cohort, who: MadeUser, title: string, body: string, groupId?: string) {
    const res = await as(who).post(`/cohorts/${cohort.id}/threads`, { title, body, ...(groupId ? { groupId } : {}) });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  }

  async function reply(cohort: Cohort, who: MadeUser, threadId: string, body: string): Promise<string> {
    const res = await as(who).post(`/cohorts/${cohort.id}/threads/${threadId}/posts`, { body });
    expect(res.status).toBe(201);
    return (res.body as { id: string }).id;
  }

  /** A person's digest for the window, as the worker hands it to the composer. */
  const digestFor = (who: MadeUser, window: DigestWindow): DeliveryToCompose => {
    const { frequency = 'daily', localDate, since, dueAt } = window;
    return {
      id: `digest-${who.user.id}`,
      kind: NotificationMailKind.Digest,
      dedupeKey: `digest:${frequency}:${who.user.id}:${localDate}`,
      userId: who.user.id,
      to: who.user.email!,
      locale: who.user.locale,
      payload: { frequency, localDate, since, dueAt },
    };
  };

  /** The digest ledger row the releaser would write, then the worker's job for it. */
  async function requestDigest(who: MadeUser, window: DigestWindow): Promise<string> {
    const ledger = api.app.get(EmailLedger);
    const digest = digestFor(who, window);
    const { id } = await api.db.transaction((manager) => ledger.request(manager, digest));
    await ledger.enqueue([id]);
    return digest.dedupeKey;
  }

  const digestTo = async (who: MadeUser): Promise<ReceivedMail> => {
    const [mail] = await sink.waitFor((m) => m.to.includes(who.user.email!) && /Commonplace/.test(m.subject));
    return mail!;
  };

  interface World {
    cohort: Cohort;
    facilitator: MadeUser;
    /** English, in Kathmandu (+05:45), in group 1. */
    nima: MadeUser;
    /** Spanish, in La Paz (-04:00), in group 1. */
    ana: MadeUser;
    bea: MadeUser;
    /** In group 2 only. */
    carl: MadeUser;
    /** Enrolled and joined group 1 inside the window. */
    dmitri: MadeUser;
  }

  /**
   * A learner-local cohort whose second module is due on 11 March (23:59 where each learner is), a group meeting
   * on the evening of 10 March (UTC), and a day of conversation on 9 March.
   */
  async function world(): Promise<World> {
    api.clock.set('2026-03-09T20:00:00Z');
    const facilitator = await api.make.user({ displayName: 'Fatou Diop', timeZone: 'Africa/Dakar' });
    const nima = await api.make.user({ displayName: 'Nima Sherpa', timeZone: 'Asia/Kathmandu', locale: 'en' });
    // Nima reads announcements in the digest (the others get them at once, and not again in the digest).
    const digestOnly = await signedIn(api, nima).patch('/users/me', {
      notifications: { announcementDelivery: 'digest' },
    });
    expect(digestOnly.status).toBe(200);
    const ana = await api.make.user({ displayName: 'Ana Mamani', timeZone: 'America/La_Paz', locale: 'es' });
    const bea = await api.make.user({ displayName: 'Bea Kowalska', timeZone: 'Europe/Warsaw' });
    const carl = await api.make.user({ displayName: 'Carl Jensen', timeZone: 'Europe/Copenhagen' });
    const dmitri = await api.make.user({ displayName: 'Dmitri Volkov', timeZone: 'Europe/Berlin' });
    const { cohort } = await api.make.cohort(facilitator, {
      title: 'Biogas, spring cohort',
      startDate: '2026-02-26',
      deadlineMode: DeadlineMode.LearnerLocal,
    });
    for (const learner of [nima, ana, bea, carl, dmitri]) await api.make.enrollment(cohort, learner);
    const group1 = await cohortGroup(cohort, facilitator, 1, [nima, ana, bea]);
    const group2 = await cohortGroup(cohort, facilitator, 2, [carl]);
    await api.make.membership(group1, dmitri);
    // Dmitri arrived on 9 March; everyone else long before (the factories' real "now" is outside every window).
    await api.db.query(`UPDATE cohort_members SET status_changed_at = '2026-03-09T15:00:00Z' WHERE user_id = $1`, [
      dmitri.user.id,
    ]);
    await api.db.query(`UPDATE group_members SET joined_at = '2026-03-09T15:00:00Z' WHERE user_id = $1`, [
      dmitri.user.id,
    ]);
    await meeting(group1, '2026-03-10T23:30:00Z', 'scheduled', 'Trench check-in');
    await meeting(group1, '2026-03-10T22:00:00Z', 'cancelled', 'Called off');
    await meeting(group1, '2026-03-14T23:30:00Z', 'scheduled', 'Far away');
    await meeting(group2, '2026-03-10T21:00:00Z', 'scheduled', 'Group two meets');

    const tubes = await thread(cohort, facilitator, 'Where do you get your tubes?', 'Tell us **your supplier**.');
    api.clock.advance(60_000);
    await reply(cohort, bea, tubes.id, 'The [hardware store](https://example.org) on _Calle 5_.');
    api.clock.advance(60_000);
    const deleted = await reply(cohort, bea, tubes.id, 'Oops, wrong thread, deleting this.');
    expect((await as(bea).delete(`/cohorts/${cohort.id}/threads/${tubes.id}/posts/${deleted}`)).status).toBe(204);
    api.clock.advance(60_000);
    await thread(cohort, ana, 'Pregunta de Ana', 'My own question is not news to me.');
    await thread(cohort, bea, 'Our plan for the trench', 'Group one digs on Saturday.', group1.id);
    await thread(cohort, carl, 'Group two secrets', 'Only group two reads this.', group2.id);
    const old = await reply(cohort, bea, tubes.id, 'Old news from before the window.');
    await api.db.query(`UPDATE discussion_posts SET created_at = '2026-03-08T10:00:00Z' WHERE id = $1`, [old]);
    api.clock.advance(60_000);
    const announced = await as(facilitator).post(`/cohorts/${cohort.id}/announcements`, {
      title: 'Week 3 opens early',
      body: 'Module 3 is out **today**. Bring one question to the meeting.',
    });
    expect(announced.status).toBe(201);
    return { cohort, facilitator, nima, ana, bea, carl, dmitri };
  }

  it('tells each learner what happened and what is coming, in their zone and language, and nothing else', async () => {
    const w = await world();
    // 08:00 on 10 March where each of them is.
    api.clock.set('2026-03-10T12:00:00Z');
    await requestDigest(w.nima, {
      localDate: '2026-03-10',
      since: '2026-03-09T02:15:00Z',
      dueAt: '2026-03-10T02:15:00Z',
    });
    await requestDigest(w.ana, {
      localDate: '2026-03-10',
      since: '2026-03-09T12:00:00Z',
      dueAt: '2026-03-10T12:00:00Z',
    });

    const toNima = await digestTo(w.nima);
    expect(toNima.subject).toBe('Your Commonplace digest — Tue 10 Mar');
    const text = toNima.text;
    expect(text).toContain('Times are in your time zone, Asia/Kathmandu.');
    // Due soon: module 2 is due 11 March 23:59 in Kathmandu (learner-local), 39 h 59 min after the digest.
    expect(text).toContain('Due soon');
    expect(text).toContain(
      'Module 2 (Biogas, spring cohort): due Wed, Mar 11, 2026, 23:59 (Asia/Kathmandu) · 39 h left',
    );
    expect(text).not.toContain('Module 3 (');
    // Upcoming meetings: their group's, in the next 24 h, in Kathmandu time; not cancelled, not other groups'.
    expect(text).toContain('Wed, Mar 11, 2026, 05:15 (Asia/Kathmandu): Trench check-in (Group 1)');
    expect(text).not.toContain('Called off');
    expect(text).not.toContain('Far away');
    expect(text).not.toContain('Group two meets');
    // Announcements (Nima chose digest-only), as plain text.
    expect(text).toContain('Week 3 opens early (Biogas, spring cohort)');
    expect(text).toContain('Module 3 is out today. Bring one question to the meeting.');
    // Conversation, grouped by thread, with the link to each thread.
    expect(text).toContain('* Where do you get your tubes?\n');
    expect(text).toContain('Fatou Diop wrote: Tell us your supplier.');
    expect(text).toContain('Bea Kowalska wrote: The hardware store on Calle 5.');
    expect(text).toContain('Ana Mamani wrote: My own question is not news to me.');
    expect(text).toContain('* Our plan for the trench (Group 1)');
    expect(text).not.toContain('Oops, wrong thread');
    expect(text).not.toContain('Group two secrets');
    expect(text).not.toContain('Old news');
    const threadId = (
      await api.db.query<{ id: string }[]>(
        `SELECT id FROM discussion_threads WHERE title = 'Where do you get your tubes?' AND cohort_id = $1`,
        [w.cohort.id],
      )
    )[0]!.id;
    expect(text).toContain(`${PUBLIC_URL}/cohorts/${w.cohort.id}/threads/${threadId}`);
    // New members: Dmitri joined the cohort and the group; nobody who was there before.
    expect(text).toContain('Dmitri Volkov joined Biogas, spring cohort');
    expect(text).toContain('Dmitri Volkov joined Group 1');
    expect(text).not.toContain('Bea Kowalska joined');
    // Sections in order: what is due and coming, then what was said, then who came.
    const order = ['Due soon', 'Upcoming meetings', 'Announcements', 'New in the conversation', 'New members'];
    expect(order.map((heading) => text.indexOf(heading))).toEqual(
      [...order.map((heading) => text.indexOf(heading))].sort((a, b) => a - b),
    );
    // One-click unsubscribe from digests (RFC 2369 + RFC 8058), and both links in the footer.
    const header = (name: string) => toNima.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '');
    const unsubscribe = header('list-unsubscribe');
    expect(unsubscribe).toMatch(/^<https:\/\/learn\.example\.org\/api\/v1\/notifications\/unsubscribe\?token=[^>]+>$/);
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribeUrl = unsubscribe!.slice(1, -1);
    expect(text).toContain(`Stop digest emails: ${unsubscribeUrl}`);
    expect(toNima.html).toContain(`href="${unsubscribeUrl.replaceAll('&', '&amp;')}"`);
    expect(toNima.html).toContain(`href="${PUBLIC_URL}/settings/notifications"`);
    expect(toNima.html).toContain('<strong>Wed, Mar 11, 2026, 05:15 (Asia/Kathmandu)</strong>');

    const toAna = await digestTo(w.ana);
    expect(toAna.subject).toBe('Tu resumen de Commonplace — mar 10 mar');
    expect(toAna.text).toContain('Las horas están en tu zona horaria, America/La_Paz.');
    expect(toAna.text).toContain('Entregas próximas');
    expect(toAna.text).toContain(`vence el ${renderInZone(new Date('2026-03-12T03:59:00Z'), 'America/La_Paz', 'es')}`);
    expect(toAna.text).toContain('23:59 (America/La_Paz) · quedan 39 h');
    expect(toAna.text).toContain(`${renderInZone(new Date('2026-03-10T23:30:00Z'), 'America/La_Paz', 'es')}: Trench`);
    expect(toAna.text).toContain('19:30 (America/La_Paz)');
    expect(toAna.text).toContain('Fatou Diop escribió: Tell us your supplier.');
    expect(toAna.text).toContain('Dmitri Volkov se unió a Group 1');
    // Her own thread is not news to her.
    expect(toAna.text).not.toContain('Pregunta de Ana');
    expect(toAna.text).not.toContain('Group two secrets');
  });

  it('looks a week ahead in a weekly digest, and shows a facilitator every group’s conversation', async () => {
    const w = await world();
    api.clock.set('2026-03-09T03:00:00Z');
    // Monday 9 March, 08:00 in Kathmandu; the week before.
    await requestDigest(w.nima, {
      frequency: 'weekly',
      localDate: '2026-03-09',
      since: '2026-03-02T02:15:00Z',
      dueAt: '2026-03-09T02:15:00Z',
    });
    const toNima = await digestTo(w.nima);
    expect(toNima.subject).toBe('Your weekly Commonplace digest — Mon 9 Mar');
    // Meetings of the next 7 days (the one on 14 March too), modules due in the next 8 days.
    expect(toNima.text).toContain('Sun, Mar 15, 2026, 05:15 (Asia/Kathmandu): Far away (Group 1)');
    expect(toNima.text).toContain(
      'Module 2 (Biogas, spring cohort): due Wed, Mar 11, 2026, 23:59 (Asia/Kathmandu) · 2 days left',
    );
    expect(toNima.text).toContain('Old news from before the window.');

    api.clock.set('2026-03-10T12:00:00Z');
    await requestDigest(w.facilitator, {
      localDate: '2026-03-10',
      since: '2026-03-09T08:00:00Z',
      dueAt: '2026-03-10T08:00:00Z',
    });
    const toFatou = await digestTo(w.facilitator);
    expect(toFatou.text).toContain('Group two secrets');
    expect(toFatou.text).toContain('Our plan for the trench');
    // Their own thread and announcement are not news to them; a facilitator has no modules due.
    expect(toFatou.text).not.toContain('Tell us your supplier');
    expect(toFatou.text).not.toContain('Week 3 opens early');
    expect(toFatou.text).not.toContain('Due soon');
  });

  it('shows the latest five posts of a busy thread and says how many more', async () => {
    api.clock.set('2026-05-01T00:00:00Z');
    const facilitator = await api.make.user({ displayName: 'Fatou Diop' });
    const reader = await api.make.user({ timeZone: 'Asia/Kathmandu' });
    const { cohort } = await api.make.cohort(facilitator, { title: 'Busy cohort', startDate: '2026-06-01' });
    await api.make.enrollment(cohort, reader);
    api.clock.set('2026-05-01T12:00:00Z');
    const { id: threadId } = await thread(cohort, facilitator, 'Introduce yourself', 'Post 1');
    for (let n = 2; n <= 8; n++) {
      api.clock.advance(60_000);
      await reply(cohort, facilitator, threadId, `Post ${n}`);
    }

    api.clock.set('2026-05-02T02:15:00Z');
    await requestDigest(reader, {
      localDate: '2026-05-02',
      since: '2026-05-01T02:15:00.000Z',
      dueAt: '2026-05-02T02:15:00.000Z',
    });
    const mail = await digestTo(reader);

    expect(mail.subject).toBe('Your Commonplace digest — Sat 2 May');
    for (const n of [4, 5, 6, 7, 8]) expect(mail.text).toContain(`- Fatou Diop wrote: Post ${n}\n`);
    for (const n of [1, 2, 3]) expect(mail.text).not.toContain(`Post ${n}\n`);
    expect(mail.text).toContain('…and 3 more.');
    expect(mail.html).toContain('…and 3 more.');
  });

  it('sends no email when there is no news, nor to someone who turned digests off or was deleted', async () => {
    api.clock.set('2026-03-09T20:00:00Z');
    const facilitator = await api.make.user({ displayName: 'Fatou Diop' });
    const quiet = await api.make.user({ timeZone: 'Asia/Kathmandu' });
    const off = await api.make.user();
    const gone = await api.make.user();
    // Cohorts whose modules were all due in January: nothing due soon.
    const { cohort } = await api.make.cohort(facilitator, { startDate: '2026-01-05' });
    const { cohort: lonely } = await api.make.cohort(facilitator, { startDate: '2026-01-05', title: 'Lonely' });
    for (const learner of [off, gone]) await api.make.enrollment(cohort, learner);
    await api.make.enrollment(lonely, quiet);
    // Quiet's only "news" is their own post; the others have a thread by the facilitator to read.
    await thread(lonely, quiet, 'Talking to myself', 'Nobody else here.');
    await thread(cohort, facilitator, 'Welcome', 'Say hello.');
    expect((await as(off).patch('/users/me', { notifications: { digest: 'off' } })).status).toBe(200);
    await api.db.query(`UPDATE users SET deleted_at = '2026-03-09T21:00:00Z', email = NULL WHERE id = $1`, [
      gone.user.id,
    ]);

    api.clock.set('2026-03-10T12:00:00Z');
    const window = { localDate: '2026-03-10', since: '2026-03-09T12:00:00Z', dueAt: '2026-03-10T02:15:00Z' };
    const keys = [
      await requestDigest(quiet, window),
      await requestDigest(off, window),
      await requestDigest(gone, window),
    ];
    for (const key of keys) await waitForLedgerStatus(api.db, key, 'skipped');
    for (const who of [quiet, off, gone]) expect(sink.to(who.user.email!)).toHaveLength(0);
  });
  it('composes a batch of any size with the statements of one digest, each person their own content', async () => {
    api.clock.set('2026-03-05T00:00:00Z');
    const facilitator = await api.make.user({ displayName: 'Fatou Diop' });
    const ana = await api.make.user({ displayName: 'Ana Quispe', timeZone: 'America/La_Paz' });
    const bruno = await api.make.user({ displayName: 'Bruno Vidal', timeZone: 'Europe/Madrid', locale: 'es' });
    const idle = await api.make.user({ timeZone: 'Europe/Madrid' });
    const crowd = await Promise.all(Array.from({ length: 25 }, (_, i) => api.make.user({ displayName: `L${i}` })));
    const { cohort } = await api.make.cohort(facilitator, { title: 'Biogas, batch cohort', startDate: '2026-06-01' });
    for (const learner of [ana, bruno, ...crowd]) await api.make.enrollment(cohort, learner);
    api.clock.set('2026-03-05T20:00:00Z');
    await thread(cohort, facilitator, 'Where do you get your tubes?', 'Hello.');
    await thread(cohort, ana, 'Ana asks about gas pressure', 'Hello.');

    const composer = worker.app.get(DigestComposer);
    const window = { since: '2026-03-05T07:00:00.000Z', dueAt: '2026-03-06T07:00:00.000Z', localDate: '2026-03-06' };
    const forAna = digestFor(ana, {
      ...window,
      since: '2026-03-05T12:00:00.000Z',
      dueAt: '2026-03-06T12:00:00.000Z',
    });
    const forBruno = digestFor(bruno, window);
    const forIdle = digestFor(idle, window);
    const forCrowd = crowd.map((learner) => digestFor(learner, window));
    // Counts the composer's own statements (the readers, then the sections'): the worker's other jobs use the
    // same manager meanwhile.
    const queries = jest.spyOn(worker.app.get(DataSource).manager, 'query');
    const composerQueries = () =>
      queries.mock.calls.filter(([sql]) => /WITH r AS|notification_preferences p/.test(sql)).length;
    try {
      const single = await composer.compose(forAna);
      const forOne = composerQueries();
      // The readers, then one query per section.
      expect(forOne).toBeLessThanOrEqual(1 + DIGEST_SECTION_TYPES.length);
      queries.mockClear();
      const batch = await composer.composeMany([forAna, forBruno, forIdle, ...forCrowd]);
      expect(composerQueries()).toBe(forOne);

      expect(single?.text).toContain('Where do you get your tubes?');
      expect(batch.get(forAna.id)?.text).toBe(single?.text);
      expect(batch.get(forAna.id)?.text).not.toContain('Ana asks about gas pressure');
      expect(batch.get(forBruno.id)?.subject).toBe('Tu resumen de Commonplace — vie 6 mar');
      expect(batch.get(forBruno.id)?.text).toContain('Ana Quispe escribió: Hello.');
      expect(batch.get(forIdle.id)).toBeNull();
      const crowdTexts = forCrowd.map((digest) => batch.get(digest.id)?.text);
      expect(crowdTexts.filter((text) => text?.includes('Where do you get your tubes?'))).toHaveLength(25);
    } finally {
      queries.mockRestore();
    }
  });
});
