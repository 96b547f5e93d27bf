import { defaultBadgePng, Issuers } from '@app/badges';
import { signedIn, startTestApi, v1, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';

interface Problem {
  code: string;
  errors: { field: string }[];
}

const fieldsOf = (body: unknown): string[] => (body as Problem).errors.map((e) => e.field);

/**
 * Badges by hand, through HTTP: achievements made by a cohort's or a group's facilitators (or the issuer's admins
 * for the platform) with their rules checked against the scope, images checked from their bytes, awards to the
 * scope's members only, revocation, and peer nomination awarding once however the endorsements race. A facilitator
 * of another cohort and a learner are refused every manager's action.
 */
describe('badges: achievements, facilitator awards, revocation and peer nomination', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const as = (who: MadeUser) => signedIn(api, who);

  /** A cohort run by `facilitator` with `learners` enrolled, and another facilitator's cohort beside it. */
  async function cohortWith(learnerCount: number) {
    const facilitator = await api.make.user({ displayName: 'Fatima Facilitator' });
    const { cohort, version } = await api.make.cohort(facilitator, { assignment: {} });
    const learners: MadeUser[] = [];
    for (let i = 0; i < learnerCount; i++) {
      const learner = await api.make.user({ displayName: `Learner ${i + 1}` });
      await api.make.enrollment(cohort, learner);
      learners.push(learner);
    }
    const stranger = await api.make.user({ displayName: 'Other Facilitator' });
    await api.make.cohort(stranger);
    const assignmentId = version.modules[0]!.assignments[0]!.id;
    return { facilitator, cohort, learners, stranger, assignmentId };
  }

  const badge = {
    name: 'Steady Reviewer',
    description: 'Gave careful reviews.',
    criteria: 'Give five reviews rated 4 of 5 on average.',
    tags: ['peer-review'],
  };

  describe('achievements', () => {
    it('are made and edited by the cohort’s facilitators, with rules that fit the scope', async () => {
      const { facilitator, cohort, learners, stranger, assignmentId } = await cohortWith(1);
      const path = `/cohorts/${cohort.id}/badges`;

      const made = await as(facilitator).post(path, {
        ...badge,
        rule: { kind: 'reviews-given', count: 5, minHelpfulness: 4 },
      });
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({
        name: 'Steady Reviewer',
        scope: { type: 'cohort', id: cohort.id },
        rule: { kind: 'reviews-given', count: 5, minHelpfulness: 4 },
        endorsementsNeeded: null,
        archivedAt: null,
      });
      expect(made.body.url).toMatch(new RegExp(`/api/v1/badges/achievements/${made.body.id}$`));

      expect((await as(learners[0]!).post(path, badge)).status).toBe(403);
      expect((await as(stranger).post(path, badge)).status).toBe(403);

      const refused = async (rule: object) => {
        const res = await as(facilitator).post(path, { ...badge, rule });
        expect(res.status).toBe(400);
        return fieldsOf(res.body);
      };
      const nameless = await as(facilitator).post(path, { description: 'x', criteria: 'y' });
      expect(nameless.status).toBe(400);
      expect(fieldsOf(nameless.body)).toEqual(['name']);
      expect(fieldsOf((await as(facilitator).post(path, { ...badge, name: '   ' })).body)).toEqual(['name']);
      expect(await refused({ kind: 'meetings-attended', count: 3 })).toEqual(['rule.kind']);
      expect(await refused({ kind: 'bribery' })).toEqual(['rule.kind']);
      expect(await refused({ kind: 'reviews-given', count: 0, minHelpfulness: 6 })).toEqual([
        'rule.count',
        'rule.minHelpfulness',
      ]);
      expect(await refused({ kind: 'submission-scored', minScore: 101 })).toEqual(['rule.minScore']);
      expect(
        await refused({
          kind: 'submission-scored',
          minScore: 80,
          assignmentId: '00000000-0000-4000-8000-000000000000',
        }),
      ).toEqual(['rule.assignmentId']);
      const scored = await as(facilitator).post(path, {
        ...badge,
        name: 'Sealed it',
        rule: { kind: 'submission-scored', minScore: 80, assignmentId },
      });
      expect(scored.status).toBe(201);

      const list = await as(learners[0]!).get(path);
      expect(list.status).toBe(200);
      expect(list.body.map((a: { name: string }) => a.name)).toEqual(['Steady Reviewer', 'Sealed it']);
      const outsider = await api.make.user();
      expect((await as(outsider).get(path)).status).toBe(403);

      const edited = await as(facilitator).patch(`/badges/achievements/${made.body.id}`, {
        name: 'Careful Reviewer',
        endorsementsNeeded: 2,
        rule: null,
      });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ name: 'Careful Reviewer', endorsementsNeeded: 2, rule: null });
      expect((await as(learners[0]!).patch(`/badges/achievements/${made.body.id}`, { name: 'Mine' })).status).toBe(403);
      const badEdit = await as(facilitator).patch(`/badges/achievements/${made.body.id}`, {
        rule: { kind: 'cohort-completed', extra: 1 },
      });
      expect(badEdit.status).toBe(400);
      expect(fieldsOf(badEdit.body)).toEqual(['rule.extra']);

      const archived = await as(facilitator).post(`/badges/achievements/${made.body.id}/archive`);
      expect(archived.status).toBe(200);
      expect(archived.body.archivedAt).not.toBeNull();
      const details = await as(learners[0]!).get(`/badges/achievements/${made.body.id}/details`);
      expect(details.body.name).toBe('Careful Reviewer');
    });

    it('of a group are its facilitators’, with group rules; the platform’s are its issuer’s admins’', async () => {
      const facilitator = await api.make.user();
      const group = await api.make.group(facilitator);
      const member = await api.make.user();
      await api.make.membership(group, member);

      const path = `/groups/${group.id}/badges`;
      const cohortRule = await as(facilitator).post(path, { ...badge, rule: { kind: 'cohort-completed' } });
      expect(cohortRule.status).toBe(400);
      expect(fieldsOf(cohortRule.body)).toEqual(['rule.kind']);
      const made = await as(facilitator).post(path, { ...badge, rule: { kind: 'meetings-attended', count: 3 } });
      expect(made.status).toBe(201);
      expect((await as(member).post(path, badge)).status).toBe(403);
      expect((await as(member).get(path)).body).toHaveLength(1);

      const someone = await api.make.user();
      expect((await as(someone).post('/badges/achievements', badge)).status).toBe(403);
      await api.app.get(Issuers).addAdmin(await api.app.get(Issuers).platformIssuerId(), someone.user.id);
      const platform = await as(someone).post('/badges/achievements', { ...badge, name: 'Welcome' });
      expect(platform.status).toBe(201);
      expect(platform.body.scope).toEqual({ type: 'platform', id: null });
      const admin = await api.make.admin();
      expect((await as(admin).post('/badges/achievements', { ...badge, name: 'Helper' })).status).toBe(201);
      const groupRule = await as(admin).post('/badges/achievements', {
        ...badge,
        rule: { kind: 'meetings-attended', count: 1 },
      });
      expect(groupRule.status).toBe(400);
    });

    it('take a PNG or a harmless SVG as their image, checked from the bytes', async () => {
      const { facilitator, cohort, learners } = await cohortWith(1);
      const made = await as(facilitator).post(`/cohorts/${cohort.id}/badges`, badge);
      const put = (who: MadeUser, type: string, bytes: Buffer | string) =>
        api
          .http()
          .put(v1(`/badges/achievements/${made.body.id}/image`))
          .set('Authorization', who.auth)
          .set('Content-Type', type)
          .send(Buffer.from(bytes));

      const png = await put(facilitator, 'image/png', defaultBadgePng());
      expect(png.status).toBe(200);
      const stored = await api.db.query<{ image_type: string; size: number }[]>(
        'SELECT image_type, length(image) AS size FROM badge_achievements WHERE id = $1',
        [made.body.id],
      );
      expect(stored[0]).toEqual({ image_type: 'image/png', size: defaultBadgePng().length });

      const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="5" fill="url(#g)"/></svg>';
      expect((await put(facilitator, 'image/svg+xml', svg)).status).toBe(200);

      const hostile = [
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>hi</p></foreignObject></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/x.png"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://evil.example/x)"/></svg>',
      ];
      for (const bad of hostile) {
        const res = await put(facilitator, 'image/svg+xml', bad);
        expect(res.status).toBe(415);
        expect(fieldsOf(res.body)).toEqual(['body']);
      }
      expect((await put(facilitator, 'image/png', svg)).status).toBe(415);
      expect((await put(facilitator, 'image/png', Buffer.alloc(300 * 1024, 1))).status).toBe(413);
      expect((await put(learners[0]!, 'image/png', defaultBadgePng())).status).toBe(403);
      const after = await api.db.query<{ image_type: string }[]>(
        'SELECT image_type FROM badge_achievements WHERE id = $1',
        [made.body.id],
      );
      expect(after[0]!.image_type).toBe('image/svg+xml');
    });
  });

  describe('facilitator awards and revocation', () => {
    it('award the scope’s members only, all or nothing, once each; revoked by managers, not by the recipient', async () => {
      const { facilitator, cohort, learners, stranger } = await cohortWith(2);
      const [ana, bo] = learners as [MadeUser, MadeUser];
      const made = await as(facilitator).post(`/cohorts/${cohort.id}/badges`, badge);
      const awards = `/badges/achievements/${made.body.id}/awards`;
      const outsider = await api.make.user();

      const mixed = await as(facilitator).post(awards, { recipientIds: [ana.user.id, outsider.user.id] });
      expect(mixed.status).toBe(409);
      expect(mixed.body.code).toBe('recipient_not_member');
      expect(fieldsOf(mixed.body)).toEqual(['recipientIds[1]']);
      expect((await as(facilitator).get(awards)).body).toEqual([]);

      const badLink = await as(facilitator).post(awards, {
        recipientIds: [ana.user.id],
        evidence: [{ url: 'ftp://example.org/x' }],
      });
      expect(badLink.status).toBe(400);
      expect(fieldsOf(badLink.body)).toEqual(['evidence.0.url']);
      expect((await as(facilitator).post(awards, { recipientIds: [] })).status).toBe(400);

      expect((await as(stranger).post(awards, { recipientIds: [ana.user.id] })).status).toBe(403);
      expect((await as(bo).post(awards, { recipientIds: [bo.user.id] })).status).toBe(403);

      const given = await as(facilitator).post(awards, {
        recipientIds: [ana.user.id, bo.user.id],
        evidence: [{ narrative: 'Built the digester.', url: 'https://example.org/build', name: 'Build log' }],
      });
      expect(given.status).toBe(200);
      expect(given.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['issued', 'issued']);
      const again = await as(facilitator).post(awards, { recipientIds: [ana.user.id] });
      expect(again.body.results).toEqual([
        { recipientId: ana.user.id, awardId: given.body.results[0].awardId, outcome: 'held' },
      ]);

      const list = await as(facilitator).get(awards);
      expect(list.status).toBe(200);
      expect(list.body).toHaveLength(2);
      expect((await as(ana).get(awards)).status).toBe(403);
      const anaAward = given.body.results[0].awardId as string;
      const credential = await api.db.query<{ evidence: object[] }[]>(
        `SELECT credential->'evidence' AS evidence FROM badge_awards WHERE id = $1`,
        [anaAward],
      );
      expect(JSON.stringify(credential[0]!.evidence)).toContain('Built the digester.');

      const revoke = `/badges/awards/${anaAward}/revoke`;
      expect((await as(ana).post(revoke, { reason: 'I changed my mind' })).status).toBe(403);
      expect((await as(bo).post(revoke, { reason: 'Not fair' })).status).toBe(403);
      expect((await as(stranger).post(revoke, { reason: 'Mine now' })).status).toBe(403);
      expect((await as(facilitator).post(revoke, {})).status).toBe(400);
      const revoked = await as(facilitator).post(revoke, { reason: 'Awarded to the wrong person.' });
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({ revocationReason: 'Awarded to the wrong person.' });
      expect(revoked.body.revokedAt).not.toBeNull();
      expect((await as(facilitator).post(revoke, { reason: 'Twice' })).status).toBe(409);

      await as(facilitator).post(`/badges/achievements/${made.body.id}/archive`);
      const late = await as(facilitator).post(awards, { recipientIds: [bo.user.id] });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('achievement_archived');
    });

    it('of a group go to its active members; the issuer’s admins may award and revoke anywhere', async () => {
      const facilitator = await api.make.user();
      const group = await api.make.group(facilitator);
      const member = await api.make.user();
      await api.make.membership(group, member);
      const made = await as(facilitator).post(`/groups/${group.id}/badges`, badge);
      const awards = `/badges/achievements/${made.body.id}/awards`;
      const passerby = await api.make.user();
      const refused = await as(facilitator).post(awards, { recipientIds: [passerby.user.id] });
      expect(refused.status).toBe(409);
      expect(fieldsOf(refused.body)).toEqual(['recipientIds[0]']);

      const issuerAdmin = await api.make.user();
      await api.app.get(Issuers).addAdmin(await api.app.get(Issuers).platformIssuerId(), issuerAdmin.user.id);
      const given = await as(issuerAdmin).post(awards, { recipientIds: [member.user.id] });
      expect(given.status).toBe(200);
      const awardId = given.body.results[0].awardId as string;
      expect((await as(issuerAdmin).post(`/badges/awards/${awardId}/revoke`, { reason: 'Test' })).status).toBe(200);
    });
  });

  describe('peer nomination', () => {
    it('lets a member nominate a peer once; peers endorse; the last endorsement needed awards once, however they race', async () => {
      const { facilitator, cohort, learners, stranger } = await cohortWith(5);
      const [ana, bo, cy, di, ed] = learners as [MadeUser, MadeUser, MadeUser, MadeUser, MadeUser];
      const made = await as(facilitator).post(`/cohorts/${cohort.id}/badges`, {
        ...badge,
        name: 'Good Neighbour',
        endorsementsNeeded: 2,
      });
      const closed = await as(facilitator).post(`/cohorts/${cohort.id}/badges`, badge);
      const nominations = `/badges/achievements/${made.body.id}/nominations`;

      const shut = await as(ana).post(`/badges/achievements/${closed.body.id}/nominations`, {
        nomineeId: bo.user.id,
        comment: 'Kind.',
      });
      expect(shut.status).toBe(409);
      expect(shut.body.code).toBe('nominations_closed');
      const self = await as(ana).post(nominations, { nomineeId: ana.user.id, comment: 'Me!' });
      expect(self.status).toBe(409);
      expect(self.body.code).toBe('self_nomination');
      const outsider = await api.make.user();
      const notMember = await as(ana).post(nominations, { nomineeId: outsider.user.id, comment: 'Kind.' });
      expect(notMember.status).toBe(409);
      expect(fieldsOf(notMember.body)).toEqual(['nomineeId']);
      expect((await as(outsider).post(nominations, { nomineeId: bo.user.id, comment: 'Kind.' })).status).toBe(403);

      const nominated = await as(ana).post(nominations, {
        nomineeId: bo.user.id,
        comment: 'Bo explained the rubric to all of us.',
      });
      expect(nominated.status).toBe(201);
      expect(nominated.body).toMatchObject({ status: 'open', endorsements: 0, endorsementsNeeded: 2 });
      const second = await as(cy).post(nominations, { nomineeId: bo.user.id, comment: 'Seconded.' });
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('already_nominated');
      expect(second.body.detail).toMatch(/endorse/);
      const events = await api.db.query<{ payload: { nomineeId: string } }[]>(
        `SELECT payload FROM outbox_events WHERE type = 'badge.nominated' AND aggregate_id = $1`,
        [nominated.body.id],
      );
      expect(events.map((e) => e.payload.nomineeId)).toEqual([bo.user.id]);

      const endorse = `/badges/nominations/${nominated.body.id}/endorsements`;
      expect((await as(bo).post(endorse, { comment: 'Thanks!' })).body.code).toBe('self_nomination');
      expect((await as(ana).post(endorse, { comment: 'Again' })).body.code).toBe('self_nomination');
      expect((await as(stranger).post(endorse, { comment: 'Hi' })).status).toBe(403);

      // Three peers at once for two endorsements needed: one award, and the late one finds it decided.
      const raced = await Promise.all(
        [cy, di, ed].map((who, i) => as(who).post(endorse, { comment: `Endorsement ${i + 1}` })),
      );
      expect(raced.map((r) => r.status).sort()).toEqual([200, 200, 409]);
      const awarded = await as(facilitator).get(`/badges/achievements/${made.body.id}/awards`);
      expect(awarded.body).toHaveLength(1);
      expect(awarded.body[0]).toMatchObject({ recipient: { id: bo.user.id }, source: 'nomination' });
      const view = await as(ana).get(`/cohorts/${cohort.id}/badges/nominations?status=awarded`);
      expect(view.status).toBe(200);
      expect(view.body).toEqual([
        expect.objectContaining({
          id: nominated.body.id,
          status: 'awarded',
          endorsements: 2,
          awardId: awarded.body[0].id,
        }),
      ]);
      const evidence = await api.db.query<{ evidence: { name: string; narrative: string }[] }[]>(
        `SELECT evidence FROM badge_awards WHERE id = $1`,
        [awarded.body[0].id],
      );
      expect(evidence[0]!.evidence[0]!.narrative).toContain('Bo explained the rubric to all of us.');
      expect(evidence[0]!.evidence[0]!.narrative).toContain('endorsed by 2 peers');
      expect(evidence[0]!.evidence).toHaveLength(3);
      expect(JSON.stringify(evidence[0]!.evidence)).not.toContain('Learner');

      const heldAlready = await as(cy).post(nominations, { nomineeId: bo.user.id, comment: 'Again!' });
      expect(heldAlready.body.code).toBe('already_awarded');
    });

    it('is approved or declined by the cohort’s facilitators only', async () => {
      const { facilitator, cohort, learners, stranger } = await cohortWith(3);
      const [ana, bo, cy] = learners as [MadeUser, MadeUser, MadeUser];
      const made = await as(facilitator).post(`/cohorts/${cohort.id}/badges`, { ...badge, endorsementsNeeded: 5 });
      const nominations = `/badges/achievements/${made.body.id}/nominations`;
      const forBo = await as(ana).post(nominations, { nomineeId: bo.user.id, comment: 'Always on time.' });
      const forCy = await as(ana).post(nominations, { nomineeId: cy.user.id, comment: 'Brought snacks.' });

      const queue = await as(facilitator).get(`/cohorts/${cohort.id}/badges/nominations`);
      expect(queue.body.map((n: { nominee: { id: string } }) => n.nominee.id)).toEqual([bo.user.id, cy.user.id]);
      expect((await as(cy).get(nominations)).body).toHaveLength(2);
      expect((await as(stranger).get(`/cohorts/${cohort.id}/badges/nominations`)).status).toBe(403);

      const approve = `/badges/nominations/${forBo.body.id}/approve`;
      expect((await as(stranger).post(approve)).status).toBe(403);
      expect((await as(cy).post(approve)).status).toBe(403);
      const approved = await as(facilitator).post(approve);
      expect(approved.status).toBe(200);
      expect(approved.body.status).toBe('awarded');
      expect((await as(facilitator).post(approve)).body.code).toBe('nomination_decided');

      const decline = `/badges/nominations/${forCy.body.id}/decline`;
      expect((await as(bo).post(decline, { reason: 'No' })).status).toBe(403);
      const declined = await as(facilitator).post(decline, { reason: 'Snacks are not the criteria.' });
      expect(declined.status).toBe(200);
      expect(declined.body).toMatchObject({ status: 'declined', declineReason: 'Snacks are not the criteria.' });
      const late = await as(bo).post(`/badges/nominations/${forCy.body.id}/endorsements`, { comment: 'But…' });
      expect(late.body.code).toBe('nomination_decided');

      const awards = await as(facilitator).get(`/badges/achievements/${made.body.id}/awards`);
      expect(awards.body.map((a: { recipient: { id: string } }) => a.recipient.id)).toEqual([bo.user.id]);
    });
  });
});
