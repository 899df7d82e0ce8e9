// Sessions in the database: the browser holds a random 256-bit token in an httpOnly, SameSite=Strict cookie; the table
// holds only its SHA-256, the user, a CSRF token and the expiry. A session of a disabled account is no session.
//
// Per process by design: a short cache (5 s) spares a query on each of the hundreds of page-file and tile requests a map
// pan makes. Every /api call reads the database instead (`fresh`), so sign-out, a disabled account, a reset password
// or a changed role take effect on the next API call in every server process; this process also drops the cached
// entries at once. Another process may keep serving the same browser its static page files for up to 5 s.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from './db.ts';
import type { Role, User } from './roles.ts';

export const COOKIE = 'xg_session';
export const SESSION_HOURS = 12;
const CACHE_MS = 5_000;

export interface Session {
  tokenHash: string;
  csrf: string;
  user: User;
  expires: number;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

const cache = new Map<string, { session: Session | null; until: number }>();

export async function createSession(db: Queryable, user: User, hours = SESSION_HOURS): Promise<{ token: string; session: Session }> {
  const token = newToken();
  const csrf = newToken();
  const tokenHash = hashToken(token);
  // Expired rows are swept here rather than by a timer: sign-ins are rare enough and this keeps the table small.
  await db.query('DELETE FROM sessions WHERE expires_at < now()');
  const { rows } = await db.query<{ expires: number }>(
    `INSERT INTO sessions (token_hash, user_id, csrf, expires_at) VALUES ($1, $2, $3, now() + make_interval(hours => $4))
     RETURNING (extract(epoch FROM expires_at) * 1000)::float8 AS expires`,
    [tokenHash, user.id, csrf, hours],
  );
  return { token, session: { tokenHash, csrf, user, expires: rows[0].expires } };
}

/** The session of a cookie's token; `fresh` reads the database even when this process has it cached. */
export async function sessionFromToken(db: Queryable, token: string | undefined, fresh = false): Promise<Session | null> {
  if (!token || token.length > 100) return null;
  const tokenHash = hashToken(token);
  const now = Date.now();
  const hit = cache.get(tokenHash);
  if (!fresh && hit && hit.until > now && (!hit.session || hit.session.expires > now)) return hit.session;
  const { rows } = await db.query<{ id: number; username: string; role: Role; csrf: string; expires: number }>(
    `SELECT u.id, u.username, u.role, s.csrf, (extract(epoch FROM s.expires_at) * 1000)::float8 AS expires
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.expires_at > now() AND u.disabled_at IS NULL`,
    [tokenHash],
  );
  const r = rows[0];
  const session = r ? { tokenHash, csrf: r.csrf, expires: r.expires, user: { id: r.id, username: r.username, role: r.role } } : null;
  if (cache.size > 10_000) cache.clear();
  cache.set(tokenHash, { session, until: now + CACHE_MS });
  return session;
}

export async function endSession(db: Queryable, session: Session): Promise<void> {
  cache.delete(session.tokenHash);
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [session.tokenHash]);
}

/**
 * Ends the sessions of a user (disabled, reset, a new password), all or all but one (`keep`: the token hash of the
 * session that changed its own password), in the database and in this process's cache.
 */
export async function endUserSessions(db: Queryable, userId: number, keep: string | null = null): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2', [userId, keep]);
  forgetCachedSessions(userId, keep);
}

/** Drops a user's cached sessions in this process (again after a transaction commits: a read meanwhile may have cached one). */
export function forgetCachedSessions(userId: number, keep: string | null = null): void {
  for (const [hash, entry] of cache) if (entry.session?.user.id === userId && hash !== keep) cache.delete(hash);
}

export function csrfMatches(session: Session, header: unknown): boolean {
  if (typeof header !== 'string') return false;
  const a = Buffer.from(session.csrf);
  const b = Buffer.from(header);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return `${COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}
