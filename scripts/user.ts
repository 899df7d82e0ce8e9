// Accounts from the command line, on the same database the server uses (DATABASE_URL, else the embedded one in var/db,
// which must not be open in a running server at the same time):
//   npm run user -- add <name> --role editor|planner|viewer     (password from stdin, or asked for on a terminal)
//   npm run user -- passwd <name>                                (ends that user's sessions)
//   npm run user -- list
import { createInterface } from 'node:readline';
import path from 'node:path';
import { openAndMigrate } from '../src/server/main.ts';
import { addUser, isRole, listUsers, ROLES, setPassword, UserError } from '../src/server/users.ts';
import { cli, usageError } from './lib/args.ts';

const SPEC = {
  name: 'npm run user',
  usage: 'npm run user -- add <name> --role editor|planner|viewer | passwd <name> | list',
  about: 'Accounts on the database the server uses (DATABASE_URL, else var/db). The password is read from stdin.',
  options: { role: { type: 'string', choices: ROLES, help: 'the new account\'s role (add only)' } },
  positionals: { min: 1, max: 2, name: 'argument' },
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

const { values: { role }, positionals: [cmd, name] } = cli(SPEC);
if (!['add', 'passwd', 'list'].includes(cmd)) usageError(SPEC, `unknown command "${cmd}" (add, passwd or list)`);
if (cmd !== 'list' && !name) usageError(SPEC, `${cmd} needs a user name`);
if (cmd === 'add' && !isRole(role)) usageError(SPEC, `--role must be one of ${ROLES.join(', ')}`);

const quiet = () => undefined;
let opened: Awaited<ReturnType<typeof openAndMigrate>>;
try {
  opened = await openAndMigrate({ databaseUrl: process.env.DATABASE_URL || undefined, dbDir: process.env.XG_DB_DIR ? path.resolve(process.env.XG_DB_DIR) : undefined, log: quiet });
} catch (e) {
  console.error(`npm run user: ${(e as Error).message}`);
  process.exit(1);
}
const { db, unlock } = opened;
let code = 0;
try {
  if (cmd === 'list') {
    const users = await listUsers(db);
    if (!users.length) console.log('(no users)');
    for (const u of users) console.log(`${u.username}\t${u.role}\t${u.created}`);
  } else {
    const password = await readPassword(`password for ${name}: `);
    if (cmd === 'add') {
      const u = await addUser(db, name, password, role as (typeof ROLES)[number]);
      console.log(`added ${u.username} (${u.role})`);
    } else {
      await setPassword(db, name, password);
      console.log(`new password set for ${name}; their sessions were ended`);
    }
  }
} catch (e) {
  console.error(`npm run user: ${e instanceof UserError ? e.message : (e as Error).stack}`);
  code = 1;
} finally {
  await db.close();
  unlock();
}
process.exit(code);
