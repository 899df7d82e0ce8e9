// data:import on a small 二类 export: matching to the built-in townships without a township layer, a release the
// targets CLI reads, and safety — a failing import leaves the previous release as it was, with no temporary folder left.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareDeclared } from '../../src/core/inventory/normalise.ts';
import { BUILT_IN_TOWNSHIPS } from '../../src/core/inventory/townships.ts';
import { MU, refArea } from '../../src/core/plan/fixture.testutil.ts';
import { ImportFailure, importInventory } from '../../scripts/import/release.ts';
import { erleiInventory, type ErleiFixture } from '../fixtures/erlei-inventory.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SAMPLE = path.join(ROOT, 'data');
const work = mkdtempSync(path.join(tmpdir(), 'data-import-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let fixture: ErleiFixture;
const zip = path.join(work, '二类.zip');
const out = path.join(work, 'release');

beforeAll(() => {
  fixture = erleiInventory(JSON.parse(readFileSync(path.join(SAMPLE, 'townships.geojson'), 'utf8')), 300, 7);
  writeFileSync(zip, fixture.zip);
});

describe('data:import without a township layer', () => {
  it('matches stands to the built-in real townships by code or name and reports township totals', () => {
    const r = importInventory({ stands: zip, out, tiles: false });
    expect(r.stands_imported).toBe(300);
    expect(r.unrecognised_values['乡镇']).toBeUndefined(); // 9-digit codes, 3-digit codes and names all matched
    const expected = new Map<string, { n: number; mu: number }>();
    fixture.expected.forEach((s) => {
      const e = expected.get(s.township_code) ?? { n: 0, mu: 0 };
      e.n++;
      e.mu += refArea(s.ring) / MU;
      expected.set(s.township_code, e);
    });
    expect(r.by_township.map((t) => t.code).sort()).toEqual([...expected.keys()].sort());
    for (const t of r.by_township) {
      expect(t.name).toBe(BUILT_IN_TOWNSHIPS.find((b) => b.code === t.code)!.name);
      expect(t.count).toBe(expected.get(t.code)!.n);
      expect(Math.abs(t.forest_land_mu - expected.get(t.code)!.mu)).toBeLessThan(1e-3);
    }
    const release = JSON.parse(readFileSync(path.join(out, 'release.json'), 'utf8'));
    expect(release).toMatchObject({ format: 'xingguo-release-1', sample_data: false, counts: { stands: 300 } });
    expect(release.sources[0]).toMatchObject({ role: 'stands', file: '二类.zip', bytes: fixture.zip.length });
    expect(release.sources[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    // the public aggregates list the matched townships (no polygons: no township-stats features)
    const pub = JSON.parse(readFileSync(path.join(out, 'public/plan-progress.json'), 'utf8'));
    expect(pub.townships.map((t: { code: string }) => t.code).sort()).toEqual([...expected.keys()].sort());
    // and the targets CLI reads the release
    const cli = JSON.parse(execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'scripts/targets.ts'), '--data', out, '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
    expect(cli.county.forest_land_mu).toBeCloseTo(r.forest_land_mu, 6);
  }, 120_000);

  it('the built-in township list is the sample data’s (real names and codes)', () => {
    const towns = JSON.parse(readFileSync(path.join(SAMPLE, 'townships.geojson'), 'utf8')).features.map((f: { properties: { code: string; name: string } }) => ({ code: f.properties.code, name: f.properties.name }));
    expect([...BUILT_IN_TOWNSHIPS]).toEqual(towns);
  });
});

describe('data:import safety', () => {
  const entries = () => readdirSync(work).sort();

  it('a failing import leaves the previous release untouched and no temporary folder behind', () => {
    if (!existsSync(out)) importInventory({ stands: zip, out, tiles: false });
    const before = readFileSync(path.join(out, 'release.json'), 'utf8');
    const mtime = statSync(path.join(out, 'stands.geojson')).mtimeMs;
    const listed = entries();
    const bad = path.join(work, '坏文件.zip');
    writeFileSync(bad, fixture.zip.slice(0, 2000)); // truncated zip
    expect(() => importInventory({ stands: bad, out, tiles: false })).toThrow(/坏文件\.zip/);
    // a township layer without code fields is refused
    const towns = path.join(work, 'towns.geojson');
    writeFileSync(towns, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { foo: 1 }, geometry: { type: 'Polygon', coordinates: [[[115, 26], [115.1, 26], [115.1, 26.1], [115, 26]]] } }] }));
    expect(() => importInventory({ stands: zip, out, townships: towns, tiles: false })).toThrow(ImportFailure);
    // a broken project layer fails half-way through writing the new release (stands already written to the temp folder)
    const projects = path.join(work, 'projects');
    mkdirSync(projects);
    writeFileSync(path.join(projects, 'pv.geojson'), '{"type":"FeatureCollection","features":[');
    expect(() => importInventory({ stands: zip, out, projects, tiles: false })).toThrow(/pv\.geojson/);
    expect(readFileSync(path.join(out, 'release.json'), 'utf8')).toBe(before);
    expect(statSync(path.join(out, 'stands.geojson')).mtimeMs).toBe(mtime);
    expect(entries().filter((e) => e.startsWith('.'))).toEqual([]);
    expect(entries().filter((e) => !['坏文件.zip', 'towns.geojson', 'projects'].includes(e))).toEqual(listed);
  });

  it('the CLI names the file and the problem and exits non-zero; --json prints one JSON object', () => {
    const bad = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'scripts/data-import.ts'), path.join(work, 'nope.zip'), '--out', path.join(work, 'x')], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/nope\.zip: no such file/);
    const noOut = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'scripts/data-import.ts'), zip], { encoding: 'utf8' });
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toMatch(/no --out folder/);
  });
});

describe('declared area unit', () => {
  it('detects 亩 or 公顷 by the better fit and reports median and worst differences', () => {
    const m2 = [10_000, 20_000, 30_000];
    const inMu = compareDeclared(m2.map((a, i) => ({ index: i, declared: (a / 10_000) * 15 * (i === 2 ? 1.1 : 1), m2: a })))!;
    expect(inMu).toMatchObject({ unit: 'mu', stands: 3, worst_index: 2 });
    expect(inMu.median_rel_diff).toBeCloseTo(0, 12);
    expect(inMu.worst_rel_diff).toBeCloseTo(0.1, 12);
    expect(compareDeclared(m2.map((a, i) => ({ index: i, declared: a / 10_000, m2: a })))!.unit).toBe('ha');
  });
});

describe('data:import --constraints (a bureau’s 三区三线)', () => {
  // Two farmland squares in 潋江镇 as a zipped GK-38 (EPSG:4526) GBK shapefile, the red line as GeoJSON; no urban boundary.
  const sq = (lon: number, lat: number, d: number) => [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]];
  const FARM = [sq(115.36, 26.33, 0.01), sq(115.38, 26.33, 0.005)];
  const RED = sq(115.40, 26.35, 0.01);
  const dir = path.join(work, 'constraints');
  const rel = path.join(work, 'release-constraints');

  it('reads each file by its layer name in any format and CRS, reports what is missing, and the siting uses them', async () => {
    const { writeShapefile } = await import('../../src/core/io/shapefile-write.ts');
    const { zipSync } = await import('fflate');
    mkdirSync(dir, { recursive: true });
    const parts = writeShapefile(FARM.map((ring, i) => ({ type: 'Feature', properties: { DKMC: `基本农田${i + 1}`, BSM: `B${i + 1}` }, geometry: { type: 'Polygon', coordinates: [ring] } })), { crs: 4526, encoding: 'gbk' });
    writeFileSync(path.join(dir, '永久基本农田.zip'), zipSync(Object.fromEntries(Object.entries(parts).filter(([, v]) => v).map(([ext, v]) => [`永久基本农田.${ext}`, v as Uint8Array]))));
    writeFileSync(path.join(dir, 'ecological-redline.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [RED] } }] }));
    const r = importInventory({ stands: zip, out: rel, constraints: dir, tiles: false });
    expect(r.constraints_read).toEqual([{ layer: 'ecological-redline', file: 'ecological-redline.geojson', features: 1 }, { layer: 'permanent-farmland', file: '永久基本农田.zip', features: 2 }]);
    expect(r.constraints_missing).toEqual(['urban-boundary']);
    const farm = JSON.parse(readFileSync(path.join(rel, 'permanent-farmland.geojson'), 'utf8'));
    expect(farm.features.map((f: { properties: Record<string, unknown> }) => [f.properties.name, f.properties.code, f.properties.id])).toEqual([['基本农田1', 'B1', 'permanent-farmland-1'], ['基本农田2', 'B2', 'permanent-farmland-2']]);
    expect(JSON.parse(readFileSync(path.join(rel, 'urban-boundary.geojson'), 'utf8')).features).toEqual([]);
    const release = JSON.parse(readFileSync(path.join(rel, 'release.json'), 'utf8'));
    expect(release.sources.map((s: { role: string }) => s.role)).toEqual(expect.arrayContaining(['constraint:permanent-farmland', 'constraint:ecological-redline']));

    // The planner's loader reads the release: a PV site over the first square meets the bureau's farmland, not synthetic.
    const { loadSiteIndex } = await import('../../src/layers/site-data.ts');
    const { analyseSite } = await import('../../src/core/analysis/site-analysis.ts');
    const index = await loadSiteIndex(async (f) => (existsSync(path.join(rel, f)) ? new Uint8Array(readFileSync(path.join(rel, f))) : undefined));
    const site = sq(115.355, 26.325, 0.01);
    const a = analyseSite(index, { type: 'Polygon', coordinates: [site] }, { type: '光伏', year: 2026 });
    const f = a.siting.findings.find((x) => x.rule === 'farmland-pv')!;
    expect(f.area_mu).toBeCloseTo(refArea(sq(115.36, 26.33, 0.005)) / MU, 1);
    const layers = Object.fromEntries(a.siting.layers.map((l) => [l.key, l]));
    expect(layers['permanent-farmland']).toMatchObject({ features: 2, synthetic: false });
    expect(layers['urban-boundary'].features).toBe(0);
  }, 120_000);

  it('refuses a file named after no layer, a second file for one layer, and points', () => {
    const bad = path.join(work, 'constraints-bad');
    mkdirSync(bad, { recursive: true });
    writeFileSync(path.join(bad, '基本农田.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [] }));
    expect(() => importInventory({ stands: zip, out: path.join(work, 'x1'), constraints: bad, tiles: false })).toThrow(/基本农田\.geojson: not a constraint layer's name; name the files after their layer \(永久基本农田 \/ permanent-farmland/);
    rmSync(path.join(bad, '基本农田.geojson'));
    writeFileSync(path.join(bad, 'urban-boundary.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [115.4, 26.3] } }] }));
    expect(() => importInventory({ stands: zip, out: path.join(work, 'x2'), constraints: bad, tiles: false })).toThrow(/urban-boundary\.geojson: feature 1 is a Point; 城镇开发边界 must be polygons/);
    writeFileSync(path.join(bad, 'urban-boundary.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [sq(115.4, 26.3, 0.01)] } }] }));
    writeFileSync(path.join(bad, '城镇开发边界.kml'), '<kml/>');
    expect(() => importInventory({ stands: zip, out: path.join(work, 'x3'), constraints: bad, tiles: false })).toThrow(/a second file for 城镇开发边界/);
    expect(existsSync(path.join(work, 'x2'))).toBe(false);
  });
});
