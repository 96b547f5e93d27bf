/**
 * The signed-in session as the browser holds it: the access token in memory only (never in storage a script could
 * read later), the person it belongs to, and listeners for changes. The refresh token never reaches JavaScript.
 */
export interface Session {
  accessToken: string;
  expiresAt: number;
}

type Listener = (session: Session | null) => void;

let current: Session | null = null;
const listeners = new Set<Listener>();

export function getSession(): Session | null {
  return current;
}

export function setSession(session: Session | null): void {
  current = session;
  for (const listener of listeners) listener(session);
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
