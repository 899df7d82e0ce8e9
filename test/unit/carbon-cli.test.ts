import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureLayers, MU, refArea, square, STAND_SPECS, standRing } from '../../src/core/plan/fixture.testutil.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'carbon-cli-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/carbon.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const near = (a: number, e: number, rel = 1e-8) => expect(Math.abs(a - e)).toBeLessThanOrEqual(rel * Math.abs(e) + 1e-9);

describe('npm run carbon', { timeout: 120_000 }, () => {
  it('--json prints exactly one object of the documented shape; totals are the sums', () => {
    const file = join(dir, 'stands.geojson');
    writeFileSync(file, JSON.stringify(fixtureLayers().stands));
    const r = run(file, '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['method', 'factors_version', 'unverified_share', 'status_shares', 'features', 'total']);
    expect(out.method).toMatch(/^ipcc_bef: IPCC Tier 2/);
    expect(out.factors_version).toBe('xingguo-net-2026-12-07b');
    expect(out.features).toHaveLength(STAND_SPECS.length);
    const keys = ['index', 'method', 'species_group', 'area_mu', 'stock_m3', 'carbon_stock_tC', 'carbon_stock_tCO2e', 'gross_growth_tCO2e',
      'harvest_tCO2e', 'mortality_tCO2e', 'annual_sink_tCO2e'];
    for (const f of out.features) expect(Object.keys(f)).toEqual(keys);
    const summed = keys.slice(3);
    expect(Object.keys(out.total).sort()).toEqual([...summed, 'forest_area_mu', 'carbon_density_tC_per_ha', 'uncertainty'].sort());
    out.features.forEach((f: { index: number; area_mu: number }, i: number) => {
      expect(f.index).toBe(i);
      near(f.area_mu, refArea(standRing(STAND_SPECS[i])) / MU);
    });
    for (const k of summed) near(out.total[k], out.features.reduce((s: number, f: Record<string, number>) => s + f[k], 0));
    // net = gross − harvest − mortality, stand by stand
    for (const f of out.features) near(f.annual_sink_tCO2e, f.gross_growth_tCO2e - f.harvest_tCO2e - f.mortality_tCO2e, 1e-9);
    expect(out.features.map((f: { method: string }) => f.method)).toEqual([
      'ipcc_bef', 'ipcc_bef', 'ipcc_bef', 'bamboo_net_rate', 'oil_tea_planting', 'oil_tea_density', 'afforestation_curve', 'not_modelled', 'not_modelled', 'ipcc_bef',
    ]);
    // 95 % intervals beside the totals, and the share resting on unverified factors
    const u = out.total.uncertainty;
    expect(u.carbon_stock_tCO2e[0]).toBeLessThan(out.total.carbon_stock_tCO2e);
    expect(u.carbon_stock_tCO2e[1]).toBeGreaterThan(out.total.carbon_stock_tCO2e);
    expect(u.annual_sink_tCO2e[0]).toBeLessThan(out.total.annual_sink_tCO2e);
    expect(u.annual_sink_tCO2e[1]).toBeGreaterThan(out.total.annual_sink_tCO2e);
    expect(u.draws).toBe(1000);
    // only the bamboo stock rests on a verified factor (Zhang 2014 density)
    near(out.unverified_share.carbon_stock, 1 - out.features[3].carbon_stock_tCO2e / out.total.carbon_stock_tCO2e, 1e-9);
    expect(out.unverified_share.annual_sink).toBe(1);
    // stand 0: 杉木 500 m³ → 500 × 0.307 × 1.634 × 1.246 × 0.52 = 162.5106465 t C
    near(out.features[0].carbon_stock_tC, 162.5106465, 1e-9);
    expect(out.features[0].species_group).toBe('杉木');
  });

  it('reads 二类 Chinese / pinyin field names (优势树种, 龄组, 蓄积 / YSSZ, LZ, XJ) and --method fang', () => {
    const ring = square(115.3, 26.3, 0.01);
    const file = join(dir, 'erlei.geojson');
    const feats = [
      { 优势树种: '杉木', 龄组: '中龄林', 蓄积: 100, 地类: '乔木林地' },
      { 优势树种: '木荷', 龄组: '2', 蓄积: 50 },
    ].map((p) => ({ type: 'Feature', properties: p, geometry: { type: 'Polygon', coordinates: [ring] } }));
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: feats }));
    const ha = refArea(ring) / 10_000;
    const bef = JSON.parse(run(file, '--json').stdout);
    expect(bef.features.map((f: { species_group: string }) => f.species_group)).toEqual(['杉木', '木荷']);
    near(bef.features[0].carbon_stock_tC, 32.5021293, 1e-8);
    const fang = JSON.parse(run(file, '--json', '--method', 'fang').stdout);
    expect(fang.method).toMatch(/^fang:/);
    // (0.4652 × 100 + 19.141 × ha) × 0.5
    near(fang.features[0].carbon_stock_tC, (0.4652 * 100 + 19.141 * ha) * 0.5);

    const pinyin = join(dir, 'pinyin.geojson');
    writeFileSync(pinyin, JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { YSSZ: '杉木', LZ: '中龄林', XJ: 100 }, geometry: { type: 'Polygon', coordinates: [ring] } }] }));
    near(JSON.parse(run(pinyin, '--json').stdout).features[0].carbon_stock_tC, 32.5021293, 1e-8);
  });

  it('human mode shows the table, totals, method and parameters', () => {
    const file = join(dir, 'stands.geojson');
    const r = run(file);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/By species group/);
    expect(r.stdout).toMatch(/杉木: D 0.307 {2}BEF 1.634 {2}R 0.246 {2}CF 0.52/);
    expect(r.stdout).toMatch(/to be checked against the guideline/);
    expect(r.stdout).toMatch(/net annual sink .* \(95 %: [\d,]+–[\d,]+\)/);
    expect(r.stdout).toMatch(/Factor table: xingguo-net-2026-12-07b/);
    expect(r.stdout).toMatch(/not verified against their source: stock \d+\.\d %, net sink 100\.0 %/);
  });

  it('bad input: clear message naming the file, non-zero exit', () => {
    const missing = run(join(dir, 'nope.geojson'));
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/nope\.geojson: no such file/);

    const broken = join(dir, 'broken.geojson');
    writeFileSync(broken, '{"type": "FeatureCollection", "features": [');
    const b = run(broken, '--json');
    expect(b.code).not.toBe(0);
    expect(b.stderr).toMatch(/broken\.geojson/);
    expect(b.stdout).toBe('');

    const noSpecies = join(dir, 'nospecies.geojson');
    writeFileSync(noSpecies, JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { foo: 1 }, geometry: { type: 'Polygon', coordinates: [square(115.3, 26.3, 0.01)] } }] }));
    const n = run(noSpecies);
    expect(n.code).not.toBe(0);
    expect(n.stderr).toMatch(/nospecies\.geojson: no dominant-species attribute found/);

    expect(run().code).toBe(2);
    expect(run(noSpecies, '--method', 'magic').stderr).toMatch(/--method must be/);
  });
});
