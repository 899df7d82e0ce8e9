// `npm run targets -- --json` reads the project layers' current state from the server's database (here the embedded
// PGlite in XG_DB_DIR) so an edit moves its figures like the dashboard's; --files ignores the database; a database
// held by a running server is named as such instead of being read.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAndMigrate } from '../../../src/server/main.ts';
import { editProject, loadProjectRelease } from '../../../src/server/projects.ts';
import { addUser } from '../../../src/server/users.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function targets(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/targets.ts', '--json', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 300_000, env: { ...process.env, DATABASE_URL: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const mineStatus = (stdout: string) => (JSON.parse(stdout).targets as { id: string; status: string }[]).find((t) => t.id === 'mine_fanglingpai')!.status;

describe('targets CLI and the database', { timeout: 300_000 }, () => {
  let tmp: string;
  let dbDir: string;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'xg-targets-db-'));
    dbDir = path.join(tmp, 'db');
    const { db, unlock } = await openAndMigrate({ dbDir, log: () => undefined });
    await loadProjectRelease(db, path.join(ROOT, 'data'));
    const eve = await addUser(db, 'eve', 'correct horse battery', 'editor');
    await editProject(db, eve, 'mines', 'mine-01', { status: '已修复', year: 2025 });
    await db.close();
    unlock();
  }, 120_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('reads the edited state from the embedded database; --files reads the data files alone', () => {
    const live = targets({ XG_DB_DIR: dbDir });
    expect(live.code, live.stderr).toBe(0);
    expect(JSON.parse(live.stdout).project_source).toMatch(/^database pglite .*1 change/);
    expect(mineStatus(live.stdout)).toBe('achieved');
    const files = targets({ XG_DB_DIR: dbDir }, '--files');
    expect(files.code, files.stderr).toBe(0);
    expect(JSON.parse(files.stdout).project_source).toBe('files');
    expect(mineStatus(files.stdout)).not.toBe('achieved');
  });

  it('says clearly when a running server holds the embedded database', () => {
    // This test process stands in for the server: its pid is alive and is not the CLI's.
    writeFileSync(path.join(tmp, 'db.lock'), String(process.pid));
    const r = targets({ XG_DB_DIR: dbDir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`in use by process ${process.pid}.*stop it.*--files`));
    rmSync(path.join(tmp, 'db.lock'));
  });
});
