import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppConfig, InvalidInputError } from '@app/core';
import { IdentityError, IdentityErrorCode, type SessionTokens } from '@app/identity';
import { API_PREFIX } from '../bootstrap';
import { parseCookies, serializeCookie } from '../http/cookies';

export const REFRESH_COOKIE = 'cp_refresh';
export const CSRF_COOKIE = 'cp_csrf';
export const SESSION_TRANSPORT_HEADER = 'X-Session-Transport';
export const CSRF_HEADER = 'X-CSRF-Token';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Tokens as a browser gets them: the refresh token went into a cookie its scripts cannot read. */
export interface BrowserSessionTokens {
  accessToken: string;
  expiresIn: number;
}

/** A refresh token a request presents, and whether the answer goes back in cookies. */
export interface PresentedRefreshToken {
  token: string;
  viaCookie: boolean;
  cookies: boolean;
}

const sha256 = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
/** Digests first, so lengths never differ and the comparison takes the same time whatever the inputs. */
const sameSecret = (a: string, b: string): boolean => timingSafeEqual(sha256(a), sha256(b));

const csrfRejected = (): IdentityError => new IdentityError(IdentityErrorCode.CsrfRejected);

/**
 * Browser mode of the auth routes (issue 15): the refresh token lives in an HttpOnly cookie scoped to the auth
 * routes, so a script injected into the page cannot read it, and the access token stays in the page's memory.
 * A cookie is sent by the browser on its own, so every request it authenticates must prove it comes from our pages:
 * the double-submitted CSRF token, signed (an HMAC of the refresh token in the cookie, so a cookie planted by a
 * sibling subdomain cannot pass) and the Origin / Sec-Fetch-Site headers where the browser sends them.
 */
@Injectable()
export class BrowserSessions {
  private readonly origin: string;
  private readonly loopback: boolean;
  private readonly refreshPath: string;
  private readonly csrfKey: Buffer;

  constructor(private readonly config: AppConfig) {
    const publicUrl = new URL(config.PUBLIC_URL);
    this.origin = publicUrl.origin;
    this.loopback = publicUrl.protocol === 'http:' && LOOPBACK_HOSTS.has(publicUrl.hostname);
    // PUBLIC_URL may carry a path when a proxy serves us under one; the browser sees the auth routes beneath it.
    this.refreshPath = `${publicUrl.pathname.replace(/\/$/, '')}/${API_PREFIX}/auth`;
    // Its own key, derived so that no new secret has to be configured, and a CSRF token reveals nothing of the JWTs'.
    this.csrfKey = createHmac('sha256', config.JWT_SECRET).update('commonplace csrf token v1').digest();
  }

  /** Whether the caller asked for browser mode; if so, the request must come from our pages. */
  wantsCookies(req: Request): boolean {
    const transport = req.get(SESSION_TRANSPORT_HEADER);
    if (transport === undefined || transport === 'body') return false;
    if (transport !== 'cookie') {
      throw new InvalidInputError([
        { field: SESSION_TRANSPORT_HEADER, message: `${SESSION_TRANSPORT_HEADER} must be cookie or body` },
      ]);
    }
    this.assertFromOurPages(req);
    return true;
  }

  /**
   * The body's refresh token when it has one (API clients, unchanged); else the cookie's, once the request has
   * proven it comes from our pages. Refused before anything is looked up or rotated.
   */
  presented(req: Request, bodyToken: string | undefined): PresentedRefreshToken {
    const cookies = this.wantsCookies(req);
    if (bodyToken !== undefined) return { token: bodyToken, viaCookie: false, cookies };
    const jar = parseCookies(req.get('cookie'));
    const sent = jar.get(REFRESH_COOKIE) ?? [];
    if (sent.length === 0) {
      throw new InvalidInputError([
        { field: 'refreshToken', message: `refreshToken is required, in the body or the ${REFRESH_COOKIE} cookie` },
      ]);
    }
    this.assertFromOurPages(req);
    const [token] = sent;
    const [csrfCookie] = jar.get(CSRF_COOKIE) ?? [];
    const csrfHeader = req.get(CSRF_HEADER);
    // Two cookies of one name: one was planted beside ours; we do not guess which.
    if (sent.length > 1 || token === undefined || !csrfCookie || !csrfHeader) throw csrfRejected();
    if (!sameSecret(csrfHeader, csrfCookie) || !sameSecret(csrfHeader, this.csrfTokenOf(token))) throw csrfRejected();
    return { token, viaCookie: true, cookies: true };
  }

  /** The answer of login, refresh or password change: as it always was, or the refresh token set as a cookie. */
  respond(res: Response, tokens: SessionTokens, cookies: boolean): SessionTokens | BrowserSessionTokens {
    if (!cookies) return tokens;
    const maxAgeSeconds = this.config.REFRESH_TOKEN_TTL_DAYS * 86400;
    this.setCookies(res, tokens.refreshToken, this.csrfTokenOf(tokens.refreshToken), maxAgeSeconds);
    return { accessToken: tokens.accessToken, expiresIn: tokens.expiresIn };
  }

  /** Tells the browser to delete both cookies (logout, or a refresh cookie that no longer works). */
  clear(res: Response): void {
    this.setCookies(res, '', '', 0);
  }

  /** The CSRF token of a session: bound to its current refresh token, so it rotates with it. */
  private csrfTokenOf(refreshToken: string): string {
    return createHmac('sha256', this.csrfKey).update(refreshToken, 'utf8').digest('base64url');
  }

  private setCookies(res: Response, refreshToken: string, csrfToken: string, maxAgeSeconds: number): void {
    const secure = !this.loopback;
    res.append('Set-Cookie', [
      serializeCookie(REFRESH_COOKIE, refreshToken, { path: this.refreshPath, maxAgeSeconds, httpOnly: true, secure }),
      // Readable by our scripts (that is the point): they copy it into the X-CSRF-Token header.
      serializeCookie(CSRF_COOKIE, csrfToken, { path: '/', maxAgeSeconds, httpOnly: false, secure }),
    ]);
    // The answer carries a fresh session: no shared cache may keep it.
    res.setHeader('Cache-Control', 'no-store');
  }

  /**
   * Browsers send Sec-Fetch-Site and, on a POST, Origin; where they do, they must name our own origin. Older
   * clients without them still need the CSRF token, and SameSite=Strict keeps the cookie off other sites' requests.
   */
  private assertFromOurPages(req: Request): void {
    const site = req.get('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin') throw csrfRejected();
    const origin = req.get('origin');
    if (origin !== undefined && !this.isOurOrigin(origin)) throw csrfRejected();
  }

  private isOurOrigin(origin: string): boolean {
    if (origin === this.origin) return true;
    // In development the web app's dev server (another port) proxies /api to us; its pages are same-origin to the
    // browser, which sends the dev server's Origin. Loopback ports share cookies anyway, so this opens nothing.
    if (!this.loopback) return false;
    try {
      const url = new URL(origin);
      return url.origin === origin && url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
    } catch {
      return false;
    }
  }
}
