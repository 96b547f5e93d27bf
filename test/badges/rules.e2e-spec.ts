import { Outbox } from '@app/core';
import { Anonymity } from '@app/courses';
import { OutboxRelay } from '@app/notifications';
import { signedIn, startTestApi, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';
import { startTestWorker, type TestWorker } from '../support/worker-app';

/**
 * Badges earned automatically, from the outbox events of cohorts, groups and peer review as the worker relays them:
 * each rule awards once when its events repeat, arrive for people who do not (yet) qualify, or are relayed by two
 * relays at once — two worker processes, batches of one, so the same person's events are handled in two
 * transactions side by side — and never below its threshold.
 */
describe('badges: automatic rules', () => {
  let api: TestApi;
  let workers: [TestWorker, TestWorker];
  beforeAll(async () => {
    api = await startTestApi();
    workers = [await startTestWorker(api), await startTestWorker(api)];
  });
  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await api.close();
  });

  const as = (who: MadeUser) => signedIn(api, who);
  /** Both workers relay at once, one event per batch, then the first drains whatever is left. */
  async function relayConcurrently(): Promise<void> {
    await Promise.all(workers.map((worker) => worker.app.get(OutboxRelay).relay(1)));
    await workers[0].app.get(OutboxRelay).relay();
  }

  const badge = (name: string, rule: object) => ({
    name,
    description: `${name}, earned automatically.`,
    criteria: 'See the rule.',
    rule,
  });

  /** The recipients of an achievement, as its managers list them, and the `badge.awarded` events recorded. */
  async function awardsOf(manager: MadeUser, achievementId: string) {
    const list = await as(manager).get(`/badges/achievements/${achievementId}/awards`);
    expect(list.status).toBe(200);
    const events = await api.db.query<{ recipient: string }[]>(
      `SELECT payload->>'recipientId' AS recipient FROM outbox_events
        WHERE type = 'badge.awarded' AND payload->>'achievementId' = $1`,
      [achievementId],
    );
    return {
      recipients: (list.body as { recipient: { id: string }; source: string }[]).map((a) => a.recipient.id).sort(),
      sources: [...new Set((list.body as { source: string }[]).map((a) => a.source))],
      events: events.map((e) => e.recipient).sort(),
    };
  }

  it('cohort-completed: the learners who completed the cohort, once, whatever events arrive', async () => {
    api.clock.set('2026-03-03T12:00:00Z');
    const facilitator = await api.make.user();
    const { cohort, modules } = await api.make.cohort(facilitator, { modules: 1 });
    const [ana, bo] = [await api.make.user(), await api.make.user()];
    await api.make.enrollment(cohort, ana);
    await api.make.enrollment(cohort, bo);
    const made = await as(facilitator).post(
      `/cohorts/${cohort.id}/badges`,
      badge('Finisher', { kind: 'cohort-completed' }),
    );
    expect(made.status).toBe(201);
    const byHand = await as(facilitator).post(`/cohorts/${cohort.id}/badges`, { ...badge('By hand', {}), rule: null });

    const done = await as(ana).post(`/cohorts/${cohort.id}/modules/${modules[0]!.moduleId}/complete`);
    expect(done.status).toBe(200);
    // The same event again, and one for Bo, who has not completed: the rule reads the cohort as it is now.
    await api.db.transaction(async (manager) => {
      const outbox = api.app.get(Outbox);
      await outbox.record(manager, 'cohort.learner-completed', cohort.id, { cohortId: cohort.id, userId: ana.user.id });
      await outbox.record(manager, 'cohort.learner-completed', cohort.id, { cohortId: cohort.id, userId: bo.user.id });
    });
    await relayConcurrently();

    const got = await awardsOf(facilitator, made.body.id);
    expect(got).toEqual({ recipients: [ana.user.id], sources: ['rule'], events: [ana.user.id] });
    expect((await awardsOf(facilitator, byHand.body.id)).recipients).toEqual([]);

    await as(bo).post(`/cohorts/${cohort.id}/modules/${modules[0]!.moduleId}/complete`);
    await relayConcurrently();
    expect((await awardsOf(facilitator, made.body.id)).events).toEqual([ana.user.id, bo.user.id].sort());

    // A badge given the rule after the fact goes to everyone who already completed, once however often it is set.
    const late = await as(facilitator).patch(`/badges/achievements/${byHand.body.id}`, {
      rule: { kind: 'cohort-completed' },
    });
    expect(late.status).toBe(200);
    await as(facilitator).patch(`/badges/achievements/${byHand.body.id}`, { rule: { kind: 'cohort-completed' } });
    await relayConcurrently();
    expect(await awardsOf(facilitator, byHand.body.id)).toEqual({
      recipients: [ana.user.id, bo.user.id].sort(),
      sources: ['rule'],
      events: [ana.user.id, bo.user.id].sort(),
    });
  });

  it('meetings-attended: members who attended N meetings of the group, once, counted again on each record', async () => {
    api.clock.set('2026-02-20T12:00:00Z');
    const facilitator = await api.make.user();
    const group = await api.make.group(facilitator);
    const [ana, bo] = [await api.make.user(), await api.make.user()];
    await api.make.membership(group, ana);
    await api.make.membership(group, bo);
    const made = await as(facilitator).post(
      `/groups/${group.id}/badges`,
      badge('Regular', { kind: 'meetings-attended', count: 2 }),
    );
    expect(made.status).toBe(201);
    const added = await as(facilitator).post(`/groups/${group.id}/meetings`, {
      meetings: ['2026-03-02', '2026-03-09', '2026-03-16'].map((localDate) => ({
        localDate,
        localTime: '18:00',
        durationMinutes: 60,
      })),
    });
    expect(added.status).toBe(201);
    const [m1, m2, m3] = (added.body.items as { id: string }[]).map((m) => m.id) as [string, string, string];
    api.clock.set('2026-03-20T12:00:00Z');
    const record = async (meetingId: string, records: [MadeUser, boolean][]) => {
      const res = await as(facilitator).put(`/meetings/${meetingId}/attendance`, {
        records: records.map(([who, attended]) => ({ userId: who.user.id, attended })),
      });
      expect(res.status).toBe(200);
    };

    await record(m1, [
      [ana, true],
      [bo, true],
    ]);
    await relayConcurrently();
    expect((await awardsOf(facilitator, made.body.id)).recipients).toEqual([]);

    await record(m2, [
      [ana, true],
      [bo, false],
    ]);
    await record(m2, [
      [ana, true],
      [bo, false],
    ]);
    await record(m3, [[ana, true]]);
    const events = await api.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'group.attendance-recorded' AND aggregate_id = $1`,
      [group.id],
    );
    expect(events[0]!.n).toBe(4);
    await relayConcurrently();
    expect(await awardsOf(facilitator, made.body.id)).toEqual({
      recipients: [ana.user.id],
      sources: ['rule'],
      events: [ana.user.id],
    });

    await record(m3, [
      [ana, true],
      [bo, true],
    ]);
    await relayConcurrently();
    expect((await awardsOf(facilitator, made.body.id)).events).toEqual([ana.user.id, bo.user.id].sort());

    // Made after the meetings: those who attended all three have it at once, the others not.
    const faithful = await as(facilitator).post(
      `/groups/${group.id}/badges`,
      badge('Faithful', { kind: 'meetings-attended', count: 3 }),
    );
    await relayConcurrently();
    expect((await awardsOf(facilitator, faithful.body.id)).events).toEqual([ana.user.id]);
  });

  describe('peer review', () => {
    /** Ana and Bruno review each other's work (k = m = 1), each review released to its author. */
    async function reviewedPair() {
      api.clock.set('2026-03-03T12:00:00Z');
      const facilitator = await api.make.user({ timeZone: 'UTC' });
      const { cohort, version } = await api.make.cohort(facilitator, {
        timeZone: 'UTC',
        assignment: { review: { reviewsPerSubmission: 1, reviewsPerLearner: 1, anonymity: Anonymity.DoubleBlind } },
      });
      const [ana, bruno] = [await api.make.user(), await api.make.user()];
      await api.make.enrollment(cohort, ana);
      await api.make.enrollment(cohort, bruno);
      const assignment = version.modules[0]!.assignments[0]!;
      const base = `/cohorts/${cohort.id}/assignments/${assignment.id}`;
      const submissionOf = new Map<string, string>();
      for (const learner of [ana, bruno]) {
        const res = await as(learner).post(`${base}/submissions`, { body: 'Two clamps.' });
        expect(res.status).toBe(201);
        submissionOf.set(learner.user.id, res.body.submissionId as string);
        api.clock.advance(60_000);
      }
      const review = async (reviewer: MadeUser): Promise<string> => {
        const next = await as(reviewer).post(`${base}/reviews/next`);
        expect(next.status).toBe(200);
        const id = next.body.id as string;
        const draft = await as(reviewer).put(`${base}/reviews/${id}`, {
          scores: [
            { criterionId: assignment.rubric[0]!.id, level: 'Holds', comment: 'Holds.' },
            { criterionId: assignment.rubric[1]!.id, value: 7, comment: 'Careful.' },
          ],
          overallComment: 'Fine work.',
        });
        expect(draft.status).toBe(200);
        expect((await as(reviewer).post(`${base}/reviews/${id}/submit`)).status).toBe(200);
        return id;
      };
      const byAna = await review(ana);
      const byBruno = await review(bruno);
      return { facilitator, cohort, ana, bruno, base, assignmentId: assignment.id, submissionOf, byAna, byBruno };
    }

    it('reviews-given: reviewers with N reviews rated helpful enough on average, once, and not before', async () => {
      const s = await reviewedPair();
      const made = await as(s.facilitator).post(
        `/cohorts/${s.cohort.id}/badges`,
        badge('Helpful Reviewer', { kind: 'reviews-given', count: 1, minHelpfulness: 4 }),
      );
      expect(made.status).toBe(201);
      await relayConcurrently();
      expect((await awardsOf(s.facilitator, made.body.id)).recipients).toEqual([]);

      const rate = async (author: MadeUser, reviewId: string, helpfulness: number) => {
        const res = await as(author).put(`${s.base}/submissions/mine/reviews/${reviewId}/rating`, { helpfulness });
        expect(res.status).toBe(200);
      };
      await rate(s.bruno, s.byAna, 5);
      await rate(s.bruno, s.byAna, 5);
      await rate(s.ana, s.byBruno, 2);
      await relayConcurrently();
      expect(await awardsOf(s.facilitator, made.body.id)).toEqual({
        recipients: [s.ana.user.id],
        sources: ['rule'],
        events: [s.ana.user.id],
      });

      await rate(s.ana, s.byBruno, 4);
      await rate(s.bruno, s.byAna, 4);
      await relayConcurrently();
      expect((await awardsOf(s.facilitator, made.body.id)).events).toEqual([s.ana.user.id, s.bruno.user.id].sort());

      const later = await as(s.facilitator).post(
        `/cohorts/${s.cohort.id}/badges`,
        badge('Very Helpful', { kind: 'reviews-given', count: 1, minHelpfulness: 4.5 }),
      );
      await relayConcurrently();
      expect((await awardsOf(s.facilitator, later.body.id)).events).toEqual([]);
      await as(s.facilitator).patch(`/badges/achievements/${later.body.id}`, {
        rule: { kind: 'reviews-given', count: 1, minHelpfulness: 4 },
      });
      await relayConcurrently();
      expect((await awardsOf(s.facilitator, later.body.id)).events).toEqual([s.ana.user.id, s.bruno.user.id].sort());
    });

    it('submission-scored: authors whose released total reaches the score, once; nothing before release', async () => {
      const s = await reviewedPair();
      const made = await as(s.facilitator).post(
        `/cohorts/${s.cohort.id}/badges`,
        badge('Tight Seal', { kind: 'submission-scored', minScore: 80, assignmentId: s.assignmentId }),
      );
      const anyAssignment = await as(s.facilitator).post(
        `/cohorts/${s.cohort.id}/badges`,
        badge('Above 30', { kind: 'submission-scored', minScore: 30 }),
      );
      const override = async (author: MadeUser, total: number) => {
        api.clock.advance(60_000); // the override in force is the latest one
        const res = await as(s.facilitator).post(
          `${s.base}/submissions/${s.submissionOf.get(author.user.id)!}/score-overrides`,
          { total, reason: 'Checked the seal myself.' },
        );
        expect(res.status).toBe(200);
      };
      await override(s.ana, 90);
      await override(s.bruno, 40);
      await relayConcurrently();
      expect((await awardsOf(s.facilitator, made.body.id)).recipients).toEqual([]);

      expect((await as(s.facilitator).post(`${s.base}/scores/release`)).status).toBe(200);
      await override(s.ana, 91);
      await relayConcurrently();
      expect(await awardsOf(s.facilitator, made.body.id)).toEqual({
        recipients: [s.ana.user.id],
        sources: ['rule'],
        events: [s.ana.user.id],
      });
      expect((await awardsOf(s.facilitator, anyAssignment.body.id)).events).toEqual(
        [s.ana.user.id, s.bruno.user.id].sort(),
      );

      await override(s.bruno, 85);
      await relayConcurrently();
      expect((await awardsOf(s.facilitator, made.body.id)).events).toEqual([s.ana.user.id, s.bruno.user.id].sort());

      const later = await as(s.facilitator).post(
        `/cohorts/${s.cohort.id}/badges`,
        badge('Above 88', { kind: 'submission-scored', minScore: 88 }),
      );
      await relayConcurrently();
      expect((await awardsOf(s.facilitator, later.body.id)).events).toEqual([s.ana.user.id]);
    });
  });
});
