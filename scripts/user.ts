// Accounts from the command line, on the database the server uses (DATABASE_URL, else the embedded one in var/db):
//   npm run user -- list
//   npm run user -- add <name> --role editor|planner|viewer          (password from stdin, or asked for on a terminal)
//   npm run user -- add <name> --role planner --link                 (no password: prints a one-time set-up link)
//   npm run user -- passwd <name>                                     (ends that user's sessions)
//   npm run user -- reset <name>                                      (old password stops working; prints a set-up link)
//   npm run user -- role <name> <role> | disable <name> | enable <name> | unlock <name>
// Every change says which database it wrote to. While a server runs (var/run/server-*.json, written by `npm start`):
// - on PostgreSQL, this writes to the same database directly; without DATABASE_URL it refuses, because it would write
//   to var/db, which that server does not read (the account could never sign in);
// - on the embedded PGlite (one process at a time), it refuses and names what works: the page's user administration
//   (as an editor), or stopping the server and running the same command.
import { createInterface } from 'node:readline';
import path from 'node:path';
import { ApiError } from '../src/server/errors.ts';
import { LoginLimiter } from '../src/server/login-limit.ts';
import { dbDirOwner, DEFAULT_DB_DIR, openAndMigrate } from '../src/server/main.ts';
import { describeDatabase, pgTarget, runningServers, type RunMarker } from '../src/server/run-marker.ts';
import { addUser, inviteUser, isRole, listAccounts, resetPassword, ROLES, setPassword, updateUser } from '../src/server/users.ts';
import { cli, usageError } from './lib/args.ts';

const COMMANDS = ['list', 'add', 'passwd', 'reset', 'role', 'disable', 'enable', 'unlock'] as const;
const SPEC = {
  name: 'npm run user',
  usage: 'npm run user -- list | add <name> --role <role> [--link] | passwd <name> | reset <name> | role <name> <role> | disable <name> | enable <name> | unlock <name>',
  about: 'Accounts on the database the server uses (DATABASE_URL, else var/db). Passwords are read from stdin (or asked for on a terminal).',
  options: {
    role: { type: 'string', choices: ROLES, help: 'the new account\'s role (add only)' },
    link: { type: 'boolean', help: 'add: no password; print a one-time set-up link for the new user instead' },
    url: { type: 'string', help: 'the address users open (for the set-up link), e.g. https://gis.example.cn/; default: the running server\'s' },
  },
  positionals: { min: 1, max: 3, name: 'argument' },
} as const;

async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    return '';
  }
  // On a terminal: ask without echoing what is typed.
  process.stdout.write(prompt);
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve) => {
    let value = '';
    const onData = (ch: string) => {
      for (const c of ch) {
        if (c === '\r' || c === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stdout.write('\n');
          resolve(value);
          return;
        }
        if (c === '\u0003') process.exit(130);
        if (c === '\u007f') value = value.slice(0, -1);
        else value += c;
      }
    };
    stdin.on('data', onData);
  });
}

const fail = (message: string): never => {
  console.error(`npm run user: ${message}`);
  process.exit(1);
};

const { values, positionals: [cmd, name, third] } = cli(SPEC);
if (!(COMMANDS as readonly string[]).includes(cmd)) usageError(SPEC, `unknown command "${cmd}" (${COMMANDS.join(', ')})`);
if (cmd !== 'list' && !name) usageError(SPEC, `${cmd} needs a user name`);
if (cmd === 'add' && !isRole(values.role)) usageError(SPEC, `--role must be one of ${ROLES.join(', ')}`);
if (cmd === 'role' && !isRole(third)) usageError(SPEC, `role needs the new role after the name: one of ${ROLES.join(', ')}`);
if (third !== undefined && cmd !== 'role') usageError(SPEC, `${cmd} takes ${cmd === 'list' ? 'no argument' : 'one name'}`);

const databaseUrl = process.env.DATABASE_URL || undefined;
const dbDir = process.env.XG_DB_DIR ? path.resolve(process.env.XG_DB_DIR) : DEFAULT_DB_DIR;
const database = describeDatabase(databaseUrl, dbDir);
const servers = runningServers();
const again = `npm run user -- ${process.argv.slice(2).join(' ')}`;

// The trap: the server runs on PostgreSQL, this shell has no DATABASE_URL, so the account would land in var/db.
const onPostgres = servers.filter((s) => s.engine === 'postgres');
if (!databaseUrl && onPostgres.length) {
  const s = onPostgres[0];
  fail(`the running server (pid ${s.pid}, ${s.url}) uses ${s.database}, but DATABASE_URL is not set here, so this would write to ${database}, which that server does not read.\n`
    + `  Run it with the server's database: DATABASE_URL=<the server's postgres://… URL> ${again}`);
}
// The embedded database is one process's: while a server holds it, this cannot open it.
const owner = databaseUrl ? null : dbDirOwner(dbDir);
if (owner !== null) {
  const s = servers.find((m) => m.pid === owner);
  fail(`the ${database} is in use by the running server (pid ${owner}${s ? `, ${s.url}` : ''}); the embedded database allows one process at a time.\n`
    + `  Either manage accounts in the bureau page, signed in as an editor: 用户管理 (Users) in the header${s ? ` of ${s.url}` : ''};\n`
    + `  or stop the server (Ctrl+C) and run: ${again}`);
}
if (databaseUrl) {
  const here = pgTarget(databaseUrl);
  const elsewhere = servers.filter((s: RunMarker) => (s.engine === 'postgres' ? s.pgTarget !== here : true));
  for (const s of elsewhere) console.warn(`npm run user: note: the server running here (pid ${s.pid}, ${s.url}) uses ${s.database}, not this database`);
}

let opened: Awaited<ReturnType<typeof openAndMigrate>>;
try {
  opened = await openAndMigrate({ databaseUrl, dbDir, log: () => undefined });
} catch (e) {
  fail(`${database}: ${(e as Error).message}`);
}
const { db, unlock } = opened!;

const base = values.url ?? servers.find((s) => (databaseUrl ? s.pgTarget === pgTarget(databaseUrl) : s.dbDir === dbDir))?.url
  ?? `http://${process.env.HOST || '127.0.0.1'}:${process.env.PORT || 5173}/`;
const linkLine = (token: string, expires: number) =>
  `  one-time set-up link (valid until ${new Date(expires).toISOString().slice(0, 16).replace('T', ' ')} UTC, works once):\n  ${new URL(`login/#setup=${token}`, base.endsWith('/') ? base : `${base}/`).toString()}`;

let code = 0;
try {
  switch (cmd) {
    case 'list': {
      const accounts = await listAccounts(db);
      const locks = await new LoginLimiter(db).all();
      console.log(`accounts in ${database}:`);
      if (!accounts.length) console.log('(no users)');
      for (const a of accounts) {
        const lock = locks.find((l) => l.scope === 'account' && l.key === a.name_key);
        const state = [a.disabled ? 'disabled' : 'enabled', a.has_password ? '' : 'no password yet', lock?.until && lock.until > Date.now() ? `locked until ${new Date(lock.until).toISOString()}` : ''].filter(Boolean).join(', ');
        console.log(`${a.username}\t${a.role}\t${state}\tcreated ${new Date(a.created).toISOString()}\tlast sign-in ${a.last_sign_in ? new Date(a.last_sign_in).toISOString() : '—'}`);
      }
      break;
    }
    case 'add': {
      if (values.link) {
        const out = await inviteUser(db, null, name, values.role);
        console.log(`added ${out.user.username} (${out.user.role}) to ${database}, without a password;`);
        console.log(linkLine(out.setup.token, out.setup.expires));
      } else {
        const password = await readPassword(`password for ${name}: `);
        const u = await addUser(db, name, password, values.role as (typeof ROLES)[number]);
        console.log(`added ${u.username} (${u.role}) to ${database}`);
      }
      break;
    }
    case 'passwd': {
      const password = await readPassword(`password for ${name}: `);
      await setPassword(db, name, password);
      console.log(`new password set for ${name} in ${database}; their sessions were ended`);
      break;
    }
    case 'reset': {
      const out = await resetPassword(db, null, name);
      console.log(`password of ${out.user.username} reset in ${database}: the old one no longer works, their sessions were ended;`);
      console.log(linkLine(out.setup.token, out.setup.expires));
      break;
    }
    case 'role':
    case 'disable':
    case 'enable': {
      const change = cmd === 'role' ? { role: third } : { disabled: cmd === 'disable' };
      const u = await updateUser(db, null, name, change);
      console.log(`${u.username} is now ${u.role}${u.disabled ? ', disabled (sessions ended)' : ', enabled'} in ${database}`);
      break;
    }
    case 'unlock': {
      const n = await new LoginLimiter(db).lift('account', name);
      console.log(`sign-in lock of ${name} lifted in ${database} (${n} failed attempt${n === 1 ? '' : 's'} forgotten)`);
      break;
    }
  }
} catch (e) {
  console.error(`npm run user: ${e instanceof ApiError ? `${e.message} (${database})` : (e as Error).stack}`);
  code = 1;
} finally {
  await db.close();
  unlock();
}
process.exit(code);
