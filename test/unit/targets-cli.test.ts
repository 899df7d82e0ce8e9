import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import geodesicModule from 'geographiclib-geodesic';
import type { Geometry } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
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

describe('npm run targets', { timeout: 120_000 }, () => {
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
    for (const k of ['forest_land_mu', 'coverage_pct', 'stock_m3', 'carbon_stock_tCO2e', 'annual_sink_tCO2e', 'stands_annual_sink_tCO2e']) {
      expect(typeof out.county[k]).toBe('number');
    }
    expect(typeof out.county.avoided_emissions.total_tco2_per_yr).toBe('number');
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

// ---- The generated sample data (data/), when present: every total re-derived here independently ----------------------

const DATA = process.env.TARGETS_DATA ?? join(ROOT, 'data'); // override to run these checks on another data set
const HAVE_DATA = existsSync(join(DATA, 'stands.geojson')) && existsSync(join(DATA, 'county.geojson'));
const geod = new geodesicModule.Geodesic.Geodesic(6378137, 1 / 298.257222101);

function ringM2(ring: number[][]): number {
  const p = geod.Polygon(false);
  const closed = ring.length > 1 && ring[0][0] === ring.at(-1)![0] && ring[0][1] === ring.at(-1)![1];
  for (const [lon, lat] of closed ? ring.slice(0, -1) : ring) p.AddPoint(lat, lon);
  return Math.abs(p.Compute(false, true).area ?? 0);
}
function geomM2(g: Geometry | null): number {
  if (!g) return 0;
  const poly = (rings: number[][][]) => Math.max(0, ringM2(rings[0]) - rings.slice(1).reduce((s, r) => s + ringM2(r), 0));
  if (g.type === 'Polygon') return poly(g.coordinates);
  if (g.type === 'MultiPolygon') return g.coordinates.reduce((s, r) => s + poly(r), 0);
  return 0;
}
const load = (f: string) => JSON.parse(readFileSync(join(DATA, f), 'utf8'));

describe.skipIf(!HAVE_DATA)('sample data: targets totals against independent sums', { timeout: 120_000 }, () => {
  let out: { targets: { id: string; value: number; status: string }[]; county: Record<string, number> & { carbon_stock_by_source_tCO2e: { stands: number } } };
  let stands: { properties: Record<string, never>; geometry: Geometry }[];
  let areas: number[];
  beforeAll(() => {
    const r = runTargets('--json', '--data', DATA);
    expect(r.code, r.stderr).toBe(0);
    out = JSON.parse(r.stdout);
    stands = load('stands.geojson').features;
    areas = stands.map((f) => geomM2(f.geometry));
  }, 600_000);
  const v = (id: string) => out.targets.find((t) => t.id === id)!.value;
  const sumMu = (pred: (p: Record<string, never>) => boolean) => stands.reduce((s, f, i) => (pred(f.properties) ? s + areas[i] : s), 0) / MU;

  it('upgrade areas by type (year ≤ 2025), 油茶, 碳汇造林', () => {
    for (const [id, type] of [['low_yield_renewal', '更新'], ['low_yield_replanting', '补植'], ['low_yield_tending', '抚育'], ['low_yield_closure', '封育']]) {
      near(v(id), sumMu((p) => p['upgrade_type'] === type && (p['upgrade_year'] == null || p['upgrade_year'] <= 2025)), 1e-7);
    }
    near(v('low_yield_forest_upgrade'), sumMu((p) => p['upgrade_type'] != null && (p['upgrade_year'] == null || p['upgrade_year'] <= 2025)), 1e-7);
    near(v('oil_tea_new'), sumMu((p) => p['oil_tea_work'] === '新造高产' && (p['oil_tea_year'] == null || p['oil_tea_year'] <= 2025)), 1e-7);
    near(v('oil_tea_upgrade'), sumMu((p) => p['oil_tea_work'] === '低产改造' && (p['oil_tea_year'] == null || p['oil_tea_year'] <= 2025)), 1e-7);
    near(v('carbon_afforestation'), sumMu((p) => p['carbon_afforestation'] === true && (p['afforestation_year'] == null || p['afforestation_year'] <= 2025)), 1e-7);
  });

  it('forest land, coverage, stock', () => {
    near(out.county.forest_land_mu, sumMu(() => true), 1e-7);
    const forest = sumMu((p) => (p['land_class'] === '乔木林地' && p['canopy'] >= 0.2) || p['land_class'] === '竹林地' || p['land_class'] === '特灌林地');
    const county = load('county.geojson').features.reduce((s: number, f: { geometry: Geometry }) => s + geomM2(f.geometry), 0) / MU;
    near(out.county.coverage_pct, (forest / county) * 100, 1e-7);
    near(v('forest_coverage'), (forest / county) * 100, 1e-7);
    near(out.county.stock_m3, stands.reduce((s, f) => s + (f.properties['stock_m3'] ?? 0), 0), 1e-9);
  });

  it('new-energy capacity = grid-connected PV + wind by 2025', () => {
    const kw = [...load('pv.geojson').features, ...load('wind-farms.geojson').features]
      .filter((f: { properties: { status: string; grid_year: number | null } }) => f.properties.status === '并网' && (f.properties.grid_year ?? 0) <= 2025)
      .reduce((s: number, f: { properties: { capacity_mw: number } }) => s + f.properties.capacity_mw * 1000, 0);
    expect(v('new_energy_capacity')).toBe(kw);
  });

  // Independent restatement of the model (factor values and sources as in src/core/carbon/factors.ts).
  // [D, BEF, R, CF] for the schema's tree species (硬阔 = 其他硬阔类)
  const T: Record<string, number[]> = {
    杉木: [0.307, 1.634, 0.246, 0.52], 马尾松: [0.38, 1.472, 0.187, 0.46], 湿地松: [0.424, 1.614, 0.264, 0.511],
    硬阔: [0.598, 1.674, 0.261, 0.497], 软阔: [0.443, 1.586, 0.289, 0.485], 针阔混: [0.486, 1.656, 0.248, 0.498], 阔叶混: [0.482, 1.514, 0.262, 0.49],
  };
  const GROWTH: Record<string, number> = { 幼龄林: 0.125, 中龄林: 0.08, 近熟林: 0.05, 成熟林: 0.025, 过熟林: 0.01 };
  // [harvest, mortality] by species row and origin; other species use '*'
  const CONS: Record<string, Record<string, number[]>> = {
    '*': { 人工: [0.02, 0.005], 天然: [0.005, 0.008] }, 杉木: { 人工: [0.025, 0.005], 天然: [0.008, 0.008] }, 马尾松: { 人工: [0.02, 0.01], 天然: [0.005, 0.01] },
  };
  const curve = (A: number, k: number, t: number) => (t > 0 ? A * (1 - Math.exp(-k * t)) ** 2 : 0);
  /** [stock, gross, net] in t C for stand i, assessed 2026. */
  function byHand(i: number): [number, number, number] {
    const p = stands[i].properties;
    const ha = areas[i] / 10_000;
    const stock = p['stock_m3'] as number;
    if (p['species'] === '无' || p['species'] === '灌木') return [0, 0, 0];
    if (p['carbon_afforestation'] && p['afforestation_year'] != null && !(stock > 0) && p['species'] !== '油茶') {
      const t = 2026 - p['afforestation_year'];
      const d = curve(32.5, 0.129, t) - curve(32.5, 0.129, t - 1);
      return [curve(32.5, 0.129, t) * ha, d * ha, d * ha];
    }
    if (p['species'] === '毛竹') return [40.45 * ha, 6 * ha, 1.0 * ha];
    if (p['species'] === '油茶') {
      if (p['oil_tea_work'] === '新造高产' && p['oil_tea_year'] != null) {
        const t = 2026 - p['oil_tea_year'];
        const d = curve(12.857, 0.25, t) - curve(12.857, 0.25, t - 1);
        return [curve(12.857, 0.25, t) * ha, d * ha, d * ha];
      }
      return [12.857 * ha, 1.5 * ha, 0.5 * ha];
    }
    const [D, BEF, R, CF] = T[p['species']];
    const perM3 = D * BEF * (1 + R) * CF;
    const g = GROWTH[p['age_group'] as string] ?? 0;
    const [h, m] = (CONS[p['species']] ?? CONS['*'])[p['origin'] === '天然' ? '天然' : '人工'];
    const harvest = g > 0 && !p['carbon_afforestation'] ? h : 0;
    const mort = g > 0 ? m : 0;
    return [stock * perM3, stock * g * perM3, stock * (g - harvest - mort) * perM3];
  }

  it('stand carbon stock, gross growth and net sink re-derived by hand for every stand', () => {
    let stock = 0, gross = 0, net = 0;
    stands.forEach((_f, i) => {
      const [s, g, n] = byHand(i);
      stock += s; gross += g; net += n;
    });
    near(out.county.carbon_stock_by_source_tCO2e.stands, (stock * 44) / 12, 1e-7);
    near((out.county as unknown as { annual_sink_by_source_tCO2e: { stands: number } }).annual_sink_by_source_tCO2e.stands, (net * 44) / 12, 1e-7);
    expect(net).toBeLessThan(gross);
  });

  it('sample data: net < gross, bamboo net ≤ 2.5 t C/ha/yr, net stand sink near published inventory-based values, 95 % intervals contain the figures', () => {
    const c = out.county as unknown as {
      annual_sink_tCO2e: number; gross_growth_tCO2e: number; carbon_stock_tCO2e: number; forest_area_mu: number;
      uncertainty: { carbon_stock_tCO2e: [number, number]; annual_sink_tCO2e: [number, number] };
      annual_sink_by_source_tCO2e: { stands: number };
    };
    expect(c.annual_sink_tCO2e).toBeLessThan(c.gross_growth_tCO2e);
    let bambooNet = 0, bambooHa = 0;
    stands.forEach((f, i) => {
      if (f.properties['species'] === '毛竹') { bambooNet += byHand(i)[2]; bambooHa += areas[i] / 10_000; }
    });
    expect(bambooHa).toBeGreaterThan(0);
    expect(bambooNet / bambooHa).toBeLessThanOrEqual(2.5);
    // Inventory-based net sinks in southern China: ~0.9–1.2 t C/ha/yr; a sanity band, not a target.
    const perHa = (c.annual_sink_by_source_tCO2e.stands * 12) / 44 / (c.forest_area_mu / 15);
    expect(perHa).toBeGreaterThan(0.5);
    expect(perHa).toBeLessThan(1.5);
    const [slo, shi] = c.uncertainty.carbon_stock_tCO2e;
    const [nlo, nhi] = c.uncertainty.annual_sink_tCO2e;
    expect(slo).toBeLessThan(c.carbon_stock_tCO2e);
    expect(shi).toBeGreaterThan(c.carbon_stock_tCO2e);
    expect(nlo).toBeLessThan(c.annual_sink_tCO2e);
    expect(nhi).toBeGreaterThan(c.annual_sink_tCO2e);
  });
});
