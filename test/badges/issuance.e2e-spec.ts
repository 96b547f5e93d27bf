import {
  type Achievement,
  AwardIssuer,
  AwardRevocation,
  BadgeUrls,
  BitstringStatusList,
  fromPublicKeyMultibase,
  IssuerKeys,
  Issuers,
  matchesEmailIdentity,
  verifyCredential,
} from '@app/badges';
import type { EmailIdentityObject } from '@app/badges';
import { startTestApi, type TestApi } from '../support/api-app';
import { makeAchievement } from '../support/badge-awards';

/** The parts of a stored credential these tests read. */
interface StoredCredential extends Record<string, unknown> {
  id: string;
  type: string[];
  validFrom: string;
  validUntil?: string;
  credentialSubject: {
    identifier: EmailIdentityObject[];
    achievement: { name: string };
    encodedList: string;
  };
  evidence: Record<string, unknown>[];
  credentialStatus: Record<string, unknown>;
  proof: { verificationMethod: string };
}

/**
 * The core of issuing (real PostgreSQL, through the real modules): an award is a signed OpenBadgeCredential that
 * verifies with the issuer's published key, names its recipient only by a salted hash of their email, holds a
 * status entry of its own, and is issued once per person and achievement under concurrent requests; revoking sets
 * its bit in a status list credential signed again; a rotated key keeps verifying old credentials.
 */
describe('issuing badges', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const issuer = () => api.app.get(AwardIssuer);
  const keys = () => api.app.get(IssuerKeys);
  const urls = () => api.app.get(BadgeUrls);

  const achievement = (spec: Partial<Achievement> = {}) => makeAchievement(api, spec);

  /** Resolves our own verification methods from the keys table, as the public key documents publish them. */
  const resolver = async (verificationMethod: string) => {
    const issuerId = await api.app.get(Issuers).platformIssuerId();
    const key = (await keys().publicKeys(issuerId)).find((k) => urls().key(issuerId, k.id) === verificationMethod);
    return key ? fromPublicKeyMultibase(key.publicKeyMultibase) : undefined;
  };

  const awardRow = async (id: string) =>
    (
      await api.db.query<{ credential: StoredCredential; status_list_id: string; status_index: number }[]>(
        `SELECT credential, status_list_id, status_index FROM badge_awards WHERE id = $1`,
        [id],
      )
    )[0]!;

  it('issues a signed credential that verifies and names its recipient only by a salted hash', async () => {
    const person = await api.make.user({ email: 'ada.lovelace@example.org' });
    const badge = await achievement({ validityDays: 365 });
    const [outcome] = await api.db.transaction((m) =>
      issuer().issue(m, [
        {
          achievementId: badge.id,
          recipientId: person.user.id,
          source: 'facilitator',
          awardedBy: null,
          evidence: [{ narrative: 'Reviewed twelve essays.', url: 'https://example.org/work/1' }],
        },
      ]),
    );
    expect(outcome).toMatchObject({ outcome: 'issued' });
    const { credential } = await awardRow(outcome!.awardId!);

    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(credential.id).toBe(urls().credential(outcome!.awardId!));
    expect(credential.credentialSubject.achievement.name).toBe('Steady Reviewer');
    expect(credential.evidence[0]).toMatchObject({
      id: 'https://example.org/work/1',
      narrative: 'Reviewed twelve essays.',
    });
    expect(new Date(credential.validUntil!).getTime() - new Date(credential.validFrom).getTime()).toBe(
      365 * 86_400_000,
    );
    expect(JSON.stringify(credential)).not.toMatch(/lovelace/i);
    expect(matchesEmailIdentity(credential.credentialSubject.identifier[0]!, '  ADA.lovelace@example.org ')).toBe(true);
    expect(await verifyCredential(credential, resolver)).toEqual({ verified: true, reasons: [] });
  });

  it('issues once per person and achievement, however many ask at once', async () => {
    const person = await api.make.user();
    const badge = await achievement();
    const request = {
      achievementId: badge.id,
      recipientId: person.user.id,
      source: 'rule' as const,
      awardedBy: null,
      evidence: [],
    };
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () => api.db.transaction((m) => issuer().issue(m, [request, request]))),
    );
    const flat = outcomes.flat();
    expect(flat.filter((o) => o.outcome === 'issued')).toHaveLength(1);
    expect(new Set(flat.map((o) => o.awardId)).size).toBe(1);
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM badge_awards WHERE achievement_id = $1`, [
      badge.id,
    ]);
    expect(n).toBe(1);
    const [{ events }] = await api.db.query(
      `SELECT count(*)::int AS events FROM outbox_events WHERE type = 'badge.awarded' AND payload->>'achievementId' = $1`,
      [badge.id],
    );
    expect(events).toBe(1);
  });

  it('gives every credential its own status entry, and revocation flips exactly that bit in a re-signed list', async () => {
    const badge = await achievement();
    const people = await Promise.all(Array.from({ length: 5 }, () => api.make.user()));
    const outcomes = await api.db.transaction((m) =>
      issuer().issue(
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
    const rows = await Promise.all(outcomes.map((o) => awardRow(o.awardId!)));
    expect(new Set(rows.map((r) => `${r.status_list_id}:${r.status_index}`)).size).toBe(5);

    const revoked = rows[2]!;
    await api.app.get(AwardRevocation).revoke(outcomes[2]!.awardId!, 'Plagiarized work', null);
    const [list] = await api.db.query<{ credential: StoredCredential }[]>(
      `SELECT credential FROM badge_status_lists WHERE id = $1`,
      [revoked.status_list_id],
    );
    expect(await verifyCredential(list!.credential, resolver)).toEqual({ verified: true, reasons: [] });
    const bits = BitstringStatusList.decode(list!.credential.credentialSubject.encodedList);
    for (const row of rows) expect(bits.get(row.status_index)).toBe(row === revoked);
    expect(revoked.credential.credentialStatus).toMatchObject({
      statusListCredential: urls().statusList(revoked.status_list_id),
      statusListIndex: String(revoked.status_index),
    });
  });

  it('keeps verifying credentials signed with a retired key after a rotation, and signs new ones with the new key', async () => {
    const badge = await achievement();
    const [before, after] = [await api.make.user(), await api.make.user()];
    const give = (who: { user: { id: string } }) =>
      api.db.transaction((m) =>
        issuer().issue(m, [
          { achievementId: badge.id, recipientId: who.user.id, source: 'rule', awardedBy: null, evidence: [] },
        ]),
      );
    const [old] = await give(before);
    const issuerId = await api.app.get(Issuers).platformIssuerId();
    await keys().rotate(issuerId);
    const [fresh] = await give(after);
    const [oldCredential, newCredential] = [
      (await awardRow(old!.awardId!)).credential,
      (await awardRow(fresh!.awardId!)).credential,
    ];
    expect(oldCredential.proof.verificationMethod).not.toBe(newCredential.proof.verificationMethod);
    expect(await verifyCredential(oldCredential, resolver)).toEqual({ verified: true, reasons: [] });
    expect(await verifyCredential(newCredential, resolver)).toEqual({ verified: true, reasons: [] });
  });

  it('never stores a private key in the clear', async () => {
    const issuerId = await api.app.get(Issuers).platformIssuerId();
    const [row] = await api.db.query<{ blob: Buffer }[]>(
      `SELECT private_key_ciphertext AS blob FROM badge_issuer_keys WHERE issuer_id = $1 AND retired_at IS NULL`,
      [issuerId],
    );
    // A PKCS#8 Ed25519 key starts with these bytes; the stored blob is nonce ‖ tag ‖ ciphertext.
    expect(row!.blob.includes(Buffer.from('302e020100300506032b6570', 'hex'))).toBe(false);
    expect(row!.blob.length).toBe(12 + 16 + 48);
  });
});
