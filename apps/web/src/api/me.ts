import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, unwrap } from './client';
import { logOut } from './auth';
import { getSession, onSessionChange } from './session';
import type { components } from './schema';

export type OwnProfile = components['schemas']['OwnProfileDto'];

/** Whether someone is signed in, following the session as it changes. */
export function useSignedIn(): boolean {
  const [signedIn, setSignedIn] = useState(() => getSession() !== null);
  useEffect(() => onSessionChange((session) => setSignedIn(session !== null)), []);
  return signedIn;
}

/** The signed-in person's own profile (zone, language, availability), or null when nobody is signed in. */
export function useMe(): OwnProfile | null {
  const signedIn = useSignedIn();
  const { data } = useQuery({
    queryKey: ['me'],
    enabled: signedIn,
    queryFn: async () => unwrap(await api.GET('/api/v1/users/me')),
  });
  return signedIn ? (data ?? null) : null;
}

export function useLogOut(): () => Promise<void> {
  const queries = useQueryClient();
  return async () => {
    await logOut();
    queries.clear();
  };
}
