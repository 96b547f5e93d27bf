/** Nodemailer error codes of a connection or of our own setup: the message itself is fine, try it again later. */
const TRANSIENT_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EPROTOCOL',
  'EMAXLIMIT',
  // Bad credentials or settings hurt every message alike; failing them all for good would lose mail that an
  // operator's fix would deliver.
  'EAUTH',
  'ENOAUTH',
  'ECONFIG',
  'EPROXY',
]);

/** Node's own socket and file-system errors (dev mailbox: a full or read-only disk). */
const TRANSIENT_SYSTEM_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOSPC',
  'EACCES',
  'EROFS',
  'EMFILE',
]);

export type DeliveryFailureKind = 'transient' | 'permanent';

/**
 * A message the transport could not hand over. `transient` (SMTP 4xx, connection trouble): retry later;
 * `permanent` (SMTP 5xx, an envelope the server refuses): retrying would only be refused again.
 */
export class MailDeliveryError extends Error {
  override readonly name = 'MailDeliveryError';

  constructor(
    readonly kind: DeliveryFailureKind,
    /** The server's answer or the error text; may name the recipient, so it goes to the ledger, not to logs. */
    readonly response: string,
    readonly responseCode: number | undefined,
    /** Nodemailer's or Node's error code, safe to log. */
    readonly code: string | undefined,
  ) {
    super(`${kind} mail delivery failure${responseCode ? ` (${responseCode})` : code ? ` (${code})` : ''}`);
  }
}

interface NodemailerLikeError {
  message?: unknown;
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
}

/** Classifies what nodemailer (or the file system, for the dev mailbox) threw. */
export function toMailDeliveryError(error: unknown): MailDeliveryError {
  if (error instanceof MailDeliveryError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as NodemailerLikeError;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const response =
    typeof e.response === 'string' ? e.response : typeof e.message === 'string' ? e.message : String(error);
  return new MailDeliveryError(classify(code, responseCode), response, responseCode, code);
}

function classify(code: string | undefined, responseCode: number | undefined): DeliveryFailureKind {
  if (code && (TRANSIENT_CODES.has(code) || TRANSIENT_SYSTEM_CODES.has(code))) return 'transient';
  if (responseCode !== undefined && responseCode >= 500 && responseCode < 600) return 'permanent';
  if (responseCode !== undefined && responseCode >= 400 && responseCode < 500) return 'transient';
  // A message nodemailer refuses before talking to anyone (no recipient, too large) will never go out.
  if (code === 'EENVELOPE' || code === 'EMESSAGE') return 'permanent';
  // Anything unknown: retrying is bounded by the attempt limit, dropping an email is not undoable.
  return 'transient';
}
