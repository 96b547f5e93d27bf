import { BadgeError, BadgeErrorCode } from '../badges.errors';
import { extractFromPng, extractFromSvg } from '../baking';

export const CREDENTIAL_INPUT_FIELD = 'body';

/**
 * The credential inside what someone sent to be verified: the JSON itself (already parsed), or the credential baked
 * into a PNG (`iTXt` openbadgecredential) or an SVG (`openbadges:credential`). An image without one, or anything
 * unreadable, is the client's mistake (400 naming `body`), never a verdict.
 */
export function credentialFromInput(
  contentType: 'json' | 'png' | 'svg',
  body: unknown,
  /** The bounds JSON bodies get (depth, sizes), applied to a baked credential before it is parsed. */
  shapeProblem: (json: Buffer) => string | undefined = () => undefined,
): Record<string, unknown> {
  const unreadable = () => new BadgeError(BadgeErrorCode.UnreadableCredential, CREDENTIAL_INPUT_FIELD);
  if (contentType === 'json') {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw unreadable();
    return body as Record<string, unknown>;
  }
  if (!Buffer.isBuffer(body) || body.length === 0) throw unreadable();
  let baked: string | null;
  try {
    baked = contentType === 'png' ? extractFromPng(body) : extractFromSvg(body.toString('utf8'));
  } catch {
    throw unreadable();
  }
  if (baked === null || shapeProblem(Buffer.from(baked, 'utf8'))) throw unreadable();
  let parsed: unknown;
  try {
    parsed = JSON.parse(baked);
  } catch {
    throw unreadable();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw unreadable();
  return parsed as Record<string, unknown>;
}
