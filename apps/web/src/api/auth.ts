import { api, unwrap } from './client';
import { setSession } from './session';

/**
 * Browser sessions (see README "Browser sessions"): the API keeps the refresh token in an HttpOnly cookie and a
 * CSRF token in a readable one; the access token lives in memory only. A reload restores the session from the
 * cookie. Refreshes go one at a time across tabs (Web Locks): two tabs presenting the same refresh cookie would
 * look like a stolen token replayed, and the API would end the session.
 */
const COOKIE_MODE = { 'X-Session-Transport': 'cookie' } as const;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;

function csrfToken(): string | null {
  const match = /(?:^|;\s*)cp_csrf=([^;]+)/.exec(document.cookie);
  return match ? decodeURIComponent(match[1]!) : null;
}

function start(tokens: { accessToken: string; expiresIn: number }): void {
  setSession({ accessToken: tokens.accessToken, expiresAt: Date.now() + tokens.expiresIn * 1000 });
  clearTimeout(refreshTimer);
  // Refresh at four fifths of the access token's life, so a request never goes out with a dead one.
  refreshTimer = setTimeout(() => void refreshSession(), tokens.expiresIn * 800);
}

export async function logIn(email: string, password: string): Promise<void> {
  start(unwrap(await api.POST('/api/v1/auth/login', { body: { email, password }, headers: COOKIE_MODE })));
}

/** A new access token from the refresh cookie; false (and signed out) when there is no session to continue. */
export async function refreshSession(): Promise<boolean> {
  const run = async (): Promise<boolean> => {
    const csrf = csrfToken();
    if (!csrf) return false;
    const result = await api.POST('/api/v1/auth/refresh', { headers: { 'X-CSRF-Token': csrf } });
    if (!result.response.ok || !result.data) {
      setSession(null);
      return false;
    }
    start(result.data);
    return true;
  };
  return navigator.locks ? navigator.locks.request('commonplace-session-refresh', run) : run();
}

export async function logOut(): Promise<void> {
  clearTimeout(refreshTimer);
  const csrf = csrfToken();
  try {
    if (csrf) await api.POST('/api/v1/auth/logout', { headers: { 'X-CSRF-Token': csrf } });
  } finally {
    setSession(null);
  }
}

/** Changes the password: the API ends every session and starts this one afresh (new cookie, new access token). */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  const csrf = csrfToken();
  start(
    unwrap(
      await api.POST('/api/v1/auth/password', {
        body: { currentPassword, newPassword },
        headers: { ...COOKIE_MODE, ...(csrf ? { 'X-CSRF-Token': csrf } : {}) },
      }),
    ),
  );
}
