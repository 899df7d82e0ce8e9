// `npm start` (scripts/start.ts) on the mistakes a user makes: each is one line on stderr naming the problem, exit code
// 1, and nothing slow happens first (no page build, no data step). The pages' content stamp (scripts/lib/pages.ts)
// changes with what a bundle is made from and with nothing else.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pageStamp } from '../../scripts/lib/pages.ts';
import { serverEnv } from '../../src/server/main.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(os.tmpdir(), 'start-up-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function npmStart(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/start.ts'), ...args], {
    cwd: ROOT, encoding: 'utf8', timeout: 120_000,
    env: { ...process.env, DATABASE_URL: '', XG_DB_DIR: path.join(work, 'db'), XINGGUO_DATA_DIR: '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A port that is listened on for the duration of `fn`. */
async function withBusyPort<T>(fn: (port: number) => T): Promise<T> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  try {
    return fn((s.address() as net.AddressInfo).port);
  } finally {
    await new Promise((r) => s.close(r));
  }
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  return withBusyPort((port) => port);
}

const nothingSlow = (out: string) => expect(out, 'nothing was built or prepared first').not.toMatch(/pages:|stand tiles|build-public-data|sample data/);

describe('npm start: start-up problems are one line and exit 1, before anything slow', () => {
  it('an explicit PORT that is busy is an error naming the port', async () => {
    const r = await withBusyPort((port) => ({ port, ...npmStart({ PORT: String(port) }) }));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`npm start: PORT=${r.port}: the port is in use on 127.0.0.1 (another server?): stop it or choose another PORT\n`);
    nothingSlow(r.stdout);
  }, 120_000);

  it('a PostgreSQL that cannot be reached is said in one line, with the URL but not its password', async () => {
    const port = await closedPort();
    const r = npmStart({ PORT: '0', DATABASE_URL: `postgres://xg:secret-pw@127.0.0.1:${port}/xingguo` });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`^npm start: PostgreSQL at postgres://xg:\\*\\*\\*@127\\.0\\.0\\.1:${port}/xingguo cannot be used: .*ECONNREFUSED`));
    expect(r.stderr).not.toContain('secret-pw');
    nothingSlow(r.stdout);
  }, 120_000);

  it('an embedded database held by another process is said in one line', () => {
    const db = path.join(work, 'held', 'db');
    mkdirSync(db, { recursive: true });
    writeFileSync(path.join(work, 'held', 'db.lock'), String(process.pid)); // this test process: alive
    const r = npmStart({ PORT: '0', XG_DB_DIR: db });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^npm start: the embedded database in .* cannot be used: .*in use by process ${process.pid}.*\\n$`));
    nothingSlow(r.stdout);
  }, 120_000);

  it('a data folder that does not exist, or is not a release, is named', () => {
    const missing = npmStart({ PORT: '0' }, '--data', path.join(work, 'nowhere'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`npm start: ${path.join(work, 'nowhere')}: no such data folder\n`);
    mkdirSync(path.join(work, 'empty'));
    const empty = npmStart({ PORT: '0', XINGGUO_DATA_DIR: path.join(work, 'empty') });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/^npm start: .*empty: no stands\.geojson — not a data release \(make one with `npm run data:import/);
    nothingSlow(missing.stdout + empty.stdout);
  }, 120_000);

  it('PORT must be a port number', () => {
    expect(() => serverEnv({ PORT: 'http' })).toThrow('PORT must be a whole number from 0 to 65535, not "http"');
    expect(() => serverEnv({ PORT: '70000' })).toThrow(/not "70000"/);
    expect(serverEnv({})).toMatchObject({ port: 5173, portGiven: false, host: '127.0.0.1' });
    expect(serverEnv({ PORT: '8080', HOST: '0.0.0.0' })).toMatchObject({ port: 8080, portGiven: true, host: '0.0.0.0' });
  });
});

describe('the pages\' content stamp (scripts/lib/pages.ts)', () => {
  const sample = path.join(ROOT, 'data');
  const noExtra = path.join(work, 'release-like');
  mkdirSync(noExtra, { recursive: true });

  it('is the same for every data folder without extra layers: one build serves them all', () => {
    // rasters.json is compiled into the bureau page as raster layers (src/layers/raster-layers.ts): the same list, the
    // same stamp; without it the bureau page differs and the public and sign-in pages do not.
    const sampleRasters = path.join(sample, 'rasters.json');
    if (existsSync(sampleRasters)) {
      expect(pageStamp('bureau', noExtra, {})).not.toBe(pageStamp('bureau', sample, {}));
      copyFileSync(sampleRasters, path.join(noExtra, 'rasters.json'));
    }
    for (const page of ['bureau', 'public', 'login'] as const) expect(pageStamp(page, noExtra, {})).toBe(pageStamp(page, sample, {}));
  });

  it('changes with the inputs of a bundle: extra layers (bureau only), test hooks, VITE_ settings', () => {
    const extra = path.join(work, 'with-extra');
    mkdirSync(extra, { recursive: true });
    writeFileSync(path.join(extra, 'plots.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [] }));
    writeFileSync(path.join(extra, 'extra-layers.json'), JSON.stringify({ layers: [{
      id: 'plots', name: { zh: '地块', en: 'Plots' }, group: 'forest', source: { file: 'plots.geojson' }, geometry: 'polygon',
      audience: 'internal', visible: true, style: { fill: { kind: 'single', colour: '#2e7d32' } }, popup: { title: 'id', fields: [] },
    }] }));
    expect(pageStamp('bureau', extra, {})).not.toBe(pageStamp('bureau', sample, {}));
    expect(pageStamp('public', extra, {})).toBe(pageStamp('public', sample, {}));
    expect(pageStamp('bureau', sample, { XG_TEST_HOOKS: '1' })).not.toBe(pageStamp('bureau', sample, {}));
    expect(pageStamp('login', sample, { XG_TEST_HOOKS: '1' })).toBe(pageStamp('login', sample, {}));
    expect(pageStamp('bureau', sample, { VITE_TIANDITU_TOKEN: 't' })).not.toBe(pageStamp('bureau', sample, {}));
    expect(pageStamp('bureau', sample, { UNRELATED: 'x' })).toBe(pageStamp('bureau', sample, {}));
  });
});
