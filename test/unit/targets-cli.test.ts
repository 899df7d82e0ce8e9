import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureLayers, MU, refArea, STAND_SPECS, standRing } from '../../src/core/plan/fixture.testutil.ts';
import { PLAN_TARGETS } from '../../src/core/plan/targets.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const FILES: Record<string, string> = {
  stands: 'stands', county: 'county', townships: 'townships', pv: 'pv', windFarms: 'wind-farms',
  gasPipelines: 'gas-pipelines', mines: 'mines', wetlands: 'wetlands', substations: 'substations',
};

function writeFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'targets-cli-'));
  for (const [k, v] of Object.entries(fixtureLayers())) writeFileSync(join(dir, `${FILES[k]}.geojson`), JSON.stringify(v));
  return dir;
}

function runTargets(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/targets.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const near = (a: number, e: number, rel = 1e-8) => expect(Math.abs(a - e)).toBeLessThanOrEqual(rel * Math.abs(e) + 1e-9);

describe('npm run targets', () => {
  const dir = writeFixture();

  it('--json gives every registry target with value, target, unit, ratio, status and shortfall, plus county totals', () => {
    const r = runTargets('--json', '--data', dir);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.as_of_year).toBe(2026);
    expect(out.targets.map((t: { id: string }) => t.id)).toEqual(PLAN_TARGETS.map((t) => t.id));
    for (const t of out.targets) {
      for (const k of ['value', 'target', 'unit', 'ratio', 'status', 'shortfall', 'quote', 'text_zh', 'text_en']) expect(t).toHaveProperty(k);
      expect(['achieved', 'missed', 'on_track', 'behind', 'not_started']).toContain(t.status);
      if (t.target_year !== null && t.target_year < 2026) expect(['achieved', 'missed']).toContain(t.status);
    }
    const A = STAND_SPECS.map((s) => refArea(standRing(s)));
    const byId = (id: string) => out.targets.find((t: { id: string }) => t.id === id);
    near(byId('low_yield_forest_upgrade').value, (A[1] + A[3] + A[8] + A[9]) / MU);
    expect(byId('new_energy_capacity')).toMatchObject({ value: 298_000, status: 'missed', shortfall: 302_000 });
    for (const k of ['forest_land_mu', 'coverage_pct', 'stock_m3', 'carbon_stock_tCO2e', 'annual_sink_tCO2e', 'avoided_emissions_tCO2_per_yr']) {
      expect(typeof out.county[k]).toBe('number');
    }
    near(out.county.forest_land_mu, A.reduce((s, a) => s + a, 0) / MU);
    expect(out.county.stock_m3).toBe(1700);
    expect(out.county.avoided_emissions.label).toBe('avoided emissions (estimate)');
    expect(out.by_township.length).toBe(4);
    expect(out.by_year.map((y: { year: number }) => y.year)).toEqual([2021, 2022, 2023, 2024, 2025, 2026]);
  });

  it('human mode prints the table with statuses and the county totals', () => {
    const r = runTargets('--data', dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/low_yield_forest_upgrade .* missed 未完成/);
    expect(r.stdout).toMatch(/avoided emissions \(estimate\).*not a sink/);
    expect(r.stderr).toMatch(/carbon-pilots\.geojson: missing/);
  });

  it('bad input names the file and exits non-zero', () => {
    const none = runTargets('--data', join(dir, 'nowhere'));
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/nowhere: no such data directory/);

    const empty = mkdtempSync(join(tmpdir(), 'targets-empty-'));
    const e = runTargets('--json', '--data', empty);
    expect(e.code).not.toBe(0);
    expect(e.stderr).toMatch(/stands\.geojson: no such file/);
    expect(e.stdout).toBe('');

    const broken = join(empty, 'b');
    mkdirSync(broken);
    writeFileSync(join(broken, 'stands.geojson'), '{"type":"FeatureCollection","features":[{');
    writeFileSync(join(broken, 'county.geojson'), JSON.stringify(fixtureLayers().county));
    const b = runTargets('--data', broken);
    expect(b.code).not.toBe(0);
    expect(b.stderr).toMatch(/b\/stands\.geojson/);
  });
});
