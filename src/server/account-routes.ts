// Routes of sign-in, sessions, set-up links and user administration. Sign-in and CSRF are checked by app.ts's
// onRequest hook for every /api call except the open ones (sign-in, set-up); the editor role is checked here on every
// administration call (403 otherwise).
//
//   POST   /api/session {username, password}        anyone: sign in (429 while the account or the address is locked)
//   GET    /api/session, DELETE /api/session        signed in
//   POST   /api/setup/info {token}                  anyone with a link: what it is for (and the account's name)
//   POST   /api/setup {token, password, username?}  anyone with a link: sets the password (first editor: creates it)
//   GET    /api/users                               signed in: { users: [{ username, role }] } of enabled accounts
//   GET    /api/users/admin                         editor: every account, its state and locks; locked addresses
//   POST   /api/users {username, role}              editor: 201 { user, setup: { token, expires } }
//   PATCH  /api/users/:name {role?, disabled?}      editor
//   POST   /api/users/:name/reset                   editor: { user, setup: { token, expires } }
//   POST   /api/users/unlock {username} | {address} editor: lifts a sign-in lock
//   POST   /api/users/me/password {old_password, new_password}  signed in: their own password
import { isIP } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from './db.ts';
import { ApiError } from './errors.ts';
import { LoginLimiter, type LoginLimits } from './login-limit.ts';
import { dummyHash, hashPassword, passwordIssue, verifyPassword } from './passwords.ts';
import { createSession, endSession, SESSION_HOURS, sessionCookie, type Session } from './sessions.ts';
import { readSetupLink, useSetupLink } from './setup-links.ts';
import {
  addFirstEditor, changeOwnPassword, findUser, inviteUser, listAccounts, listEnabledUsers, MAX_USERNAME_LENGTH, normalUsername, noteSignIn,
  resetPassword, updateUser, usernameError, type User,
} from './users.ts';

export interface AccountRouteOptions {
  secureCookies?: boolean;
  loginLimits?: Partial<LoginLimits>;
  log: (line: string) => void;
  /** Called when the first editor has been created (the app forgets its printed first-start link). */
  onFirstEditor: () => void;
}

export function registerAccountRoutes(app: FastifyInstance, db: Db, opts: AccountRouteOptions): LoginLimiter {
  const limiter = new LoginLimiter(db, opts.loginLimits);
  const user = (req: FastifyRequest): User => req.session!.user;
  const requireEditor = (req: FastifyRequest): User => {
    const u = user(req);
    if (u.role !== 'editor') throw ApiError.keyed(403, 'users.editorsOnly');
    return u;
  };
  const sessionBody = (s: Session) => ({ user: s.user.username, role: s.user.role, csrf: s.csrf, expires: s.expires });

  async function signIn(reply: FastifyReply, u: User) {
    const { token, session } = await createSession(db, u);
    await noteSignIn(db, u.id);
    reply.header('Set-Cookie', sessionCookie(token, SESSION_HOURS * 3600, !!opts.secureCookies));
    return sessionBody(session);
  }

  // --- sign-in and the session ---------------------------------------------------------------------------------
  app.get('/api/session', async (req) => sessionBody(req.session!));

  app.post('/api/session', async (req, reply) => {
    const b = (req.body ?? {}) as { username?: unknown; password?: unknown };
    if (typeof b.username !== 'string' || typeof b.password !== 'string' || !b.username.trim() || !b.password) throw ApiError.keyed(400, 'auth.sendCredentials');
    const name = normalUsername(b.username);
    if (name.length > MAX_USERNAME_LENGTH || b.password.length > 256) throw ApiError.keyed(401, 'auth.wrongPassword');
    const lock = await limiter.blocked(name, req.ip);
    if (lock) {
      reply.header('Retry-After', String(lock.seconds));
      throw ApiError.keyed(429, lock.scope === 'account' ? 'auth.accountLocked' : 'auth.addressLocked', { minutes: Math.ceil(lock.seconds / 60) }, { retry_after: lock.seconds });
    }
    const found = await findUser(db, name);
    const ok = await verifyPassword(found?.password_hash ?? (await dummyHash()), b.password);
    if (!found || !found.password_hash || !ok) {
      await limiter.fail(name, req.ip);
      throw ApiError.keyed(401, 'auth.wrongPassword');
    }
    // The password was right: saying the account is disabled tells nothing to someone who does not know it.
    if (found.disabled) throw ApiError.keyed(403, 'auth.disabled');
    await limiter.succeed(name);
    return signIn(reply, { id: found.id, username: found.username, role: found.role });
  });

  app.delete('/api/session', async (req, reply) => {
    await endSession(db, req.session!);
    reply.header('Set-Cookie', sessionCookie('', 0, !!opts.secureCookies));
    return { ok: true };
  });

  // --- set-up links --------------------------------------------------------------------------------------------
  app.post('/api/setup/info', async (req) => {
    const link = await readSetupLink(db, (req.body as { token?: unknown } | undefined)?.token);
    if (link.purpose === 'first' && (await db.query('SELECT 1 FROM users LIMIT 1')).rows.length) throw ApiError.keyed(410, 'setup.done');
    return { purpose: link.purpose, username: link.username, expires: link.expires };
  });

  app.post('/api/setup', async (req, reply) => {
    const b = (req.body ?? {}) as { token?: unknown; username?: unknown; password?: unknown };
    // Checked before the link is used, so a too-short password does not use it up.
    const before = await readSetupLink(db, b.token);
    if (before.purpose === 'first') {
      const bad = usernameError(b.username);
      if (bad) throw bad;
    }
    const issue = passwordIssue(b.password);
    if (issue) throw ApiError.keyed(400, issue.key, issue.params);
    const passwordHash = await hashPassword(b.password as string);
    const u = await db.tx(async (q) => {
      const link = await readSetupLink(q, b.token, true);
      if (link.purpose === 'first') {
        const created = await addFirstEditor(q, b.username, passwordHash);
        if (!created) throw ApiError.keyed(410, 'setup.done');
        await useSetupLink(q, b.token as string, 'first');
        return created;
      }
      const { rows: [target] } = await q.query<User & { disabled: boolean }>(
        'UPDATE users SET password_hash = $2 WHERE id = $1 RETURNING id, username, role, disabled_at IS NOT NULL AS disabled', [link.userId, passwordHash]);
      if (target.disabled) throw ApiError.keyed(403, 'auth.disabled');
      await useSetupLink(q, b.token as string, link.purpose);
      return { id: target.id, username: target.username, role: target.role };
    });
    if (before.purpose === 'first') {
      opts.onFirstEditor();
      opts.log(`set-up: created the first editor "${u.username}"`);
    }
    await limiter.succeed(u.username);
    return signIn(reply, u);
  });

  // --- accounts ------------------------------------------------------------------------------------------------
  app.get('/api/users', async () => ({ users: await listEnabledUsers(db) }));

  app.get('/api/users/admin', async (req) => {
    requireEditor(req);
    const [accounts, locks] = await Promise.all([listAccounts(db), limiter.all()]);
    const now = Date.now();
    const lockOf = (scope: string, key: string) => {
      const l = locks.find((x) => x.scope === scope && x.key === key);
      return { failures: l?.failures ?? 0, locked_until: l?.until && l.until > now ? l.until : null };
    };
    return {
      users: accounts.map(({ name_key, ...a }) => ({ ...a, ...lockOf('account', name_key) })),
      // Locked addresses, and names without an account that are locked (someone trying names).
      addresses: locks.filter((l) => l.scope === 'address' && l.until && l.until > now).map((l) => ({ address: l.key, failures: l.failures, locked_until: l.until })),
      limits: limiter.limits,
    };
  });

  app.post('/api/users', async (req, reply) => {
    const actor = requireEditor(req);
    const b = (req.body ?? {}) as { username?: unknown; role?: unknown };
    const out = await inviteUser(db, actor, b.username, b.role);
    opts.log(`accounts: ${actor.username} added "${out.user.username}" (${out.user.role})`);
    return reply.code(201).send({ user: { username: out.user.username, role: out.user.role }, setup: out.setup });
  });

  // Fixed paths before /:name, so an account named "admin" or "unlock" is still reachable by PATCH and /reset.
  app.post('/api/users/unlock', async (req) => {
    const actor = requireEditor(req);
    const b = (req.body ?? {}) as { username?: unknown; address?: unknown };
    if (typeof b.username === 'string' && b.username.trim()) {
      const n = await limiter.lift('account', normalUsername(b.username));
      opts.log(`accounts: ${actor.username} lifted the sign-in lock of "${normalUsername(b.username)}"`);
      return { ok: true, forgotten: n };
    }
    if (typeof b.address === 'string' && isIP(b.address)) {
      const n = await limiter.lift('address', b.address);
      opts.log(`accounts: ${actor.username} lifted the sign-in lock of address ${b.address}`);
      return { ok: true, forgotten: n };
    }
    if (b.address !== undefined) throw ApiError.keyed(400, 'users.addressInvalid');
    throw ApiError.keyed(400, 'users.body', { expected: '{ "username": … } or { "address": … }' });
  });

  app.post('/api/users/me/password', async (req) => {
    const b = (req.body ?? {}) as { old_password?: unknown; new_password?: unknown };
    await changeOwnPassword(db, user(req), b.old_password, b.new_password, req.session!.tokenHash);
    return { ok: true };
  });

  app.patch('/api/users/:name', async (req) => {
    const actor = requireEditor(req);
    const b = (req.body ?? {}) as { role?: unknown; disabled?: unknown };
    const u = await updateUser(db, actor, (req.params as { name: string }).name, { role: b.role, disabled: b.disabled });
    opts.log(`accounts: ${actor.username} set "${u.username}" to ${u.role}${u.disabled ? ', disabled' : ''}`);
    return { user: { username: u.username, role: u.role, disabled: u.disabled } };
  });

  app.post('/api/users/:name/reset', async (req) => {
    const actor = requireEditor(req);
    const out = await resetPassword(db, actor, (req.params as { name: string }).name);
    opts.log(`accounts: ${actor.username} reset the password of "${out.user.username}"`);
    return { user: { username: out.user.username, role: out.user.role }, setup: out.setup };
  });

  return limiter;
}
