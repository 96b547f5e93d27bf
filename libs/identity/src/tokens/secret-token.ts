import { createHash, randomBytes } from 'node:crypto';

/** A random secret for a link or a refresh token, and the SHA-256 we store instead of it. */
export function newSecretToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
