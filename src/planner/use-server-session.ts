// Who is signed in, for the planner: asked once when the panel opens. 'none' means no server (static hosting, offline
// at start) or not signed in: the workspace works locally with every tool. A viewer gets no drawing tools.
import { useEffect, useState } from 'react';
import { serverSession } from './storage/server-sync.ts';

export type PlannerSession = { state: 'loading' } | { state: 'none' } | { state: 'ready'; user: string; role: string; csrf: string };

export function useServerSession(): PlannerSession {
  const [session, setSession] = useState<PlannerSession>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    void serverSession().then((s) => { if (live) setSession(s ? { state: 'ready', ...s } : { state: 'none' }); });
    return () => { live = false; };
  }, []);
  return session;
}

/** The roles that may create and change sites (the server checks it on every call; the panel only offers what works). */
export const mayWriteSites = (s: PlannerSession): boolean => s.state !== 'ready' || s.role !== 'viewer';
