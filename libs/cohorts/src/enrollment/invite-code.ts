import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 144 random bits, URL-safe: unguessable, and short enough to paste (fits the 64-character column). */
export const newCohortInviteCode = (): string => randomBytes(18).toString('base64url');

/**
 * Compares a presented code with the cohort's in constant time. Both sides are hashed first so the comparison
 * takes as long whatever the presented length (timingSafeEqual wants equal lengths).
 */
export function inviteCodeMatches(presented: string, actual: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(presented), digest(actual));
}
