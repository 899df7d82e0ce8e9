// The bureau page needs a session, so the browser suites serve it with the real server (src/server) on a throw-away
// embedded database. Every page the suites open (a new browser context) is signed in through the API as a new test
// planner of its own (harness.ts setContextCookies): like a fresh browser profile, it starts with an empty workspace
// on the server too, so the planner's server sync cannot carry one test's sites into the next. The sign-in page itself
// is tested in shared.spec.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../scripts/lib/serve-app.ts';
import { startServer, type RunningServer } from '../../src/server/main.ts';
import { addUser, type Role } from '../../src/server/users.ts';
import { setContextCookies } from './harness.ts';

export const TEST_PASSWORD = 'browser-test password';

export interface TestSite {
  url: string;
  server: RunningServer;
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

/** Serves `bureauDir` (and dist-public/, dist-login/) with a new signed-in test planner for every page the suites open. */
export async function serveSignedIn(bureauDir = path.join(ROOT, 'dist'), users: [string, Role][] = [], options: { projectDataDir?: string } = {}): Promise<TestSite> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xg-browser-db-'));
  const server = await startServer({
    dbDir: path.join(dir, 'db'),
    bureauDir,
    publicDir: path.join(ROOT, 'dist-public'),
    loginDir: path.join(ROOT, 'dist-login'),
    port: 0,
    log: () => undefined,
    ...options,
  });
  for (const [name, role] of users) await addUser(server.db, name, TEST_PASSWORD, role);
  let n = 0;
  setContextCookies(async () => {
    const name = `browser-test-${++n}`;
    await addUser(server.db, name, TEST_PASSWORD, 'planner');
    return [sessionCookie(server.url, await signIn(server.url, name))];
  });
  return {
    url: server.url,
    server,
    close: async () => {
      setContextCookies(null);
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
