import { randomUUID } from 'node:crypto';
import { loadConfig } from '@app/core';
import { BadgeUrls } from '../badge-urls';
import {
  emailIdentityObject,
  generateEd25519KeyPair,
  generateSalt,
  signCredential,
  verifyCredential,
  type UnsignedCredential,
} from '../credentials';
import { CredentialSigner, POOL_MIN_BATCH } from './credential-signer';
import { openBadgeCredential } from './open-badge-credential';
import { SigningPool } from './signing-pool';

const urls = new BadgeUrls(loadConfig({}));
const { privateKey, publicKey } = generateEd25519KeyPair();
const verificationMethod = urls.key(randomUUID(), randomUUID());
const created = new Date('2026-12-07T05:00:00.000Z');
const resolve = (method: string) => (method === verificationMethod ? publicKey : undefined);

function credentials(count: number): UnsignedCredential[] {
  const issuerId = randomUUID();
  const statusListId = randomUUID();
  return Array.from({ length: count }, (_, i) =>
    openBadgeCredential(urls, {
      awardId: randomUUID(),
      issuer: { id: issuerId, name: 'Commonplace', url: 'https://commonplace.example', email: null, description: '' },
      achievement: {
        id: randomUUID(),
        name: 'Finished the cohort',
        description: 'Completed every module.',
        criteriaNarrative: 'Complete the cohort.',
        tags: ['cohort'],
        imageType: null,
      },
      recipient: emailIdentityObject(`learner-${i}@example.org`, generateSalt()),
      evidence: i % 2 === 0 ? [{ narrative: 'Handed in every assignment.', url: `https://example.org/work/${i}` }] : [],
      validFrom: created,
      validUntil: null,
      status: { statusListId, statusIndex: i * 7 },
    }),
  );
}

/**
 * The signing threads must be invisible to a verifier: a badge signed by a thread is byte for byte the one the
 * request's own thread would have signed (Ed25519 is deterministic), and it verifies.
 */
describe('signing credentials on threads', () => {
  const pool = new SigningPool(2);
  afterAll(() => pool.close());

  it('gives exactly the inline signatures, in order, and they verify', async () => {
    const unsigned = credentials(60);
    const [threaded, inline] = await Promise.all([
      pool.signAll(unsigned, privateKey, verificationMethod, created),
      Promise.all(unsigned.map((c) => signCredential(c, { privateKey, verificationMethod, created }))),
    ]);

    expect(threaded).toHaveLength(60);
    expect(threaded.map((c) => JSON.stringify(c))).toEqual(inline.map((c) => JSON.stringify(c)));
    for (const credential of threaded) {
      expect(await verifyCredential(credential, resolve)).toEqual({ verified: true, reasons: [] });
    }
    // Threads start by loading jsonld (and, under jest, ts-node): seconds on a busy machine.
  }, 60_000);

  it('fails the batch, as inline signing would, when a credential has a term no context defines', async () => {
    const unsigned = credentials(30);
    unsigned[17] = { ...unsigned[17]!, favouriteColour: 'blue' };
    const inlineError = await signCredential(unsigned[17], { privateKey, verificationMethod, created }).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(inlineError).toBeInstanceOf(Error);

    await expect(pool.signAll(unsigned, privateKey, verificationMethod, created)).rejects.toThrow(inlineError!.message);
    // The threads are still there for the next batch.
    const next = await pool.signAll(credentials(3), privateKey, verificationMethod, created);
    expect(await verifyCredential(next[2]!, resolve)).toEqual({ verified: true, reasons: [] });
  });

  it('signs a cohort-sized batch through CredentialSigner alike, whichever path it takes', async () => {
    const signer = new CredentialSigner();
    try {
      const unsigned = credentials(POOL_MIN_BATCH + 5);
      const key = { keyId: randomUUID(), privateKey };
      const batched = await signer.signAll(unsigned, key, verificationMethod, created);
      const small = await signer.signAll(unsigned.slice(0, 3), key, verificationMethod, created);

      expect(JSON.stringify(batched.slice(0, 3))).toBe(JSON.stringify(small));
      expect(await verifyCredential(batched[POOL_MIN_BATCH + 4]!, resolve)).toEqual({ verified: true, reasons: [] });
    } finally {
      await signer.onModuleDestroy();
    }
  });
});
