// Accounts: a name, an argon2id password hash (none until the set-up link is used) and one role; disabled rather than
// deleted, so sites, versions and audit rows keep their author. Shared by the API (sign-in, set-up, the editors' user
// administration) and `npm run user`.
//
// Names are case-insensitive: "Ann" and "ann" are one account (a unique index on lower(username)); the spelling given
// when the account was made is the one shown. Names are compared after Unicode NFC normalisation and trimming.
//
// Changes to roles and to the enabled state run in a transaction holding one advisory lock, so two editors acting at
// once (in one process or in two) cannot together disable or demote the last enabled editor.
import type { Db, Queryable } from './db.ts';
import { ApiError } from './errors.ts';
import { hashPassword, passwordIssue, verifyPassword } from './passwords.ts';
import { isRole, ROLES, type Role, type User } from './roles.ts';
import { endUserSessions, forgetCachedSessions } from './sessions.ts';
import { createSetupLink, expireLinks, type NewLink } from './setup-links.ts';

export { isRole, ROLES, type Role, type User };

export const MAX_USERNAME_LENGTH = 40;
/** Letters (any script, so 张三 works), digits, and . _ - ; 1–40 characters. */
const USERNAME = /^[\p{L}\p{N}._-]{1,40}$/u;
/** Serialises account changes across processes (pg_advisory_xact_lock). */
const ACCOUNTS_LOCK = 4_490_022;

/** A typed name as stored and compared: NFC, without surrounding spaces. */
export const normalUsername = (name: string): string => name.normalize('NFC').trim();

/** Why a name cannot be an account's, as an API error; or null. */
export function usernameError(name: unknown): ApiError | null {
  if (typeof name !== 'string' || !normalUsername(name)) return ApiError.keyed(400, 'users.nameRequired');
  if (!USERNAME.test(normalUsername(name))) return ApiError.keyed(400, 'users.nameInvalid', { max: MAX_USERNAME_LENGTH });
  return null;
}

/** The same in English text, or null (kept for callers that print). */
export function usernameProblem(name: unknown): string | null {
  return usernameError(name)?.message ?? null;
}

function checkPassword(password: unknown): asserts password is string {
  const issue = passwordIssue(password);
  if (issue) throw ApiError.keyed(400, issue.key, issue.params);
}

function checkRole(role: unknown): asserts role is Role {
  if (!isRole(role)) throw ApiError.keyed(400, 'users.roleInvalid', { roles: ROLES.join(', ') });
}

export interface StoredUser extends User {
  password_hash: string | null;
  disabled: boolean;
}

/** The account with this name (any case), or undefined. */
export async function findUser(q: Queryable, name: string, lock = false): Promise<StoredUser | undefined> {
  const { rows } = await q.query<StoredUser>(
    `SELECT id, username, role, password_hash, disabled_at IS NOT NULL AS disabled FROM users WHERE lower(username) = lower($1)${lock ? ' FOR UPDATE' : ''}`,
    [normalUsername(name)]);
  return rows[0];
}

async function requireUser(q: Queryable, name: string, lock = false): Promise<StoredUser> {
  const u = await findUser(q, name, lock);
  if (!u) throw ApiError.keyed(404, 'users.notFound', { username: normalUsername(name) });
  return u;
}

async function insertUser(q: Queryable, username: string, passwordHash: string | null, role: Role): Promise<User> {
  const { rows } = await q.query<User>(
    'INSERT INTO users (username, password_hash, role) VALUES ($1, $2, $3) ON CONFLICT ((lower(username))) DO NOTHING RETURNING id, username, role',
    [username, passwordHash, role]);
  if (!rows[0]) throw ApiError.keyed(409, 'users.exists', { username });
  return rows[0];
}

/**
 * Adds an account with a password (the CLI, the first editor, tests). Throws ApiError (400 bad name/password/role,
 * 409 when the name exists in any case).
 */
export async function addUser(db: Queryable, username: string, password: string, role: Role): Promise<User> {
  const bad = usernameError(username);
  if (bad) throw bad;
  checkPassword(password);
  checkRole(role);
  return insertUser(db, normalUsername(username), await hashPassword(password), role);
}

/** Adds an account without a password and makes its one-time set-up link (an editor in the page, or the CLI). */
export async function inviteUser(db: Db, actor: User | null, username: unknown, role: unknown): Promise<{ user: User; setup: NewLink }> {
  const bad = usernameError(username);
  if (bad) throw bad;
  checkRole(role);
  return db.tx(async (q) => {
    const user = await insertUser(q, normalUsername(username as string), null, role);
    return { user, setup: await createSetupLink(q, 'new', user.id, actor?.id ?? null) };
  });
}

/** Sets a new password (CLI `passwd`, a set-up link) and ends every session of that user. */
export async function setPassword(db: Queryable, username: string, password: string): Promise<void> {
  checkPassword(password);
  const passwordHash = await hashPassword(password);
  const { rows } = await db.query<{ id: number }>('UPDATE users SET password_hash = $2 WHERE lower(username) = lower($1) RETURNING id', [normalUsername(username), passwordHash]);
  if (!rows[0]) throw ApiError.keyed(404, 'users.notFound', { username });
  await endUserSessions(db, rows[0].id);
}

/**
 * A user changes their own password: the current one must be right. Their other sessions end; the one that made the
 * change (`keepTokenHash`) stays.
 */
export async function changeOwnPassword(db: Db, user: User, oldPassword: unknown, newPassword: unknown, keepTokenHash: string): Promise<void> {
  if (typeof oldPassword !== 'string' || !oldPassword) throw ApiError.keyed(400, 'users.body', { expected: '{ "old_password": …, "new_password": … }' });
  checkPassword(newPassword);
  const { rows: [row] } = await db.query<{ password_hash: string | null }>('SELECT password_hash FROM users WHERE id = $1', [user.id]);
  if (!row?.password_hash || !(await verifyPassword(row.password_hash, oldPassword))) throw ApiError.keyed(403, 'users.wrongOldPassword');
  const passwordHash = await hashPassword(newPassword);
  await db.tx(async (q) => {
    await q.query('UPDATE users SET password_hash = $2 WHERE id = $1', [user.id, passwordHash]);
    await endUserSessions(q, user.id, keepTokenHash);
  });
  forgetCachedSessions(user.id, keepTokenHash);
}

async function lockAccounts(q: Queryable): Promise<void> {
  await q.query('SELECT pg_advisory_xact_lock($1)', [ACCOUNTS_LOCK]);
}

/** Refuses to leave no enabled editor: `target` is about to be disabled or given another role. */
async function keepAnEditor(q: Queryable, target: StoredUser): Promise<void> {
  if (target.role !== 'editor' || target.disabled) return;
  const { rows: [r] } = await q.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE role = 'editor' AND disabled_at IS NULL AND id <> $1", [target.id]);
  if (r.n === 0) throw ApiError.keyed(409, 'users.lastEditor', { username: target.username });
}

/**
 * An editor changes an account's role and/or enabled state. Disabling ends its sessions and expires its set-up links
 * at once; enabling lets its password work again. Not for oneself: disabling. Never: the last enabled editor.
 */
export async function updateUser(db: Db, actor: User | null, name: string, change: { role?: unknown; disabled?: unknown }): Promise<User & { disabled: boolean }> {
  if (change.role !== undefined) checkRole(change.role);
  if (change.disabled !== undefined && typeof change.disabled !== 'boolean') throw ApiError.keyed(400, 'users.body', { expected: '{ "role"?: "editor"|"planner"|"viewer", "disabled"?: true|false }' });
  if (change.role === undefined && change.disabled === undefined) throw ApiError.keyed(400, 'users.body', { expected: '{ "role"?: "editor"|"planner"|"viewer", "disabled"?: true|false }' });
  const result = await db.tx(async (q) => {
    await lockAccounts(q);
    const target = await requireUser(q, name, true);
    if (change.disabled === true && actor && target.id === actor.id) throw ApiError.keyed(400, 'users.notYourself');
    if (change.disabled === true || (change.role !== undefined && change.role !== 'editor')) await keepAnEditor(q, target);
    const role = (change.role as Role | undefined) ?? target.role;
    const disabled = change.disabled === undefined ? target.disabled : (change.disabled as boolean);
    await q.query(
      `UPDATE users SET role = $2, disabled_at = CASE WHEN $3::boolean THEN coalesce(disabled_at, now()) ELSE NULL END WHERE id = $1`,
      [target.id, role, disabled]);
    if (disabled && !target.disabled) {
      await endUserSessions(q, target.id);
      await expireLinks(q, target.id);
    }
    return { id: target.id, username: target.username, role, disabled };
  });
  // A changed role or state: this process's cached sessions of that user are dropped (API calls read afresh anyway).
  forgetCachedSessions(result.id);
  return result;
}

/**
 * An editor resets an account's password: the old password stops working, its sessions end, and a new one-time set-up
 * link lets its holder choose a new one. Not for oneself (change your own password instead).
 */
export async function resetPassword(db: Db, actor: User | null, name: string): Promise<{ user: User; setup: NewLink }> {
  const out = await db.tx(async (q) => {
    await lockAccounts(q);
    const target = await requireUser(q, name, true);
    if (actor && target.id === actor.id) throw ApiError.keyed(400, 'users.notYourself');
    await q.query('UPDATE users SET password_hash = NULL WHERE id = $1', [target.id]);
    await endUserSessions(q, target.id);
    const user = { id: target.id, username: target.username, role: target.role };
    return { user, setup: await createSetupLink(q, 'reset', target.id, actor?.id ?? null) };
  });
  forgetCachedSessions(out.user.id);
  return out;
}

/** The first editor, created with the first-start link (inside the transaction that uses the link). */
export async function addFirstEditor(q: Queryable, username: unknown, passwordHash: string): Promise<User | null> {
  await lockAccounts(q);
  if ((await countUsers(q)) > 0) return null;
  return insertUser(q, normalUsername(username as string), passwordHash, 'editor');
}

export interface AccountRow {
  username: string;
  /** lower(username) as the database folds it: the account's key in sign_in_failures. */
  name_key: string;
  role: Role;
  disabled: boolean;
  created: number;
  last_sign_in: number | null;
  /** False until the set-up link is used, and after a reset. */
  has_password: boolean;
  /** The newest set-up link still usable: what it is for and when it expires (ms). */
  setup: { purpose: 'new' | 'reset'; expires: number } | null;
}

/** Every account, for the editors' page and `npm run user -- list` (times in ms since 1970). */
export async function listAccounts(db: Queryable): Promise<AccountRow[]> {
  const { rows } = await db.query<{ username: string; name_key: string; role: Role; disabled: boolean; created: number; last_sign_in: number | null; has_password: boolean; purpose: 'new' | 'reset' | null; expires: number | null }>(
    `SELECT u.username, lower(u.username) AS name_key, u.role, u.disabled_at IS NOT NULL AS disabled, (extract(epoch FROM u.created_at) * 1000)::float8 AS created,
            (extract(epoch FROM u.last_sign_in_at) * 1000)::float8 AS last_sign_in, u.password_hash IS NOT NULL AS has_password,
            l.purpose, (extract(epoch FROM l.expires_at) * 1000)::float8 AS expires
       FROM users u
       LEFT JOIN LATERAL (SELECT purpose, expires_at FROM setup_links
                           WHERE user_id = u.id AND used_at IS NULL AND expires_at > now() ORDER BY created_at DESC LIMIT 1) l ON true
      ORDER BY lower(u.username)`);
  return rows.map((r) => ({
    username: r.username,
    name_key: r.name_key,
    role: r.role,
    disabled: r.disabled,
    created: Number(r.created),
    last_sign_in: r.last_sign_in === null ? null : Number(r.last_sign_in),
    has_password: r.has_password,
    setup: r.purpose && r.expires !== null ? { purpose: r.purpose, expires: Number(r.expires) } : null,
  }));
}

/** The enabled accounts' names and roles: what any signed-in user may see (the share picker). */
export async function listEnabledUsers(db: Queryable): Promise<{ username: string; role: Role }[]> {
  const { rows } = await db.query<{ username: string; role: Role }>('SELECT username, role FROM users WHERE disabled_at IS NULL ORDER BY lower(username), username');
  return rows;
}

/** Kept for older callers: every account with its creation time as an ISO string. */
export async function listUsers(db: Queryable): Promise<(User & { created: string })[]> {
  const { rows } = await db.query<User & { created: string }>(
    `SELECT id, username, role, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created FROM users ORDER BY id`,
  );
  return rows;
}

export async function countUsers(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::integer AS n FROM users');
  return rows[0].n;
}

/** Records a successful sign-in (shown as "last sign-in" to editors). */
export async function noteSignIn(db: Queryable, userId: number): Promise<void> {
  await db.query('UPDATE users SET last_sign_in_at = now() WHERE id = $1', [userId]);
}

