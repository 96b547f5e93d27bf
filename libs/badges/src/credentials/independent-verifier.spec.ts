import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { signCredential, type SignedCredential, type UnsignedCredential } from './data-integrity';
import { generateEd25519KeyPair, toPublicKeyMultibase } from './multikey';
import { emailIdentityObject } from './recipient';

const VERIFIER_SCRIPT = join(__dirname, '../../../../test/support/independent-verifier.mjs');

interface IndependentVerdict {
  verified: boolean;
  errors: string[];
}

/** Runs Digital Bazaar's verifier (ESM-only, so in a child Node process) over the credential and served documents. */
function verifyIndependently(credential: object, documents: Record<string, object>): Promise<IndependentVerdict> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [VERIFIER_SCRIPT], { timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`independent verifier crashed: ${stderr || error.message}`));
        return;
      }
      resolve(JSON.parse(stdout) as IndependentVerdict);
    });
    child.stdin?.end(JSON.stringify({ credential, documents }));
  });
}

describe('an independent verifier (@digitalbazaar/vc with eddsa-rdfc-2022) accepts what we sign', () => {
  const issuerUrl = 'https://badges.example.org/issuers/platform';
  const { privateKey, publicKey } = generateEd25519KeyPair();
  const publicKeyMultibase = toPublicKeyMultibase(publicKey);
  const verificationMethod = `${issuerUrl}#${publicKeyMultibase}`;
  // What the issuer URL serves: a controller document whose assertionMethod lists the Multikey.
  const controllerDocument = {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: issuerUrl,
    assertionMethod: [{ id: verificationMethod, type: 'Multikey', controller: issuerUrl, publicKeyMultibase }],
  };
  const unsigned: UnsignedCredential = {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: 'https://badges.example.org/credentials/0b8e',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuerUrl, type: ['Profile'], name: 'Commonplace' },
    validFrom: '2026-12-01T10:00:00Z',
    name: 'Cohort finisher',
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [emailIdentityObject('learner@example.org', 'c0ffee')],
      achievement: {
        id: 'https://badges.example.org/achievements/cohort-finisher',
        type: ['Achievement'],
        name: 'Cohort finisher',
        description: 'Completed a cohort.',
        criteria: { narrative: 'Complete every module of a cohort.' },
      },
    },
  };
  let signed: SignedCredential;

  beforeAll(async () => {
    signed = await signCredential(unsigned, {
      privateKey,
      verificationMethod,
      created: new Date('2026-12-07T04:00:00Z'),
    });
  });

  it('verifies our credential against the public controller document', async () => {
    const verdict = await verifyIndependently(signed, { [issuerUrl]: controllerDocument });
    expect(verdict).toMatchObject({ verified: true, errors: [] });
  });

  it('rejects it when a field is changed', async () => {
    const verdict = await verifyIndependently(
      { ...signed, name: 'Cohort champion' },
      { [issuerUrl]: controllerDocument },
    );
    expect(verdict.verified).toBe(false);
    expect(verdict.errors).toContain('Invalid signature.');
  });

  it('rejects it when the issuer publishes another key', async () => {
    const otherKey = toPublicKeyMultibase(generateEd25519KeyPair().publicKey);
    const otherController = {
      ...controllerDocument,
      assertionMethod: [{ ...controllerDocument.assertionMethod[0], publicKeyMultibase: otherKey }],
    };
    const verdict = await verifyIndependently(signed, { [issuerUrl]: otherController });
    expect(verdict.verified).toBe(false);
    expect(verdict.errors).toContain('Invalid signature.');
  });
});
