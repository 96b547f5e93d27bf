import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import bs58 from 'bs58';

/** Multicodec `ed25519-pub` (0xed) as an unsigned varint: the two bytes 0xed 0x01. */
const ED25519_PUBLIC_KEY_PREFIX = Buffer.from([0xed, 0x01]);
const MULTIBASE_BASE58BTC = 'z';
const ED25519_KEY_LENGTH = 32;

// DER prefixes of an Ed25519 key (RFC 8410); the raw 32 bytes follow them.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function encodeBase58btcMultibase(bytes: Uint8Array): string {
  return MULTIBASE_BASE58BTC + bs58.encode(bytes);
}

export function decodeBase58btcMultibase(value: string): Buffer {
  if (!value.startsWith(MULTIBASE_BASE58BTC)) {
    throw new Error('multibase value is not base58btc (must start with "z")');
  }
  return Buffer.from(bs58.decode(value.slice(1)));
}

export function generateEd25519KeyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ed25519');
}

/** The raw 32-byte seed: what an issuer stores (encrypted) to re-create its key. */
export function exportEd25519Seed(privateKey: KeyObject): Buffer {
  assertEd25519(privateKey, 'private');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  return Buffer.from(der.subarray(der.length - ED25519_KEY_LENGTH));
}

export function importEd25519Seed(seed: Uint8Array): KeyObject {
  if (seed.length !== ED25519_KEY_LENGTH) {
    throw new Error(`an Ed25519 seed has ${ED25519_KEY_LENGTH} bytes, got ${seed.length}`);
  }
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export function exportEd25519PublicKeyRaw(publicKey: KeyObject): Buffer {
  const key = publicKey.type === 'private' ? createPublicKey(publicKey) : publicKey;
  assertEd25519(key, 'public');
  const der = key.export({ format: 'der', type: 'spki' });
  return Buffer.from(der.subarray(der.length - ED25519_KEY_LENGTH));
}

export function importEd25519PublicKeyRaw(raw: Uint8Array): KeyObject {
  if (raw.length !== ED25519_KEY_LENGTH) {
    throw new Error(`an Ed25519 public key has ${ED25519_KEY_LENGTH} bytes, got ${raw.length}`);
  }
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** Multikey `publicKeyMultibase`: 'z' + base58btc(0xed01 ‖ raw public key). Accepts a private key too. */
export function toPublicKeyMultibase(key: KeyObject): string {
  return encodeBase58btcMultibase(Buffer.concat([ED25519_PUBLIC_KEY_PREFIX, exportEd25519PublicKeyRaw(key)]));
}

export function fromPublicKeyMultibase(publicKeyMultibase: string): KeyObject {
  const bytes = decodeBase58btcMultibase(publicKeyMultibase);
  if (!bytes.subarray(0, 2).equals(ED25519_PUBLIC_KEY_PREFIX)) {
    throw new Error('publicKeyMultibase is not an Ed25519 public key (missing 0xed01 prefix)');
  }
  return importEd25519PublicKeyRaw(bytes.subarray(2));
}

function assertEd25519(key: KeyObject, type: 'private' | 'public'): void {
  if (key.asymmetricKeyType !== 'ed25519' || key.type !== type) {
    throw new Error(`expected an Ed25519 ${type} key`);
  }
}
