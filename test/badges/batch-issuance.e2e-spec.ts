import {
  Achievement,
  AwardIssuer,
  BadgeUrls,
  fromPublicKeyMultibase,
  IssuerKeys,
  Issuers,
  verifyCredential,
  type SignedCredential,
} from '@app/badges';
import { startTestApi, type TestApi } from '../support/api-app';

/**
 * A cohort's worth of awards in one transaction is signed on the signing threads (more than POOL_MIN_BATCH
 * requests): a verifier must not be able to tell. Every credential verifies with the issuer's published key and
 * names its own award and status entry.
 */
describe('issuing a cohort-sized batch of badges', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('signs each of 40 credentials on the threads so that it verifies and names its own award', async () => {
    const issuerId = await api.app.get(Issuers).platformIssuerId();
    const urls = api.app.get(BadgeUrls);
    const badge = await api.db.manager.save(
      api.db.manager.create(Achievement, {
        issuerId,
        scopeType: 'platform',
        scopeId: null,
        name: 'Cohort finisher',
        description: 'Finished the cohort.',
        criteriaNarrative: 'Complete every module.',
        tags: [],
        validityDays: null,
        rule: null,
        endorsementsNeeded: null,
      }),
    );
    const people: { user: { id: string } }[] = [];
    for (let i = 0; i < 40; i++) people.push(await api.make.user());

    const outcomes = await api.db.transaction((m) =>
      api.app.get(AwardIssuer).issue(
        m,
        people.map((p) => ({
          achievementId: badge.id,
          recipientId: p.user.id,
          source: 'rule' as const,
          awardedBy: null,
          evidence: [],
        })),
      ),
    );
    expect(outcomes.map((o) => o.outcome)).toEqual(people.map(() => 'issued'));

    const keys = await api.app.get(IssuerKeys).publicKeys(issuerId);
    const resolve = (method: string) => {
      const key = keys.find((k) => urls.key(issuerId, k.id) === method);
      return key ? fromPublicKeyMultibase(key.publicKeyMultibase) : undefined;
    };
    const rows = await api.db.query<{ id: string; status_index: number; credential: SignedCredential }[]>(
      `SELECT id, status_index, credential FROM badge_awards WHERE achievement_id = $1`,
      [badge.id],
    );
    expect(rows).toHaveLength(40);
    for (const { id, status_index, credential } of rows) {
      expect(credential.id).toBe(urls.credential(id));
      expect((credential.credentialStatus as { statusListIndex: string }).statusListIndex).toBe(String(status_index));
      expect(await verifyCredential(credential, resolve)).toEqual({ verified: true, reasons: [] });
    }
    // Threads start by loading jsonld (and, under jest, ts-node): seconds on a busy machine.
  }, 90_000);
});
