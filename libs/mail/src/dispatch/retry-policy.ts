/**
 * Attempts per email. With the back-off below, the last one comes about three hours after the first, so a
 * provider outage of a few hours delays mail instead of losing it.
 */
export const MAX_ATTEMPTS = 10;

/**
 * How long a claim holds a row. It must outlast one compose + send (the SMTP timeouts bound a send to about two
 * minutes), or a slow send could be claimed and sent again; a crashed worker's row waits this long.
 */
export const CLAIM_LEASE_MS = 5 * 60_000;

const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;
const JITTER = 0.2;

/**
 * Wait after the failed attempt number `attempts` (1-based): 30 s doubling up to 1 h, ±20% so a burst of
 * failures does not come back as a burst.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 30));
  const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** exponent);
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}

/** The longest wait `retryDelayMs` can return after attempt `attempts`: tests move their clock past it. */
export function maxRetryDelayMs(attempts: number): number {
  return retryDelayMs(attempts, () => 1);
}
