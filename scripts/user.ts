// Accounts from the command line, on the same database the server uses (DATABASE_URL, else the embedded one in var/db,
// which must not be open in a running server at the same time):
//   npm run user -- add <name> --role editor|planner|viewer     (password from stdin, or asked for on a terminal)
//   npm run user -- passwd <name>                                (ends that user's sessions)
//   npm run user -- list
import { createInterface } from 'node:readline';
import path from 'node:path';
import { openAndMigrate } from '../src/server/main.ts';
import { addUser, isRole, listUsers, ROLES, setPassword, UserError } from '../src/server/users.ts';

const USAGE = 'usage: npm run user -- add <name> --role editor|planner|viewer | passwd <name> | list';

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

const [cmd, name, ...rest] = process.argv.slice(2);
if (!cmd || !['add', 'passwd', 'list'].includes(cmd) || (cmd !== 'list' && !name)) {
  console.error(USAGE);
  process.exit(2);
}
let role: string | undefined;
for (let i = 0; i < rest.length; i++) if (rest[i] === '--role') role = rest[++i];
if (cmd === 'add' && !isRole(role)) {
  console.error(`npm run user: --role must be one of ${ROLES.join(', ')}\n${USAGE}`);
  process.exit(2);
}

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
