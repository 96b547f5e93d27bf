/**
 * `badge-awarded:<award>`: one "you earned a badge" per award, emailed or in a digest. Persisted in the schedule and
 * the ledger: never change it.
 */
export const badgeAwardedKey = (awardId: string): string => `badge-awarded:${awardId}`;
