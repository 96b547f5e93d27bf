import {
  AwardRevocation,
  bakePng,
  bakeSvg,
  BadgeUrls,
  CredentialVerifier,
  DEFAULT_BADGE_SVG,
  defaultBadgePng,
  IssuerKeys,
  Issuers,
} from '@app/badges';
import { startTestApi, v1, type TestApi } from '../support/api-app';
import {
  issueBadge,
  listen,
  makeAchievement,
  verifyIndependently,
  type IssuedCredential,
} from '../support/badge-awards';

const DAY_MS = 86_400_000;

/**
 * Verification as outsiders do it: Digital Bazaar's verifier (with the bitstring status list check) dereferences
 * our real public URLs from the running API, and anyone can POST a credential, a baked PNG or a baked SVG to
 * /badges/verify and read a verdict with reasons.
 */
describe('verifying badges', () => {
  let api: TestApi;
  let baseUrl: string;
  beforeAll(async () => {
    api = await startTestApi();
    baseUrl = await listen(api);
  });
  afterAll(() => api.close());

  const post = (body: string | Buffer | object, type: string) =>
    api
      .http()
      .post(v1('/badges/verify'))
      .set('Content-Type', type)
      .send(typeof body === 'object' && !Buffer.isBuffer(body) ? JSON.stringify(body) : body);
  const ours = (credential: object) => api.app.get(CredentialVerifier).verify(credential);

  describe('by an independent verifier reading our public URLs', () => {
    it('verifies a fresh credential, then sees its revocation, as we do', async () => {
      const { awardId, credential } = await issueBadge(api, await makeAchievement(api));

      const before = await verifyIndependently(api, baseUrl, credential);
      expect(before).toEqual({ verified: true, errors: [], revoked: false, statusErrors: [] });
      expect((await ours(credential)).result).toBe('valid');

      await api.app.get(AwardRevocation).revoke(awardId, 'Awarded to the wrong person', null);

      const after = await verifyIndependently(api, baseUrl, credential);
      expect(after.revoked).toBe(true);
      const verdict = await ours(credential);
      expect(verdict.result).toBe('revoked');
      expect(verdict.reasons.join(' ')).toContain('Awarded to the wrong person');
    });

    it('keeps verifying credentials signed before a key rotation, and those signed after', async () => {
      const achievement = await makeAchievement(api);
      const old = await issueBadge(api, achievement);
      await api.app.get(IssuerKeys).rotate(achievement.issuerId);
      const fresh = await issueBadge(api, achievement);
      expect(fresh.credential.proof.verificationMethod).not.toBe(old.credential.proof.verificationMethod);

      for (const { credential } of [old, fresh]) {
        expect(await verifyIndependently(api, baseUrl, credential)).toMatchObject({ verified: true, revoked: false });
        expect((await ours(credential)).result).toBe('valid');
      }
    });

    it('rejects a changed credential', async () => {
      const { credential } = await issueBadge(api, await makeAchievement(api));
      const verdict = await verifyIndependently(api, baseUrl, { ...credential, name: 'Grand Master' });
      expect(verdict.verified).toBe(false);
      expect(verdict.errors).toContain('Invalid signature.');
    });
  });

  describe('POST /badges/verify', () => {
    let achievement: Awaited<ReturnType<typeof makeAchievement>>;
    let credential: IssuedCredential;
    beforeAll(async () => {
      achievement = await makeAchievement(api, { name: 'Verifiable Voice', validityDays: 30 });
      ({ credential } = await issueBadge(api, achievement));
    });
    afterEach(() => api.clock.set(new Date()));

    it('says valid for the JSON, the JSON-LD, a baked PNG and a baked SVG, naming the badge and issuer', async () => {
      const json = JSON.stringify(credential);
      const answers = await Promise.all([
        post(credential, 'application/json'),
        post(credential, 'application/ld+json'),
        post(credential, 'application/vc+ld+json'),
        post(bakePng(defaultBadgePng(), json), 'image/png'),
        post(bakeSvg(DEFAULT_BADGE_SVG, json), 'image/svg+xml'),
      ]);
      for (const res of answers) {
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          result: 'valid',
          reasons: [],
          credential: {
            id: credential.id,
            name: 'Verifiable Voice',
            issuer: { id: credential.issuer.id, name: 'Commonplace' },
            validFrom: credential.validFrom,
            validUntil: credential.validUntil,
          },
        });
      }
      // Public writes count against the per-address limit.
      expect(answers[0].headers['ratelimit-limit']).toBeDefined();
    });

    it('also takes the baked images it serves', async () => {
      const awardId = credential.id.split('/').pop()!;
      for (const format of ['png', 'svg'] as const) {
        const image = await api
          .http()
          .get(v1(`/badges/credentials/${awardId}/badge.${format}`))
          .buffer(true);
        const res = await post(image.body as Buffer, format === 'png' ? 'image/png' : 'image/svg+xml');
        expect(res.body.result).toBe('valid');
      }
    });

    it('says tampered when a field, the proof or the key is changed', async () => {
      const keys = api.app.get(IssuerKeys);
      const urls = api.app.get(BadgeUrls);
      const otherIssuer = await api.app
        .get(Issuers)
        .add({ name: 'Elsewhere Academy', url: 'https://elsewhere.example' });
      const [otherKey] = await keys.publicKeys(otherIssuer.id);
      // A rotation gives the issuer a second key: signed by one, the credential must not pass as signed by the other.
      await keys.rotate(achievement.issuerId);
      const ownKeys = await keys.publicKeys(achievement.issuerId);
      const ownOtherKey = ownKeys.find(
        (k) => urls.key(achievement.issuerId, k.id) !== credential.proof.verificationMethod,
      );
      const lastChar = credential.proof.proofValue.slice(-1);
      const variants: Record<string, object> = {
        name: { ...credential, name: 'Verifiable Shout' },
        validUntil: { ...credential, validUntil: '2099-01-01T00:00:00Z' },
        proofValue: {
          ...credential,
          proof: {
            ...credential.proof,
            proofValue: credential.proof.proofValue.slice(0, -1) + (lastChar === 'a' ? 'b' : 'a'),
          },
        },
        anotherIssuersKey: {
          ...credential,
          proof: { ...credential.proof, verificationMethod: urls.key(otherIssuer.id, otherKey!.id) },
        },
        anotherOfOurKeys: {
          ...credential,
          proof: { ...credential.proof, verificationMethod: urls.key(achievement.issuerId, ownOtherKey!.id) },
        },
      };
      for (const [changed, variant] of Object.entries(variants)) {
        const res = await post(variant, 'application/json');
        expect({ changed, status: res.status, result: res.body.result }).toEqual({
          changed,
          status: 200,
          result: 'tampered',
        });
        expect(res.body.reasons.length).toBeGreaterThan(0);
      }
    });

    it('says unknown-issuer for a credential naming someone else, fetching nothing', async () => {
      const res = await post(
        { ...credential, issuer: { ...credential.issuer, id: 'https://badges.elsewhere.example/issuers/1' } },
        'application/json',
      );
      expect(res.body.result).toBe('unknown-issuer');
      expect(res.body.reasons[0]).toContain('https://badges.elsewhere.example/issuers/1');
    });

    it('says expired after validUntil and not-yet-valid before validFrom, on the injected clock', async () => {
      api.clock.set(new Date(Date.parse(credential.validUntil!) + DAY_MS));
      const expired = await post(credential, 'application/json');
      expect(expired.body.result).toBe('expired');
      expect(expired.body.reasons[0]).toContain(credential.validUntil);

      api.clock.set(new Date(Date.parse(credential.validFrom) - DAY_MS));
      const early = await post(credential, 'application/json');
      expect(early.body.result).toBe('not-yet-valid');
    });

    it('says revoked, with the issuer’s reason, once the award is revoked', async () => {
      const issued = await issueBadge(api, achievement);
      await api.app.get(AwardRevocation).revoke(issued.awardId, 'Plagiarised work', null);
      const res = await post(issued.credential, 'application/json');
      expect(res.body.result).toBe('revoked');
      expect(res.body.reasons).toEqual(['The issuer revoked this credential: Plagiarised work']);
    });

    it('refuses input holding no credential with 400 naming body', async () => {
      const unreadable = [
        post(defaultBadgePng(), 'image/png'),
        post(Buffer.from('not a png at all'), 'image/png'),
        post(DEFAULT_BADGE_SVG, 'image/svg+xml'),
        post(bakeSvg(DEFAULT_BADGE_SVG, '{"broken": '), 'image/svg+xml'),
        // Baked JSON gets the bounds of JSON bodies: this one is nested far too deep.
        post(bakePng(defaultBadgePng(), '['.repeat(100_000) + ']'.repeat(100_000)), 'image/png'),
        post([credential], 'application/json'),
      ];
      for (const res of await Promise.all(unreadable)) {
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'body' })]);
      }
      const notJson = await post('{"@context": [', 'application/json');
      expect(notJson.status).toBe(400);
      expect(notJson.body.code).toBe('malformed_json');

      const text = await post('hello', 'text/plain');
      expect(text.status).toBe(415);

      const huge = await post(Buffer.alloc(2 * 1024 * 1024 + 1), 'image/png');
      expect(huge.status).toBe(413);
      expect(huge.body.errors).toEqual([expect.objectContaining({ field: 'body' })]);
    });

    it('says malformed for JSON that is not a credential', async () => {
      const res = await post({ hello: 'world' }, 'application/json');
      expect(res.status).toBe(200);
      expect(res.body.result).toBe('malformed');
    });
  });
});
