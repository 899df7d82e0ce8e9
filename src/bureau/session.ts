// The signed-in session as the bureau page sees it (GET api/session), asked once per page. Served without the server
// (static hosting, `npm run dev`) there is none, and the editing tools are not drawn.
import { ServerError } from '../ui/server-message.ts';

export interface BureauSession {
  user: string;
  role: 'editor' | 'planner' | 'viewer';
  csrf: string;
}

let asked: Promise<BureauSession | null> | null = null;

export function currentSession(): Promise<BureauSession | null> {
  asked ??= fetch('api/session', { credentials: 'same-origin' })
    .then((r) => (r.ok ? (r.json() as Promise<BureauSession>) : null))
    .catch(() => null);
  return asked;
}

/** A JSON call to the server's API with the CSRF token; rejects with a ServerError (shown in the UI language) on an error status. */
export async function apiCall<T>(session: BureauSession, method: string, url: string, body?: unknown): Promise<T> {
  const r = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: { 'x-csrf-token': session.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed = await r.json().catch(() => null);
  if (!r.ok) throw new ServerError(r.status, parsed);
  return parsed as T;
}
