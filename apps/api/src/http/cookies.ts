/** RFC 6265 §4.1.1: a cookie-name is an HTTP token; a cookie-value is cookie-octets, optionally in double quotes. */
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const COOKIE_VALUE = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/;
/** Node refuses request headers over 16 KiB anyway; this bounds the work on the one header we split. */
const MAX_HEADER_LENGTH = 8192;
/** RFC 6265 §4.1.1 path-value: any CHAR but controls and ';'. */
const COOKIE_PATH = /^\/[\x21-\x3A\x3C-\x7E]*$/;

/**
 * Reads a Cookie header strictly (no dependency: a dozen lines, and nothing decoded, so a value is compared as
 * sent). Malformed pairs are skipped; a name sent more than once keeps every value, so a caller can refuse the
 * ambiguity rather than guess which path's cookie came first (a cookie planted by a sibling subdomain).
 */
export function parseCookies(header: string | undefined): ReadonlyMap<string, readonly string[]> {
  const cookies = new Map<string, string[]>();
  if (!header || header.length > MAX_HEADER_LENGTH) return cookies;
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=');
    if (at < 0) continue;
    const name = pair.slice(0, at).trim();
    let value = pair.slice(at + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (!COOKIE_NAME.test(name) || !COOKIE_VALUE.test(value)) continue;
    cookies.set(name, [...(cookies.get(name) ?? []), value]);
  }
  return cookies;
}

export interface CookieAttributes {
  path: string;
  /** Seconds; 0 tells the browser to delete the cookie now. */
  maxAgeSeconds: number;
  httpOnly: boolean;
  secure: boolean;
}

/** One Set-Cookie value. Every cookie we set is SameSite=Strict and host-only (no Domain attribute). */
export function serializeCookie(name: string, value: string, attributes: CookieAttributes): string {
  if (!COOKIE_NAME.test(name) || !COOKIE_VALUE.test(value) || !COOKIE_PATH.test(attributes.path)) {
    throw new Error(`unsafe cookie ${name}`);
  }
  const parts = [`${name}=${value}`, `Max-Age=${Math.max(0, Math.floor(attributes.maxAgeSeconds))}`];
  parts.push(`Path=${attributes.path}`);
  if (attributes.httpOnly) parts.push('HttpOnly');
  if (attributes.secure) parts.push('Secure');
  parts.push('SameSite=Strict');
  return parts.join('; ');
}
