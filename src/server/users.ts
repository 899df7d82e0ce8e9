// Accounts: a name, an argon2id password hash and one role. Shared by the API (set-up, sign-in) and `npm run user`.
import type { Queryable } from './db.ts';
import { hashPassword, passwordProblem } from './passwords.ts';

export const ROLES = ['editor', 'planner', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);

export interface User {
  id: number;
  username: string;
  role: Role;
}

/** Letters (any script, so 张三 works), digits, and . _ - ; 1–40 characters. */
const USERNAME = /^[\p{L}\p{N}._-]{1,40}$/u;

export function usernameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || !name) return 'username is required';
  if (!USERNAME.test(name)) return 'username may hold only letters, digits, "." "_" "-", at most 40 characters';
  return null;
}

export class UserError extends Error {}

export async function addUser(db: Queryable, username: string, password: string, role: Role): Promise<User> {
  const problem = usernameProblem(username) ?? passwordProblem(password) ?? (isRole(role) ? null : `role must be one of ${ROLES.join(', ')}`);
  if (problem) throw new UserError(problem);
  const passwordHash = await hashPassword(password);
  const { rows } = await db.query<User>(
    'INSERT INTO users (username, password_hash, role) VALUES ($1, $2, $3) ON CONFLICT (username) DO NOTHING RETURNING id, username, role',
    [username, passwordHash, role],
  );
  if (!rows[0]) throw new UserError(`user "${username}" already exists`);
  return rows[0];
}

/** Sets a new password and ends every session of that user. */
export async function setPassword(db: Queryable, username: string, password: string): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new UserError(problem);
  const passwordHash = await hashPassword(password);
  const { rows } = await db.query<{ id: number }>('UPDATE users SET password_hash = $2 WHERE username = $1 RETURNING id', [username, passwordHash]);
  if (!rows[0]) throw new UserError(`no user "${username}"`);
  await db.query('DELETE FROM sessions WHERE user_id = $1', [rows[0].id]);
}

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
