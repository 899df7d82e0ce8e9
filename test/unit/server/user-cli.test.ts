// `npm run user` (scripts/user.ts) as a person runs it: every change names the database it wrote to; a set-up link
// instead of a password; and while a server runs (its var/run marker, its lock on the embedded database) it refuses
// to write where that server does not read — the embedded var/db while the server uses PostgreSQL — or what the server
// holds (the embedded database), naming the page and the command that work. With TEST_DATABASE_URL, on PostgreSQL too.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../../src/server/db.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const work = mkdtempSync(path.join(os.tmpdir(), 'xg-user-cli-'));
const runDir = path.join(work, 'run');
const dbDir = path.join(work, 'db');

function user(args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/user.ts'), ...args], {
    cwd: ROOT, input: opts.input ?? '', encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', XG_DB_DIR: dbDir, XG_RUN_DIR: runDir, ...opts.env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A marker as `npm start` writes it, for a "server" that is this test process (alive while the test runs). */
function marker(info: { engine: 'pglite' | 'postgres'; database: string; dbDir?: string; pgTarget?: string }) {
  mkdirSync(runDir, { recursive: true });
  const file = path.join(runDir, `server-${process.pid}.json`);
  writeFileSync(file, JSON.stringify({ pid: process.pid, url: 'http://127.0.0.1:5173/', started: new Date().toISOString(), dbDir: null, pgTarget: null, ...info }));
  return () => rmSync(file, { force: true });
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

// Each command that opens the embedded database starts PGlite in a process of its own (~5 s quiet, ~90 s measured on
// this 2-core machine at load average 23): a limit well above that, so a slow run is not a failure.
const OPENS_DB = 300_000;

describe('npm run user on the embedded database', () => {
  it('adds an account with a password from stdin and names the database', () => {
    const r = user(['add', 'Ann', '--role', 'planner'], { input: 'a good long password\n' });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^added Ann \(planner\) to embedded PGlite in .*xg-user-cli-.*db\n$/);
  }, OPENS_DB);

  it('adds an account without a password and prints a one-time set-up link; a name differing only in case is refused', () => {
    const r = user(['add', 'ben', '--role', 'viewer', '--link', '--url', 'https://gis.example.cn/xingguo/']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/added ben \(viewer\) to embedded PGlite in .*, without a password;/);
    expect(r.out).toMatch(/https:\/\/gis\.example\.cn\/xingguo\/login\/#setup=[A-Za-z0-9_-]{40,}/);
    const dup = user(['add', 'ANN', '--role', 'viewer', '--link']);
    expect(dup.code).toBe(1);
    expect(dup.err).toMatch(/user "ANN" already exists \(names are case-insensitive\) \(embedded PGlite in /);
  }, OPENS_DB);

  it('refuses while a server holds the embedded database, naming the page and the command that work', () => {
    const remove = marker({ engine: 'pglite', database: `embedded PGlite in ${dbDir}`, dbDir });
    writeFileSync(path.join(work, 'db.lock'), String(process.pid));
    try {
      const r = user(['add', 'cat', '--role', 'planner'], { input: 'a good long password\n' });
      expect(r.code).toBe(1);
      expect(r.err).toContain(`is in use by the running server (pid ${process.pid}, http://127.0.0.1:5173/)`);
      expect(r.err).toContain('用户管理 (Users)');
      expect(r.err).toContain('or stop the server (Ctrl+C) and run: npm run user -- add cat --role planner');
      expect(r.out).toBe('');
    } finally {
      rmSync(path.join(work, 'db.lock'), { force: true });
      remove();
    }
  });

  it('refuses to write to var/db while the running server uses PostgreSQL (the account could never sign in)', () => {
    const remove = marker({ engine: 'postgres', database: 'PostgreSQL postgres://xg:***@db.bureau:5432/xingguo', pgTarget: 'db.bureau:5432/xingguo' });
    try {
      const r = user(['add', 'dan', '--role', 'planner'], { input: 'a good long password\n' });
      expect(r.code).toBe(1);
      expect(r.err).toContain('uses PostgreSQL postgres://xg:***@db.bureau:5432/xingguo, but DATABASE_URL is not set here');
      expect(r.err).toContain('DATABASE_URL=<the server\'s postgres://… URL> npm run user -- add dan --role planner');
      expect(r.out).not.toContain('added');
    } finally {
      remove();
    }
  });

  it('lists accounts with their state: disabled, no password yet', () => {
    expect(user(['disable', 'ann']).out).toMatch(/^Ann is now planner, disabled \(sessions ended\) in embedded PGlite in /);
    const r = user(['list']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/accounts in embedded PGlite in /);
    expect(r.out).toMatch(/Ann\tplanner\tdisabled\t/);
    expect(r.out).toMatch(/ben\tviewer\tenabled, no password yet\t/);
  }, OPENS_DB);
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('npm run user on PostgreSQL', () => {
  it('writes to the database of DATABASE_URL directly and names it without its password', async () => {
    const adminUrl = process.env.TEST_DATABASE_URL!;
    const name = `xg_cli_${process.pid}`;
    const admin = await openDb({ url: adminUrl });
    await admin.exec(`CREATE DATABASE ${name}`); // from the pid only
    try {
      const u = new URL(adminUrl);
      u.pathname = `/${name}`;
      u.password = 'not-shown';
      // The password in the URL is wrong for a trust-authenticated test cluster, but it must never be printed.
      const r = user(['add', 'eve', '--role', 'editor'], { input: 'a good long password\n', env: { DATABASE_URL: u.toString() } });
      expect(r.err).toBe('');
      expect(r.out).toBe(`added eve (editor) to PostgreSQL ${u.toString().replace('not-shown', '***')}\n`);
      expect(r.out).not.toContain('not-shown');
      // A server marker on the same database: no warning; the write happens while "it runs".
      const remove = marker({ engine: 'postgres', database: 'PostgreSQL …', pgTarget: `${u.hostname}:${u.port}/${name}` });
      try {
        const again = user(['role', 'eve', 'planner'], { env: { DATABASE_URL: u.toString() } });
        expect(again.err).toMatch(/last enabled editor/);
        const list = user(['list'], { env: { DATABASE_URL: u.toString() } });
        expect(list.err).toBe('');
        expect(list.out).toMatch(/eve\teditor\tenabled\t/);
      } finally {
        remove();
      }
    } finally {
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    }
  }, OPENS_DB);
});
