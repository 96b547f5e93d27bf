/**
 * Failed attempts after which an outbox event is quarantined: with the back-off below, the last attempt comes
 * about 40 minutes after the first, long enough for a deadlock or a restart to pass, short enough that a real bug
 * stops costing work and shows in the metrics the same hour.
 */
export const OUTBOX_MAX_ATTEMPTS = 5;

const FIRST_DELAY_MS = 30_000;
const FACTOR = 4;
const MAX_DELAY_MS = 60 * 60_000;

/**
 * Wait after the failed attempt number `attempts` (1-based): 30 s, 2 min, 8 min, 32 min, at most 1 h. No jitter:
 * an event is claimed by one relay at a time (SKIP LOCKED), so retries never come back as a herd.
 */
export function outboxRetryDelayMs(attempts: number): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 20));
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * FACTOR ** exponent);
}

/** Room for the failure's text in `outbox_events.last_error`. */
export const LAST_ERROR_MAX_LENGTH = 1000;

/**
 * What is kept of a handler's failure: the handler's name and the error's message, bounded. Never the payload or a
 * stack trace, which could carry personal data or internals the operator does not need to see the failing code.
 */
export function describeFailure(handler: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const text = `${handler}: ${message.replace(/\s+/g, ' ').trim()}`;
  return text.length <= LAST_ERROR_MAX_LENGTH ? text : `${text.slice(0, LAST_ERROR_MAX_LENGTH - 1)}…`;
}
