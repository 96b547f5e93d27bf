import { sign, verify } from 'node:crypto';
import {
  exportEd25519PublicKeyRaw,
  exportEd25519Seed,
  fromPublicKeyMultibase,
  generateEd25519KeyPair,
  importEd25519Seed,
  toPublicKeyMultibase,
} from './multikey';

describe('Ed25519 keys as Multikey', () => {
  // From the eddsa-rdfc-2022 vector (test/fixtures/openbadges-3.0): seed, raw public key and its Multikey.
  const seedHex = '6241a409e6707bb640a0140a8a32bc3d193c33a661747284d6adfa4ed4180be4';
  const publicKeyHex = '4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca04cc5a5';
  const publicKeyMultibase = 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi';

  it('encodes a public key as z + base58btc(0xed01 ‖ key) and decodes it back', () => {
    const privateKey = importEd25519Seed(Buffer.from(seedHex, 'hex'));
    expect(toPublicKeyMultibase(privateKey)).toBe(publicKeyMultibase);
    expect(exportEd25519PublicKeyRaw(fromPublicKeyMultibase(publicKeyMultibase)).toString('hex')).toBe(publicKeyHex);
  });

  it('a key stored as its 32-byte seed signs exactly like the original', () => {
    const { privateKey, publicKey } = generateEd25519KeyPair();
    const seed = exportEd25519Seed(privateKey);
    expect(seed).toHaveLength(32);
    const restored = importEd25519Seed(seed);
    const message = Buffer.from('badge');
    expect(sign(null, message, restored)).toEqual(sign(null, message, privateKey));
    expect(
      verify(null, message, fromPublicKeyMultibase(toPublicKeyMultibase(publicKey)), sign(null, message, restored)),
    ).toBe(true);
  });

  it('refuses a Multikey of another codec, another multibase or the wrong length', () => {
    // 0xe701 is secp256k1-pub: a valid Multikey, but not one we can verify eddsa-rdfc-2022 with.
    expect(() => fromPublicKeyMultibase('zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme')).toThrow(/0xed01/);
    expect(() => fromPublicKeyMultibase('u7QFL3q_eLqi-763YxpmlzH4HBM9RFU1S4XsgtxM3ygTMWl')).toThrow(/base58btc/);
    expect(() => fromPublicKeyMultibase('z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hw')).toThrow();
    expect(() => importEd25519Seed(Buffer.alloc(31))).toThrow(/32 bytes/);
  });
});
