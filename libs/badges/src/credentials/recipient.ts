import { createHash, randomBytes } from 'node:crypto';

/**
 * OB 3.0 IdentityObject for a hashed email. IdentityHash (OB 3.0 common_credentials, 1EdTech spec commit 1af145ff):
 * algorithm 'sha256', '$', then the hex SHA-256 of the UTF-8 identifier with the salt appended.
 */
export interface EmailIdentityObject {
  type: 'IdentityObject';
  identityHash: string;
  identityType: 'emailAddress';
  hashed: true;
  salt: string;
}

/** Trimmed and lower-cased, so that " Alice@Example.org " and "alice@example.org" hash alike. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** IdentityHash: 'sha256$' + hex(SHA-256(UTF-8(identity ‖ salt))). */
export function hashIdentity(identity: string, salt: string): string {
  return (
    'sha256$' +
    createHash('sha256')
      .update(identity + salt, 'utf8')
      .digest('hex')
  );
}

export function generateSalt(): string {
  return randomBytes(16).toString('hex');
}

export function emailIdentityObject(email: string, salt: string): EmailIdentityObject {
  return {
    type: 'IdentityObject',
    identityHash: hashIdentity(normalizeEmail(email), salt),
    identityType: 'emailAddress',
    hashed: true,
    salt,
  };
}

/**
 * Whether a claimed email is the hashed recipient (a verifier asking "is this badge Alice's?"). The spec allows
 * upper- or lower-case hex, so the digest is compared case-insensitively; the algorithm name is not.
 */
export function matchesEmailIdentity(
  identity: Pick<EmailIdentityObject, 'identityHash' | 'salt'>,
  email: string,
): boolean {
  const [algorithm, digest] = identity.identityHash.split('$');
  return (
    algorithm === 'sha256' &&
    digest !== undefined &&
    hashIdentity(normalizeEmail(email), identity.salt) === `sha256$${digest.toLowerCase()}`
  );
}
