import {
  Achievement,
  AwardIssuer,
  AwardRevocation,
  BadgeUrls,
  Endorsement,
  Issuers,
  matchesEmailIdentity,
  Nomination,
  verifyCredential,
  fromPublicKeyMultibase,
  IssuerKeys,
} from '@app/badges';
import type { EmailIdentityObject } from '@app/badges';
import { signedIn, startTestApi, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';

interface HeldBadgeBody {
  awardId: string;
  name: string;
  issuerName: string;
  state: string;
  revocationReason: string | null;
  hidden: boolean;
  validUntil: string | null;
  imageUrl: string;
  links: { credential: string; json: string; png: string; svg: string };
}

/**
 * A holder's badges over HTTP (real modules and PostgreSQL): all of mine with their state and links, hiding one from
 * my profile, others' public badges; and badges in the data export and through erasure, which unlinks the person
 * from credentials that stay verifiable.
 */
describe('my badges, profile badges, export and erasure', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const DAY = 86_400_000;
  const urls = () => api.app.get(BadgeUrls);

  async function achievement(spec: Partial<Achievement> = {}): Promise<Achievement> {
    const issuerId = await api.app.get(Issuers).platformIssuerId();
    return api.db.manager.save(
      api.db.manager.create(Achievement, {
        issuerId,
        scopeType: 'platform',
        scopeId: null,
        name: 'Careful Reviewer',
        description: 'Gave careful reviews.',
        criteriaNarrative: 'Give ten reviews rated helpful.',
        tags: [],
        validityDays: null,
        rule: null,
        endorsementsNeeded: null,
        ...spec,
      }),
    );
  }

  async function award(badge: Achievement, person: MadeUser): Promise<string> {
    const [outcome] = await api.db.transaction((m) =>
      api.app.get(AwardIssuer).issue(m, [
        {
          achievementId: badge.id,
          recipientId: person.user.id,
          source: 'facilitator',
          awardedBy: null,
          evidence: [],
        },
      ]),
    );
    return outcome!.awardId!;
  }

  it('lists my badges newest first with their state, reason and share and download links', async () => {
    const me = await api.make.user();
    const old = await award(await achievement({ name: 'Expiring', validityDays: 30 }), me);
    api.clock.advance(31 * DAY);
    const revoked = await award(await achievement({ name: 'Taken back' }), me);
    await api.app.get(AwardRevocation).revoke(revoked, 'Awarded by mistake', null);
    api.clock.advance(1000);
    const fresh = await award(await achievement({ name: 'Fresh' }), me);

    const res = await signedIn(api, me).get('/users/me/badges').expect(200);
    const items = res.body.items as HeldBadgeBody[];
    expect(items.map((b) => [b.name, b.state])).toEqual([
      ['Fresh', 'valid'],
      ['Taken back', 'revoked'],
      ['Expiring', 'expired'],
    ]);
    expect(items[1]!.revocationReason).toBe('Awarded by mistake');
    expect(items[0]).toMatchObject({
      awardId: fresh,
      issuerName: expect.any(String),
      hidden: false,
      validUntil: null,
      links: {
        credential: urls().credential(fresh),
        json: urls().credential(fresh),
        png: urls().bakedImage(fresh, 'png'),
        svg: urls().bakedImage(fresh, 'svg'),
      },
    });
    expect(items[2]!.awardId).toBe(old);

    // Nobody else's badges are in my list.
    const other = await api.make.user();
    expect((await signedIn(api, other).get('/users/me/badges').expect(200)).body.items).toEqual([]);
    await api.http().get('/api/v1/users/me/badges').expect(401);
  });

  it('shows a person’s public badges to whoever is signed in: not hidden, revoked or expired', async () => {
    const holder = await api.make.user();
    const visitor = await api.make.user();
    const shown = await award(await achievement({ name: 'Shown' }), holder);
    const hidden = await award(await achievement({ name: 'Hidden' }), holder);
    const revoked = await award(await achievement({ name: 'Revoked' }), holder);
    await award(await achievement({ name: 'Expired', validityDays: 1 }), holder);
    await api.app.get(AwardRevocation).revoke(revoked, 'Plagiarism', null);
    api.clock.advance(2 * DAY);

    const hide = await signedIn(api, holder).patch(`/users/me/badges/${hidden}`, { hidden: true }).expect(200);
    expect(hide.body).toMatchObject({ awardId: hidden, hidden: true });

    const seen = await signedIn(api, visitor).get(`/users/${holder.user.id}/badges`).expect(200);
    expect((seen.body.items as HeldBadgeBody[]).map((b) => b.name)).toEqual(['Shown']);
    expect(seen.body.items[0]).toMatchObject({ awardId: shown, state: 'valid', revocationReason: null });
    // The holder still sees the hidden one in their own list.
    const mine = (await signedIn(api, holder).get('/users/me/badges').expect(200)).body.items as HeldBadgeBody[];
    expect(mine.find((b) => b.awardId === hidden)).toMatchObject({ hidden: true, state: 'valid' });

    // Shown again.
    await signedIn(api, holder).patch(`/users/me/badges/${hidden}`, { hidden: false }).expect(200);
    const again = await signedIn(api, visitor).get(`/users/${holder.user.id}/badges`).expect(200);
    expect((again.body.items as HeldBadgeBody[]).map((b) => b.name).sort()).toEqual(['Hidden', 'Shown']);

    await api.http().get(`/api/v1/users/${holder.user.id}/badges`).expect(401);
    const unknown = await signedIn(api, visitor).get('/users/7f1c2b4e-1111-4222-8333-944455556666/badges');
    expect(unknown.status).toBe(404);
  });

  it('hides only my own badges: someone else’s is not found, bad input names the field', async () => {
    const holder = await api.make.user();
    const intruder = await api.make.user();
    const mine = await award(await achievement(), holder);

    const theirs = await signedIn(api, intruder).patch(`/users/me/badges/${mine}`, { hidden: true });
    expect(theirs.status).toBe(404);
    expect(theirs.body.code).toBe('award_not_found');
    const [row] = await api.db.query<{ hidden: boolean }[]>('SELECT hidden FROM badge_awards WHERE id = $1', [mine]);
    expect(row!.hidden).toBe(false);

    const notBool = await signedIn(api, holder).patch(`/users/me/badges/${mine}`, { hidden: 'yes' });
    expect(notBool.status).toBe(400);
    expect(notBool.body.errors.map((e: { field: string }) => e.field)).toContain('hidden');
    const badId = await signedIn(api, holder).patch('/users/me/badges/not-a-uuid', { hidden: true });
    expect(badId.status).toBe(400);
    expect(badId.body.errors.map((e: { field: string }) => e.field)).toContain('awardId');
  });

  it('exports badges with their credentials, nominations made and received, endorsements given', async () => {
    const me = await api.make.user();
    const peer = await api.make.user();
    const third = await api.make.user();
    const held = await award(await achievement({ name: 'Held' }), me);
    const open = await achievement({ name: 'Open to peers', endorsementsNeeded: 2 });
    const ofMe = await api.db.manager.save(
      api.db.manager.create(Nomination, {
        achievementId: open.id,
        nomineeId: me.user.id,
        nominatorId: peer.user.id,
        comment: 'Explained the digester to everyone',
      }),
    );
    const byMe = await api.db.manager.save(
      api.db.manager.create(Nomination, {
        achievementId: open.id,
        nomineeId: third.user.id,
        nominatorId: me.user.id,
        comment: 'Always on time',
      }),
    );
    const endorsedByMe = await api.db.manager.save(
      api.db.manager.create(Nomination, {
        achievementId: open.id,
        nomineeId: peer.user.id,
        nominatorId: third.user.id,
        comment: 'Great facilitator',
      }),
    );
    await api.db.manager.insert(Endorsement, { nominationId: endorsedByMe.id, endorserId: me.user.id, comment: '+1' });

    const res = await signedIn(api, me).get(`/users/${me.user.id}/export`).expect(200);
    const badges = res.body.sections.badges;
    expect(badges.note).toMatch(/stay valid and verifiable/);
    expect(badges.badges).toHaveLength(1);
    expect(badges.badges[0]).toMatchObject({ id: held, achievementName: 'Held' });
    expect(badges.badges[0].credential.id).toBe(urls().credential(held));
    expect(badges.badges[0].credential.proof).toBeDefined();
    expect(badges.nominationsMade).toEqual([
      expect.objectContaining({ id: byMe.id, nomineeId: third.user.id, comment: 'Always on time' }),
    ]);
    expect(badges.nominationsReceived).toEqual([
      expect.objectContaining({ id: ofMe.id, comment: 'Explained the digester to everyone', status: 'open' }),
    ]);
    expect(JSON.stringify(badges.nominationsReceived)).not.toContain(peer.user.id);
    expect(badges.endorsementsGiven).toEqual([
      expect.objectContaining({ nominationId: endorsedByMe.id, comment: '+1' }),
    ]);
  });

  it('erasure unlinks awards whose credentials stay verifiable, and deletes nominations and endorsements', async () => {
    const me = await api.make.user({ email: 'grace.hopper@example.org' });
    const peer = await api.make.user();
    const other = await api.make.user();
    const held = await award(await achievement({ name: 'Kept' }), me);
    const open = await achievement({ name: 'Nominated', endorsementsNeeded: 3 });
    const ofMe = await api.db.manager.save(
      api.db.manager.create(Nomination, {
        achievementId: open.id,
        nomineeId: me.user.id,
        nominatorId: peer.user.id,
        comment: 'c',
      }),
    );
    const byMe = await api.db.manager.save(
      api.db.manager.create(Nomination, {
        achievementId: open.id,
        nomineeId: other.user.id,
        nominatorId: me.user.id,
        comment: 'c',
      }),
    );
    const othersNomination = await api.db.manager.save(
      api.db.manager.create(Nomination, {
        achievementId: open.id,
        nomineeId: peer.user.id,
        nominatorId: other.user.id,
        comment: 'stays',
      }),
    );
    await api.db.manager.insert(Endorsement, { nominationId: othersNomination.id, endorserId: me.user.id });

    await signedIn(api, me).delete(`/users/${me.user.id}`, { password: me.password }).expect(204);

    const [row] = await api.db.query<{ recipient_id: string | null; credential: Record<string, unknown> }[]>(
      'SELECT recipient_id, credential FROM badge_awards WHERE id = $1',
      [held],
    );
    expect(row!.recipient_id).toBeNull();
    // The credential still verifies, and still matches the address its holder had.
    const issuerId = await api.app.get(Issuers).platformIssuerId();
    const keys = await api.app.get(IssuerKeys).publicKeys(issuerId);
    const verified = await verifyCredential(row!.credential, (vm: string) => {
      const key = keys.find((k) => urls().key(issuerId, k.id) === vm);
      return Promise.resolve(key ? fromPublicKeyMultibase(key.publicKeyMultibase) : undefined);
    });
    expect(verified).toEqual({ verified: true, reasons: [] });
    const subject = row!.credential.credentialSubject as { identifier: EmailIdentityObject[] };
    expect(matchesEmailIdentity(subject.identifier[0]!, 'grace.hopper@example.org')).toBe(true);

    const nominations = await api.db.query<{ id: string }[]>('SELECT id FROM badge_nominations WHERE id = ANY($1)', [
      [ofMe.id, byMe.id, othersNomination.id],
    ]);
    expect(nominations.map((n) => n.id)).toEqual([othersNomination.id]);
    const endorsements = await api.db.query('SELECT 1 FROM badge_endorsements WHERE endorser_id = $1', [me.user.id]);
    expect(endorsements).toHaveLength(0);
    // Nothing of theirs on a profile any more.
    expect((await signedIn(api, peer).get(`/users/${me.user.id}/badges`)).status).toBe(404);
  });
});
