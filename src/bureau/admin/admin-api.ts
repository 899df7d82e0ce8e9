// The user administration's calls to the server (account-routes.ts), with the CSRF token. A refused call rejects with
// the server's message key and parameters, shown in the UI language from the one catalogue (src/core/messages).
import { apiMessageText, isApiMessageKey, type MessageParams } from '../../core/messages/api-messages.ts';
import type { Lang } from '../../ui/i18n-types.ts';
import { fillText } from '../../ui/fill-text.ts';
import { ACCOUNT_TEXT } from '../../ui/account-text.ts';
import type { BureauSession } from '../session.ts';

export type Role = 'editor' | 'planner' | 'viewer';
export const ROLES: readonly Role[] = ['editor', 'planner', 'viewer'];

export interface Account {
  username: string;
  role: Role;
  disabled: boolean;
  created: number;
  last_sign_in: number | null;
  has_password: boolean;
  setup: { purpose: 'new' | 'reset'; expires: number } | null;
  failures: number;
  locked_until: number | null;
}

export interface AdminList {
  users: Account[];
  addresses: { address: string; failures: number; locked_until: number }[];
  limits: { accountFailures: number; addressFailures: number; windowMs: number };
}

export interface SetupLink {
  token: string;
  expires: number;
}

/** An API refusal: its message key (from the catalogue) and parameters, or a plain message when it has none. */
export class ApiRefusal extends Error {
  constructor(readonly status: number, message: string, readonly key: string | undefined, readonly params: MessageParams) {
    super(message);
  }
}

/** The text of an error in the UI language: a keyed refusal from the catalogue, a network failure in words. */
export function errorText(e: unknown, lang: Lang): string {
  if (e instanceof ApiRefusal && isApiMessageKey(e.key)) return apiMessageText(e.key, e.params, lang);
  if (e instanceof ApiRefusal) return e.message;
  return fillText(ACCOUNT_TEXT.serverUnreachable[lang], { reason: (e as Error).message });
}

export async function adminCall<T>(session: BureauSession, method: string, url: string, body?: unknown): Promise<T> {
  const r = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: { 'x-csrf-token': session.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed = (await r.json().catch(() => ({}))) as { error?: string; key?: string; params?: MessageParams };
  if (!r.ok) throw new ApiRefusal(r.status, parsed.error ?? `HTTP ${r.status}`, parsed.key, parsed.params ?? {});
  return parsed as T;
}

/** The address the new user opens: the sign-in page next to this page, with the token in the fragment (never sent). */
export function setupLinkUrl(token: string, base = document.baseURI): string {
  return new URL(`login/#setup=${token}`, base).toString();
}
