import { randomBytes } from 'node:crypto';

/** 144 random bits, URL-safe: unguessable, and short enough to read out or paste. */
export const newInviteCode = (): string => randomBytes(18).toString('base64url');
