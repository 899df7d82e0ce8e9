// One-time set-up links: `<server>/login/#setup=<token>`. Three kinds:
// - first: made on a start with no account (printed by `npm start`); creates the first editor, named by whoever opens
//   it. Valid for FIRST_LINK_DAYS; every process starting on an empty database makes its own, all valid until the
//   first editor exists.
// - new: made when an editor adds an account; its holder sets their password (the editor never types one).
// - reset: made when an editor resets a password (the old password stops working at once).
// The token is 256 random bits; only its SHA-256 is stored. A link works once, expires after LINK_HOURS, and a newer
// link for the same account (or disabling it) expires the older one. The token travels in the URL's fragment, which
// browsers do not send to servers or proxies' logs; the sign-in page posts it in a JSON body.
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from './db.ts';
import { ApiError } from './errors.ts';

export type LinkPurpose = 'first' | 'new' | 'reset';

export const LINK_HOURS = 72;
export const FIRST_LINK_DAYS = 7;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface NewLink {
  token: string;
  /** Milliseconds since 1970. */
  expires: number;
}

/** Makes a link for `userId` (null: the first editor), expiring the account's older links. */
export async function createSetupLink(q: Queryable, purpose: LinkPurpose, userId: number | null, createdBy: number | null): Promise<NewLink> {
  const token = randomBytes(32).toString('base64url');
  // Links are small and rare; the long-dead ones are swept whenever a link is made.
  await q.query("DELETE FROM setup_links WHERE expires_at < now() - interval '30 days'");
  if (userId !== null) await expireLinks(q, userId);
  const hours = purpose === 'first' ? FIRST_LINK_DAYS * 24 : LINK_HOURS;
  const { rows } = await q.query<{ expires: number }>(
    `INSERT INTO setup_links (token_hash, user_id, purpose, created_by, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5))
     RETURNING (extract(epoch FROM expires_at) * 1000)::float8 AS expires`,
    [hashToken(token), userId, purpose, createdBy, hours]);
  return { token, expires: rows[0].expires };
}

/** Expires every unused link of an account (a newer link, a disabled account). */
export async function expireLinks(q: Queryable, userId: number): Promise<void> {
  await q.query('UPDATE setup_links SET expires_at = least(expires_at, now()) WHERE user_id = $1 AND used_at IS NULL', [userId]);
}

export interface LinkInfo {
  purpose: LinkPurpose;
  userId: number | null;
  /** The account's name (null for the first editor's link, where the holder chooses it). */
  username: string | null;
  expires: number;
}

/** What a token is for; 403 when unknown, 410 when used or expired (the message says which). */
export async function readSetupLink(q: Queryable, token: unknown, lock = false): Promise<LinkInfo> {
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw ApiError.keyed(403, 'setup.badLink');
  const { rows: [row] } = await q.query<{ purpose: LinkPurpose; user_id: number | null; username: string | null; expires: number; used: boolean; live: boolean }>(
    `SELECT l.purpose, l.user_id, u.username, (extract(epoch FROM l.expires_at) * 1000)::float8 AS expires,
            l.used_at IS NOT NULL AS used, l.expires_at > now() AS live
       FROM setup_links l LEFT JOIN users u ON u.id = l.user_id
      WHERE l.token_hash = $1${lock ? ' FOR UPDATE OF l' : ''}`,
    [hashToken(token)]);
  if (!row) throw ApiError.keyed(403, 'setup.badLink');
  if (row.used) throw ApiError.keyed(410, 'setup.linkUsed');
  if (!row.live) throw ApiError.keyed(410, 'setup.linkExpired');
  return { purpose: row.purpose, userId: row.user_id, username: row.username, expires: Number(row.expires) };
}

/**
 * Marks a link used, inside the transaction that acts on it; with `FOR UPDATE` in readSetupLink two requests with one
 * token cannot both pass (the second sees it used). The first editor's link uses up every first-start link.
 */
export async function useSetupLink(q: Queryable, token: string, purpose: LinkPurpose): Promise<void> {
  if (purpose === 'first') await q.query("UPDATE setup_links SET used_at = now() WHERE purpose = 'first' AND used_at IS NULL");
  else await q.query('UPDATE setup_links SET used_at = now() WHERE token_hash = $1', [hashToken(token)]);
}
