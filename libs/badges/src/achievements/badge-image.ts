import { BadgeError, BadgeErrorCode } from '../badges.errors';

export type BadgeImageType = 'image/png' | 'image/svg+xml';

/** Badge images are small pictures; anything larger is a mistake (and is copied into every baked download). */
export const BADGE_IMAGE_MAX_BYTES = 256 * 1024;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * What an SVG must not hold: it is served from our origin and baked into downloads, so anything that runs or
 * fetches is refused — scripts, foreign HTML, event attributes, links and references outside the document,
 * entity declarations (billion laughs), and CSS imports or urls.
 */
const SVG_FORBIDDEN: readonly RegExp[] = [
  /<\s*script/i,
  /<\s*foreignObject/i,
  /<!ENTITY/i,
  /<!DOCTYPE/i,
  /\son[a-z]+\s*=/i,
  /\bhref\s*=\s*["']\s*(?!#)/i,
  /javascript:/i,
  /url\s*\(\s*["']?\s*(?!#)/i,
  /@import/i,
  /<\s*(iframe|embed|object)\b/i,
];

/**
 * The image's type read from its bytes (the declared type must agree): a PNG by its signature, an SVG by its root
 * element, with nothing active in it. Throws a problem the client can act on.
 */
export function checkBadgeImage(bytes: Buffer, declared: string | undefined): BadgeImageType {
  if (bytes.length > BADGE_IMAGE_MAX_BYTES) throw new BadgeError(BadgeErrorCode.ImageTooLarge, 'body');
  const type = declared?.split(';')[0]?.trim().toLowerCase();
  if (type === 'image/png' && bytes.length > PNG_SIGNATURE.length && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    return 'image/png';
  }
  if (type === 'image/svg+xml') {
    const text = bytes.toString('utf8');
    const root = text.replace(/^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*/, '');
    if (/^<svg[\s>]/.test(root) && /<\/svg>\s*$/.test(text) && !SVG_FORBIDDEN.some((p) => p.test(text))) {
      return 'image/svg+xml';
    }
  }
  throw new BadgeError(BadgeErrorCode.ImageUnsupported, 'body');
}
