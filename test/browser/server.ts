// Every browser suite runs against the server started the way `npm start` starts it: scripts/lib/start-app.ts (the
// function scripts/start.ts calls), configured through the environment as a user would (PORT, XG_DB_DIR), on a
// throw-away embedded database and a data folder (data/ unless a suite gives its own). Every page the suites open (a new
// browser context) is signed in through the API as a new test planner of its own (harness.ts setContextCookies): like
// a fresh browser profile, it starts with an empty workspace on the server too, so the planner's server sync cannot
// carry one test's sites into the next. The sign-in page itself is tested in shared.spec.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, type StartedApp } from '../../scripts/lib/start-app.ts';
import { addUser, type Role } from '../../src/server/users.ts';
import { setContextCookies } from './harness.ts';

export const TEST_PASSWORD = 'browser-test password';

export interface TestSite {
  url: string;
  server: StartedApp;
  /** New pages open signed in as a fresh test planner (true, the default) or as an anonymous visitor (false). */
  signInNewPages: (on: boolean) => void;
  close: () => Promise<void>;
}

/** Signs `username` in through the API; returns the session cookie's value. */
export async function signIn(url: string, username: string, password = TEST_PASSWORD): Promise<string> {
  const r = await fetch(`${url}api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!r.ok) throw new Error(`sign-in of ${username} failed: ${r.status} ${await r.text()}`);
  const token = /xg_session=([^;]+)/.exec(r.headers.get('set-cookie') ?? '')?.[1];
  if (!token) throw new Error('sign-in answered without a session cookie');
  return token;
}

export function sessionCookie(url: string, token: string) {
  return { name: 'xg_session', value: token, url, httpOnly: true, sameSite: 'Strict' as const };
}

/** Only what says the suite is waiting for something (a page build, a data step); the server's banner is left out. */
const progressOnly = (line: string) => {
  if (/^pages: (building|\w+ built)|^stand tiles: .*building|^build-public-data: \d/.test(line)) console.log(`  ${line}`);
};

/**
 * The app on a throw-away database, as `npm start [-- --data dataDir]` runs it, with a new signed-in test planner for
 * every page the suites open. `users` are added with TEST_PASSWORD.
 */
export async function serveSignedIn(dataDir?: string, users: [string, Role][] = []): Promise<TestSite> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xg-browser-db-'));
  let server: StartedApp;
  try {
    // PORT 0: a free port; DATABASE_URL empty: the embedded database in XG_DB_DIR.
    server = await startApp({ data: dataDir, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: '', XG_DB_DIR: path.join(dir, 'db') }, log: progressOnly });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  for (const [name, role] of users) await addUser(server.db, name, TEST_PASSWORD, role);
  let n = 0;
  const signedIn = async () => {
    const name = `browser-test-${++n}`;
    await addUser(server.db, name, TEST_PASSWORD, 'planner');
    return [sessionCookie(server.url, await signIn(server.url, name))];
  };
  setContextCookies(signedIn);
  return {
    url: server.url,
    server,
    signInNewPages: (on) => setContextCookies(on ? signedIn : null),
    close: async () => {
      setContextCookies(null);
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
