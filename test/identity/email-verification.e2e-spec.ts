import { SmtpSink } from '@app/core/testing';
import { CohortRole } from '@app/cohorts';
import { signedIn, startTestApi, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';
import { startTestWorker } from '../support/worker-app';
import { courseBody } from '../courses/course-bodies';

const newGroup = {
  name: 'Biogas builders of El Alto',
  description: 'We build tube digesters together.',
  topic: 'biogas',
  language: 'es',
  timeZone: 'America/La_Paz',
  mode: 'online',
  meetingLink: 'https://meet.example.org/biogas-el-alto',
  capacity: 12,
};

describe('what an account with an unverified email address may do', () => {
  let sink: SmtpSink;
  let api: TestApi;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    api = await startTestApi({ SMTP_URL: sink.url });
  });
  afterAll(async () => {
    await api.close();
    await sink.stop();
  });

  const as = (who: MadeUser) => signedIn(api, who);
  const expectNotVerified = (res: { status: number; headers: Record<string, string>; body: { code: string } }) => {
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('email_not_verified');
  };

  it('writes a private course draft but publishes no version until the address is verified', async () => {
    const una = await api.make.user({ verified: false });
    const created = await as(una).post('/courses', courseBody());
    expect(created.status).toBe(201);
    const courseId = created.body.id as string;
    expect((await as(una).patch(`/courses/${courseId}/draft`, { title: 'Tube digesters' })).status).toBe(200);

    expectNotVerified(await as(una).post(`/courses/${courseId}/publish`));
    expect((await api.http().get(`/api/v1/courses/${courseId}`)).status).toBe(404);

    await api.make.verifyEmail(una);
    const published = await as(una).post(`/courses/${courseId}/publish`);
    expect(published.status).toBe(201);
    expect((await api.http().get(`/api/v1/courses/${courseId}`)).body.title).toBe('Tube digesters');
  });

  it('creates no study group and no cohort, and nothing is left behind', async () => {
    const author = await api.make.user();
    const { version } = await api.make.course(author);
    const una = await api.make.user({ verified: false });

    expectNotVerified(await as(una).post('/groups', newGroup));
    expectNotVerified(
      await as(una).post('/cohorts', {
        title: 'Biogas, spring 2026',
        courseVersionId: version!.id,
        startDate: '2026-03-02',
        timeZone: 'America/La_Paz',
        capacity: 40,
        enrollmentMode: 'open',
        deadlineMode: 'fixed',
      }),
    );
    const [groups] = await api.db.query('SELECT count(*)::int AS n FROM study_groups WHERE created_by = $1', [
      una.user.id,
    ]);
    const [cohorts] = await api.db.query('SELECT count(*)::int AS n FROM cohorts WHERE created_by = $1', [una.user.id]);
    expect([groups.n, cohorts.n]).toEqual([0, 0]);

    await api.make.verifyEmail(una);
    expect((await as(una).post('/groups', newGroup)).status).toBe(201);
  });

  it('joins groups and enrolls in cohorts, but starts no thread, posts no reply and announces nothing', async () => {
    const facilitator = await api.make.user();
    const group = await api.make.group(facilitator);
    const { cohort } = await api.make.cohort(facilitator);
    const una = await api.make.user({ verified: false });
    const coFacilitator = await api.make.user({ verified: false });
    await api.make.enrollment(cohort, coFacilitator, { role: CohortRole.Facilitator });

    expect((await as(una).post(`/groups/${group.id}/join`)).status).toBe(201);
    expect((await as(una).post(`/cohorts/${cohort.id}/enrollment`)).status).toBe(201);

    const threads = `/cohorts/${cohort.id}/threads`;
    expectNotVerified(await as(una).post(threads, { title: 'Where to buy tube?', body: 'In La Paz?' }));
    const opened = await as(facilitator).post(threads, { title: 'Welcome', body: 'Say hello!' });
    expect(opened.status).toBe(201);
    expectNotVerified(await as(una).post(`${threads}/${opened.body.id as string}/posts`, { body: 'Hello!' }));
    expectNotVerified(
      await as(coFacilitator).post(`/cohorts/${cohort.id}/announcements`, { title: 'Week 2', body: 'Gloves.' }),
    );
    const [posts] = await api.db.query('SELECT count(*)::int AS n FROM discussion_posts WHERE author_id = ANY($1)', [
      [una.user.id, coFacilitator.user.id],
    ]);
    expect(posts.n).toBe(0);

    await api.make.verifyEmail(una);
    expect((await as(una).post(`${threads}/${opened.body.id as string}/posts`, { body: 'Hello!' })).status).toBe(201);
  });

  it('receives only verification and reset emails; mail queued before verifying goes if verified by send time', async () => {
    // The worker is not running yet: the announcement's emails wait in the ledger while one learner verifies.
    const facilitator = await api.make.user();
    const { cohort } = await api.make.cohort(facilitator);
    const vera = await api.make.user();
    const late = await api.make.user({ verified: false });
    const never = await api.make.user({ verified: false });
    for (const learner of [vera, late, never]) await api.make.enrollment(cohort, learner);

    const announced = await as(facilitator).post(`/cohorts/${cohort.id}/announcements`, {
      title: 'Week 2 starts Monday',
      body: 'Bring gloves.',
    });
    expect(announced.status).toBe(201);
    await api.make.verifyEmail(late);
    await api.http().post('/api/v1/auth/password-reset').send({ email: never.user.email }).expect(202);
    await as(never).post('/auth/verify-email/resend').expect(200);

    const worker = await startTestWorker(api);
    try {
      await sink.waitFor((m) => m.to.includes(vera.user.email!) || m.to.includes(late.user.email!), 2);
      const toNever = await sink.waitFor((m) => m.to.includes(never.user.email!), 2);
      expect(toNever.map((m) => m.subject).sort()).toEqual([
        'Confirm your email address for Commonplace',
        'Reset your Commonplace password',
      ]);
      const skipped = async () =>
        api.db.query<{ status: string; last_response: string }[]>(
          `SELECT status, last_response FROM email_deliveries WHERE user_id = $1 AND status <> 'sent'`,
          [never.user.id],
        );
      for (let tries = 0; tries < 100 && (await skipped()).some((r) => r.status !== 'skipped'); tries++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await skipped()).toEqual([
        { status: 'skipped', last_response: 'the recipient has not verified this address' },
      ]);
    } finally {
      await worker.close();
    }
    expect(sink.to(vera.user.email!).map((m) => m.subject)).toEqual(['[Biogas, spring cohort] Week 2 starts Monday']);
    expect(sink.to(late.user.email!).map((m) => m.subject)).toEqual(['[Biogas, spring cohort] Week 2 starts Monday']);
    expect(sink.to(never.user.email!)).toHaveLength(2);
  });
});
