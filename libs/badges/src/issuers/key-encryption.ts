import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes, type KeyObject } from 'node:crypto';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** Binds a ciphertext to its purpose: a blob copied into another column does not decrypt there. */
const ASSOCIATED_DATA = Buffer.from('commonplace:badge-issuer-key:v1');

/** AES-256-GCM of a private key's PKCS#8 DER: nonce ‖ tag ‖ ciphertext. */
export function encryptPrivateKey(privateKey: KeyObject, encryptionKeyHex: string): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(encryptionKeyHex, 'hex'), nonce);
  cipher.setAAD(ASSOCIATED_DATA);
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  const ciphertext = Buffer.concat([cipher.update(der), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), ciphertext]);
}

/** The private key back; throws when the encryption key is not the one it was encrypted with. */
export function decryptPrivateKey(blob: Buffer, encryptionKeyHex: string): KeyObject {
  const nonce = blob.subarray(0, NONCE_BYTES);
  const tag = blob.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(encryptionKeyHex, 'hex'), nonce);
  decipher.setAAD(ASSOCIATED_DATA);
  decipher.setAuthTag(tag);
  const der = Buffer.concat([decipher.update(blob.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]);
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}
