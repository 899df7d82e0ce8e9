// `npm run targets -- --year Y`: the same figures the year control shows, from the command line. The expected upgrade
// area is summed here from the fixture's own specs with GeographicLib areas, not by the rules.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureLayers, MU, refArea, STAND_SPECS, standRing } from '../../src/core/plan/fixture.testutil.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const FILES: Record<string, string> = {
  stands: 'stands', county: 'county', townships: 'townships', pv: 'pv', windFarms: 'wind-farms',
  gasPipelines: 'gas-pipelines', mines: 'mines', wetlands: 'wetlands', substations: 'substations',
};

const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/targets.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });

describe('npm run targets -- --year', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'targets-year-'));
  for (const [k, v] of Object.entries(fixtureLayers())) writeFileSync(join(dir, `${FILES[k]}.geojson`), JSON.stringify(v));

  it('reports as of that year: the 750,000-亩 target is the cumulative upgrade by the end of it', () => {
    for (const year of [2021, 2022, 2024]) {
      const r = run('--json', '--data', dir, '--year', String(year));
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.as_of_year).toBe(year);
      const expected = STAND_SPECS.reduce((s, spec) => (spec[3].upgrade_type && spec[3].upgrade_year! <= year ? s + refArea(standRing(spec)) / MU : s), 0);
      const got = out.targets.find((t: { id: string }) => t.id === 'low_yield_forest_upgrade').value;
      expect(Math.abs(got - expected)).toBeLessThanOrEqual(1e-8 * expected + 1e-9);
    }
  });

  it('refuses a year outside 2020–2030 with a message and exit code 2', () => {
    for (const bad of ['2019', '2031', 'next']) {
      const r = run('--json', '--data', dir, '--year', bad);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`--year must be a year from 2020 to 2030, not "${bad}"`);
    }
  });
});
