// The browser-test hooks (window.__map, __draw, __progress, __analysisLoad; src/test-hooks.ts) are in builds made with
// XG_TEST_HOOKS=1 and in no other: build the bureau app both ways (against an empty data folder, so only code is
// built) and read the bundles. The public page's production build is checked in public-build.test.ts.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { hookNames } from '../hook-scan.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'test-hooks-build-'));
const emptyData = path.join(work, 'data');
mkdirSync(emptyData);

async function buildBureau(outDir: string, hooks: boolean): Promise<void> {
  const saved = { data: process.env.XG_DATA_DIR, hooks: process.env.XG_TEST_HOOKS };
  process.env.XG_DATA_DIR = emptyData;
  if (hooks) process.env.XG_TEST_HOOKS = '1';
  else delete process.env.XG_TEST_HOOKS;
  try {
    await build({ root: ROOT, configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  } finally {
    for (const [key, value] of [['XG_DATA_DIR', saved.data], ['XG_TEST_HOOKS', saved.hooks]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

describe('test hooks', () => {
  it('the production build carries none; a build with XG_TEST_HOOKS=1 carries all four', async () => {
    const prod = path.join(work, 'dist');
    const test = path.join(work, 'dist-test');
    await buildBureau(prod, false);
    await buildBureau(test, true);
    expect(hookNames(prod)).toEqual([]);
    expect(hookNames(test)).toEqual(['__analysisLoad', '__draw', '__map', '__progress']);
  }, 300_000);
});
