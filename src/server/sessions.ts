// Sessions in the database: the browser holds a random 256-bit token in an httpOnly, SameSite=Strict cookie; the table
// holds only its SHA-256, the user, a CSRF token and the expiry. A short in-process cache spares a query on each of the
// hundreds of tile requests a map pan makes; sign-out and expiry take effect in this process at once.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from './db.ts';
import type { Role, User } from './users.ts';

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

export async function sessionFromToken(db: Queryable, token: string | undefined): Promise<Session | null> {
  if (!token || token.length > 100) return null;
  const tokenHash = hashToken(token);
  const now = Date.now();
  const hit = cache.get(tokenHash);
  if (hit && hit.until > now && (!hit.session || hit.session.expires > now)) return hit.session;
  const { rows } = await db.query<{ id: number; username: string; role: Role; csrf: string; expires: number }>(
    `SELECT u.id, u.username, u.role, s.csrf, (extract(epoch FROM s.expires_at) * 1000)::float8 AS expires
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.expires_at > now()`,
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
