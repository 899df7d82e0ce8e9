// The field page's calls to the server: the session (its CSRF token), tasks, 监测图斑, sites. Errors carry the server's
// message key (src/core/messages) so the page can say them in the walker's language.
import { apiMessageText, isApiMessageKey } from '../core/messages/api-messages.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { getKv, putKv } from './store.ts';

export interface FieldSession {
  user: string;
  role: 'editor' | 'planner' | 'viewer';
  csrf: string;
}

export class ApiAnswerError extends Error {
  constructor(readonly status: number, readonly body: { error?: string; key?: string; params?: Record<string, string | number>; current?: unknown }) {
    super(body.error ?? `HTTP ${status}`);
  }
  text(lang: Lang): string {
    return isApiMessageKey(this.body.key) ? apiMessageText(this.body.key, this.body.params ?? {}, lang) : this.message;
  }
}

export const API = '../api/';

export async function getJson<T>(path: string): Promise<T> {
  const r = await fetch(`${API}${path}`, { credentials: 'same-origin' });
  const body = await r.json().catch(() => ({ error: `HTTP ${r.status}` }));
  if (!r.ok) throw new ApiAnswerError(r.status, body as ApiAnswerError['body']);
  return body as T;
}

/**
 * The signed-in session; without a network, the last one this phone saw (kept in IndexedDB: the page's first visit may
 * ask before the service worker keeps API answers). Sending always asks the server again for a fresh CSRF token.
 */
export async function session(offlineCopy = false): Promise<FieldSession | null> {
  try {
    const s = await getJson<FieldSession>('session');
    await putKv('session', s);
    return s;
  } catch (e) {
    if (!offlineCopy || e instanceof ApiAnswerError) return null;
    return ((await getKv('session')) as FieldSession | undefined) ?? null;
  }
}

export async function sendJson<T>(s: FieldSession, method: string, path: string, body: unknown): Promise<T> {
  const r = await fetch(`${API}${path}`, {
    method,
    credentials: 'same-origin',
    headers: { 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const parsed = await r.json().catch(() => ({ error: `HTTP ${r.status}` }));
  if (!r.ok) throw new ApiAnswerError(r.status, parsed as ApiAnswerError['body']);
  return parsed as T;
}
