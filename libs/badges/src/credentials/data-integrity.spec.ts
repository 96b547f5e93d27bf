import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  computeProofInputs,
  signCredential,
  verifyCredential,
  type SignedCredential,
  type UnsignedCredential,
} from './data-integrity';
import {
  decodeBase58btcMultibase,
  exportEd25519PublicKeyRaw,
  fromPublicKeyMultibase,
  generateEd25519KeyPair,
  importEd25519Seed,
  toPublicKeyMultibase,
} from './multikey';

const FIXTURES = join(__dirname, '../../../../test/fixtures/openbadges-3.0');

interface Vector {
  privateKeyHex: string;
  publicKeyHex: string;
  publicKeyMultibase: string;
  verificationMethod: string;
  documentHashHex: string;
  proofHashHex: string;
  signatureHex: string;
  proofValue: string;
  signedCredential: SignedCredential;
}

const vector = JSON.parse(readFileSync(join(FIXTURES, 'eddsa-rdfc-2022-vector.json'), 'utf8')) as Vector;
const { proof: vectorProof, ...vectorDocument } = vector.signedCredential;
// The vector's private key is seed ‖ public key (64 bytes, as Ed25519 libraries print it); the seed is the first half.
const vectorKey = importEd25519Seed(Buffer.from(vector.privateKeyHex.slice(0, 64), 'hex'));

describe('eddsa-rdfc-2022: the official 1EdTech test vector', () => {
  it('canonizes the document and the proof configuration byte for byte and hashes them alike', async () => {
    const { proofValue: _proofValue, ...proofConfiguration } = vectorProof;
    const inputs = await computeProofInputs(vectorDocument, proofConfiguration);

    expect(inputs.documentCanon).toBe(readFileSync(join(FIXTURES, 'document-canon.nq'), 'utf8'));
    expect(inputs.proofCanon).toBe(readFileSync(join(FIXTURES, 'proof-canon.nq'), 'utf8'));
    expect(inputs.documentHash.toString('hex')).toBe(vector.documentHashHex);
    expect(inputs.proofHash.toString('hex')).toBe(vector.proofHashHex);
  });

  it('signs to the exact signature and proofValue of the vector', async () => {
    expect(exportEd25519PublicKeyRaw(vectorKey).toString('hex')).toBe(vector.publicKeyHex);
    expect(toPublicKeyMultibase(vectorKey)).toBe(vector.publicKeyMultibase);

    const signed = await signCredential(vectorDocument, {
      privateKey: vectorKey,
      verificationMethod: vector.verificationMethod,
      created: new Date(vectorProof.created),
    });

    expect(signed.proof.proofValue).toBe(vector.proofValue);
    expect(signed).toEqual(vector.signedCredential);
    expect(Buffer.from(decodeBase58btcMultibase(vector.proofValue)).toString('hex')).toBe(vector.signatureHex);
  });

  it('verifies the signed vector with the public key read from its Multikey', async () => {
    const publicKey = fromPublicKeyMultibase(vector.publicKeyMultibase);
    await expect(verifyCredential(vector.signedCredential, () => publicKey)).resolves.toEqual({
      verified: true,
      reasons: [],
    });
  });
});

describe('sign then verify with a fresh key', () => {
  const issuer = 'https://badges.example.org/issuers/platform';
  const unsigned: UnsignedCredential = {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: 'https://badges.example.org/credentials/7f3c',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer, type: ['Profile'], name: 'Commonplace' },
    validFrom: '2026-12-01T10:00:00Z',
    name: 'Helpful reviewer',
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          identityHash: 'sha256$5ac8d0b5a3d0bb2d2f4e0b7a3e6a1c6f6a8a6e1c07f3a0fbdfc4b6c1b5b9f8e1',
          identityType: 'emailAddress',
          hashed: true,
          salt: 'a1b2c3',
        },
      ],
      achievement: {
        id: 'https://badges.example.org/achievements/helpful-reviewer',
        type: ['Achievement'],
        name: 'Helpful reviewer',
        description: 'Gave ten peer reviews rated helpful.',
        criteria: { narrative: 'Give at least ten reviews with a mean helpfulness of 4 or more.' },
      },
    },
  };
  const { privateKey, publicKey } = generateEd25519KeyPair();
  const verificationMethod = `${issuer}#${toPublicKeyMultibase(publicKey)}`;
  const resolver = (id: string) => (id === verificationMethod ? publicKey : undefined);
  let signed: SignedCredential;

  beforeAll(async () => {
    signed = await signCredential(unsigned, {
      privateKey,
      verificationMethod,
      created: new Date('2026-12-07T04:00:00.123Z'),
    });
  });

  it('produces a DataIntegrityProof that verifies', async () => {
    expect(signed.proof).toEqual({
      type: 'DataIntegrityProof',
      created: '2026-12-07T04:00:00Z',
      verificationMethod,
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      proofValue: expect.stringMatching(/^z[1-9A-HJ-NP-Za-km-z]{80,90}$/),
    });
    await expect(verifyCredential(signed, resolver)).resolves.toEqual({ verified: true, reasons: [] });
  });

  /** The fields the tampering cases change, typed so each case reads as plain assignment. */
  type TamperableCredential = SignedCredential & {
    issuer: { id: string };
    credentialSubject: {
      identifier: [{ identityHash: string }];
      achievement: { criteria: { narrative: string } };
    };
  };

  const tamperings: Array<[string, (credential: TamperableCredential) => void]> = [
    ['the name', (c) => (c.name = 'Most helpful reviewer')],
    ['the issuer', (c) => (c.issuer.id = 'https://evil.example/issuers/1')],
    ['the validity start', (c) => (c.validFrom = '2020-01-01T00:00:00Z')],
    ['the recipient hash', (c) => (c.credentialSubject.identifier[0].identityHash = 'sha256$00')],
    ['the achievement criteria', (c) => (c.credentialSubject.achievement.criteria.narrative = 'Anything.')],
    ['validUntil (added)', (c) => (c.validUntil = '2030-01-01T00:00:00Z')],
    ['the proof created time', (c) => (c.proof.created = '2026-12-08T04:00:00Z')],
  ];
  it.each(tamperings)('changing %s fails verification', async (_what, tamper) => {
    const copy = structuredClone(signed) as TamperableCredential;
    tamper(copy);
    const result = await verifyCredential(copy, resolver);
    expect(result.verified).toBe(false);
    expect(result.reasons[0]).toMatch(/signature does not match/);
  });

  it('a flipped character in the proofValue fails verification', async () => {
    const value = signed.proof.proofValue;
    const flipped = value.slice(0, 10) + (value[10] === 'a' ? 'b' : 'a') + value.slice(11);
    const result = await verifyCredential({ ...signed, proof: { ...signed.proof, proofValue: flipped } }, resolver);
    expect(result.verified).toBe(false);
  });

  it('a proofValue that is not base58btc multibase is refused with a reason', async () => {
    const result = await verifyCredential(
      { ...signed, proof: { ...signed.proof, proofValue: 'u' + 'A'.repeat(86) } },
      resolver,
    );
    expect(result).toEqual({ verified: false, reasons: ['proofValue is not a base58btc multibase value'] });
  });

  it('another key fails verification, and an unknown verification method is named', async () => {
    const other = generateEd25519KeyPair().publicKey;
    const wrongKey = await verifyCredential(signed, () => other);
    expect(wrongKey.verified).toBe(false);
    expect(wrongKey.reasons[0]).toMatch(/signature does not match/);

    const unknown = await verifyCredential(signed, () => undefined);
    expect(unknown).toEqual({ verified: false, reasons: [`verification method ${verificationMethod} is unknown`] });
  });

  it('a proof of another cryptosuite or a missing proof is refused', async () => {
    const otherSuite = { ...signed, proof: { ...signed.proof, cryptosuite: 'ecdsa-rdfc-2019' } };
    expect((await verifyCredential(otherSuite, resolver)).reasons).toEqual([
      'proof cryptosuite must be eddsa-rdfc-2022',
    ]);
    const { proof: _proof, ...bare } = signed;
    expect((await verifyCredential(bare, resolver)).reasons).toEqual(['the credential has no single embedded proof']);
  });

  it('an unknown context is refused when signing and when verifying, naming the URL', async () => {
    const foreign = 'https://contexts.example.com/extra/v1';
    const withForeignContext = { ...unsigned, '@context': [...(unsigned['@context'] as string[]), foreign] };
    await expect(
      signCredential(withForeignContext, { privateKey, verificationMethod, created: new Date('2026-12-07T04:00:00Z') }),
    ).rejects.toThrow(foreign);

    const result = await verifyCredential({ ...signed, '@context': withForeignContext['@context'] }, resolver);
    expect(result.verified).toBe(false);
    expect(result.reasons[0]).toContain(foreign);
  });

  it('a term no context defines is refused (safe mode), not silently left unsigned', async () => {
    await expect(
      signCredential({ ...unsigned, favouriteColour: 'blue' }, { privateKey, verificationMethod, created: new Date() }),
    ).rejects.toThrow(/safe mode/i);
    const result = await verifyCredential({ ...signed, favouriteColour: 'blue' }, resolver);
    expect(result.verified).toBe(false);
    expect(result.reasons[0]).toMatch(/cannot be canonized/);
  });
});
