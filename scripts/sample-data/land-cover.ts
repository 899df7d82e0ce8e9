// The sample's land cover for 2020 and 2025 (模拟数据), painted from the sample layers so the rasters agree with them:
// the county outside the stands is cropland with towns (built-up) and rivers and reservoirs (water); each stand (林地)
// is forest, bamboo or shrub by its 地类; mines are mining land. Between the two years the generator plants the changes
// a monitoring system should find, each recorded with its cause (PlantedChange) so tests can check the 监测图斑:
//   explained   — felling of the plan's 更新 stands (forest → shrub: replanted, not yet closed), the pads of wind farms
//                 built or under construction (forest → built-up), 碳汇造林 plots planted 2021–2023 (shrub → forest),
//                 mines restored 2021–2024 (mining land → forest);
//   unexplained — six clearings in ordinary forest stands (2.5–35 亩), one pad of a wind farm that is only planned,
//                 a shrub stand that turned forest with nothing in the data to say why, and one clearing of 0.5 亩,
//                 below the minimum mapping unit, that must not become a 图斑.
// Then each year gets its own sparse classification noise (isolated pixels, as any classifier has), which the minimum
// mapping unit filters out. Deterministic: seeded, no Math.random.
import type { Feature, Geometry, Point, Position } from 'geojson';
import { M2_PER_MU } from '../../src/core/geo/units.ts';
import { hashSeed, Rng } from '../../src/core/random.ts';
import { LAND_COVER_CLASSES, LAND_COVER_NODATA } from '../../src/core/raster/classes.ts';
import { fullWindow, lonLatToGrid, pixelToWorld, type RasterGrid } from '../../src/core/raster/grid.ts';
import type { PixelAreas } from '../../src/core/raster/pixel-area.ts';
import { scanZone } from '../../src/core/raster/rasterize.ts';
import { zoneToPixels } from '../../src/core/raster/zones.ts';

export const FOREST = 1, BAMBOO = 2, SHRUB = 3, CROPLAND = 4, WATER = 5, BUILT = 6, MINE = 7;

type Props = Record<string, unknown>;
type F = Feature<Geometry, Props>;

export interface SampleLayers {
  county: F;
  townshipLabels: Feature<Point, Props>[];
  stands: F[];
  mines: F[];
  pv: F[];
  windFarms: F[];
  turbines: Feature<Point, Props>[];
  water: F[];
  rivers: F[];
}

export type PlantedCause = 'upgrade' | 'project' | 'afforestation' | 'mine_restoration' | 'unexplained';

/** One change the generator planted, with its cause, where it is and how big it is (its changed pixels). */
export interface PlantedChange {
  kind: 'loss' | 'gain';
  cause: PlantedCause;
  /** The feature behind it (stand, mine, wind farm) or a description. */
  ref: string;
  /** A pixel of it (column, row) that is changed in the final rasters, to find the 图斑 that holds it. */
  pixel: [number, number];
  /** Its changed pixels and their area on CGCS2000, before the classification noise. */
  pixels: number;
  area_m2: number;
  /** True when it is smaller than 1 亩, the default minimum mapping unit (the 0.5 亩 clearing; pads mostly on shrub). */
  below_mmu?: boolean;
}

/** Smooth noise in [0, 1) at a wavelength, from hashed lattice values (no state, any position). */
export function smoothNoise(seed: number, x: number, y: number, wavelength: number): number {
  const fx = x / wavelength, fy = y / wavelength;
  const ix = Math.floor(fx), iy = Math.floor(fy);
  const u = fx - ix, v = fy - iy;
  const su = u * u * (3 - 2 * u), sv = v * v * (3 - 2 * v);
  // no closure here: this runs per pixel, and a closure per call is costly under tsx (keepNames wraps each one)
  const h00 = lattice(seed, ix, iy), h10 = lattice(seed, ix + 1, iy);
  const h01 = lattice(seed, ix, iy + 1), h11 = lattice(seed, ix + 1, iy + 1);
  const top = h00 + su * (h10 - h00);
  const bottom = h01 + su * (h11 - h01);
  return top + sv * (bottom - top);
}

/** A hash of (seed, a, b) in [0, 1). */
export function lattice(seed: number, a: number, b: number): number {
  let h = (seed ^ Math.imul(a, 0x27d4eb2d) ^ Math.imul(b, 0x165667b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  return ((h ^ (h >>> 15)) >>> 0) / 4294967296;
}

/** Class of a stand by its 地类 (2025 state of the inventory). */
function standClass(p: Props): number {
  switch (p.land_class) {
    case '乔木林地': return FOREST;
    case '竹林地': return BAMBOO;
    default: return SHRUB; // 特灌林地, 一般灌木林地, 疏林地, 未成林造林地, 迹地, 宜林地: shrub and grass seen from above
  }
}

const within = (y: unknown, a: number, b: number) => typeof y === 'number' && y > a && y <= b;

export interface LandCover {
  y2020: Uint8Array;
  y2025: Uint8Array;
  planted: PlantedChange[];
}

export function paintLandCover(grid: RasterGrid, layers: SampleLayers, areas: PixelAreas, seed: string): LandCover {
  const W = grid.width, H = grid.height;
  const toGrid = lonLatToGrid(grid);
  const a = new Uint8Array(W * H).fill(LAND_COVER_NODATA);
  const b = new Uint8Array(W * H).fill(LAND_COVER_NODATA);
  const full = fullWindow(grid);
  const eachPixel = (g: Geometry, f: (p: number) => void) => scanZone(zoneToPixels(g, grid, toGrid).parts, full, (r, c0, c1) => { for (let c = c0; c <= c1; c++) f(r * W + c); });
  const worldOf = (p: number) => pixelToWorld(grid, (p % W) + 0.5, Math.floor(p / W) + 0.5);
  const s = hashSeed(seed);

  // 1. The county: cropland, and towns (built-up) around the market towns, biggest at the county seat.
  eachPixel(layers.county.geometry, (p) => { a[p] = CROPLAND; });
  for (const t of layers.townshipLabels) {
    const [cx, cy] = toGrid(t.geometry.coordinates[0], t.geometry.coordinates[1]);
    const radius = t.properties.name === '潋江镇' ? 1900 : 320;
    disc(grid, cx, cy, radius * 1.5, (p, d, x, y) => {
      if (a[p] === CROPLAND && d < radius * (0.6 + 0.7 * smoothNoise(s, x, y, radius / 2))) a[p] = BUILT;
    });
  }
  // 2. Rivers as strips (main rivers 40 m, tributaries 20 m, streams 8 m wide).
  for (const r of layers.rivers) {
    const width = r.properties.order === 1 ? 40 : r.properties.order === 2 ? 20 : 8;
    const line = (r.geometry.type === 'LineString' ? r.geometry.coordinates : []).map((q) => toGrid(q[0], q[1]));
    for (let i = 1; i < line.length; i++) segment(grid, line[i - 1], line[i], width / 2, (p) => { if (a[p] !== LAND_COVER_NODATA) a[p] = WATER; });
  }
  // 3. Stands by 地类 (the inventory's current state; 2020 differs only where a change is planted below).
  const standPixels = layers.stands.map((f) => {
    const px: number[] = [];
    const cls = standClass(f.properties);
    eachPixel(f.geometry, (p) => { a[p] = cls; px.push(p); });
    return px;
  });
  for (const w of layers.water) eachPixel(w.geometry, (p) => { a[p] = WATER; });
  for (const m of layers.mines) eachPixel(m.geometry, (p) => { a[p] = MINE; });
  b.set(a);

  // 4. Planted changes.
  const planted: PlantedChange[] = [];
  const changedOf: number[][] = [];
  const changedNow = (kind: 'loss' | 'gain', p: number) => (kind === 'loss' ? isForest(a[p]) && !isForest(b[p]) : !isForest(a[p]) && isForest(b[p]));
  const record = (kind: 'loss' | 'gain', cause: PlantedCause, ref: string, pixels: number[]) => {
    const changed = pixels.filter((p) => changedNow(kind, p));
    if (changed.length === 0) return;
    const areaM2 = changed.reduce((sum, p) => sum + areas.at(p % W, Math.floor(p / W)), 0);
    planted.push({ kind, cause, ref, pixel: [0, 0], pixels: changed.length, area_m2: areaM2, ...(areaM2 < M2_PER_MU ? { below_mmu: true } : {}) });
    changedOf.push(changed);
  };
  layers.stands.forEach((f, i) => {
    const p = f.properties;
    const px = standPixels[i];
    if (p.upgrade_type === '更新' && within(p.upgrade_year, 2020, 2025)) {
      // felled and replanted: forest in 2020, young planting (shrub-like from above) in 2025
      for (const q of px) { a[q] = FOREST; b[q] = SHRUB; }
      record('loss', 'upgrade', String(p.id), px);
    } else if (p.carbon_afforestation === true && within(p.afforestation_year, 2020, 2023)) {
      // planted 2021–2023 on bare land; the canopy has closed by 2025
      for (const q of px) { a[q] = SHRUB; b[q] = FOREST; }
      record('gain', 'afforestation', String(p.id), px);
    } else if (p.carbon_afforestation === true) {
      for (const q of px) { a[q] = SHRUB; b[q] = SHRUB; }
    }
  });
  for (const m of layers.mines) {
    const px: number[] = [];
    eachPixel(m.geometry, (q) => px.push(q));
    if (m.properties.status === '已修复' && within(m.properties.restored_year, 2020, 2024)) {
      for (const q of px) b[q] = FOREST;
      record('gain', 'mine_restoration', String(m.properties.id), px);
    } else if (m.properties.status === '修复中') {
      for (const q of px) b[q] = SHRUB; // regrassed, not yet forest: no carbon change
    }
  }
  for (const pv of layers.pv) {
    if (pv.properties.status !== '并网' && pv.properties.status !== '在建') continue;
    eachPixel(pv.geometry, (q) => {
      if (pv.properties.kind === '渔光互补') a[q] = WATER;
      b[q] = BUILT;
    });
  }
  // wind turbine pads (~2,400 m² each) on the ridges: built 2021–2025 for farms grid-connected or under construction
  const farms = new Map(layers.windFarms.map((w) => [w.properties.id, w.properties]));
  const plannedPadDone = new Set<string>();
  for (const t of layers.turbines) {
    const farm = farms.get(t.properties.farm_id);
    if (!farm) continue;
    const approved = farm.status === '在建' || (farm.status === '并网' && within(farm.grid_year, 2020, 2025));
    // one pad of the planned farm is cleared before any approval: the case a 监测图斑 exists for
    const early = farm.status === '规划' && !plannedPadDone.has(String(farm.id));
    if (!approved && !early) continue;
    if (early) plannedPadDone.add(String(farm.id));
    const [cx, cy] = toGrid(t.geometry.coordinates[0], t.geometry.coordinates[1]);
    const px: number[] = [];
    disc(grid, cx, cy, 28, (p) => { if (isForest(a[p]) || a[p] === SHRUB) { b[p] = BUILT; px.push(p); } });
    record('loss', early ? 'unexplained' : 'project', String(early ? `${farm.id} (规划, not approved)` : farm.id), px);
  }
  // unexplained clearings in ordinary forest stands, and one below the minimum mapping unit
  const rng = new Rng(`${seed}:clearings`);
  const ordinary = layers.stands.map((f, i) => ({ f, i })).filter(({ f, i }) => {
    const p = f.properties;
    return p.land_class === '乔木林地' && !p.upgrade_type && !p.carbon_afforestation && !p.oil_tea_work && standPixels[i].length > 400;
  });
  const clearings: [number, number][] = [[2.5, CROPLAND], [5, BUILT], [9, CROPLAND], [14, MINE], [22, BUILT], [35, CROPLAND], [0.5, CROPLAND]];
  for (const [mu, cls] of clearings) {
    const { f, i } = ordinary[rng.int(0, ordinary.length - 1)];
    const px = standPixels[i];
    const [cx, cy] = worldOf(px[Math.floor(px.length / 2)]);
    const r = Math.sqrt((mu * M2_PER_MU) / Math.PI);
    const blob: number[] = [];
    const shape = hashSeed(`${seed}:${f.properties.id}`);
    disc(grid, cx, cy, r * 1.6, (p, d, x, y) => {
      const angle = Math.atan2(y - cy, x - cx);
      const reach = r * (0.8 + 0.35 * smoothNoise(shape, Math.cos(angle) * 40, Math.sin(angle) * 40, 30));
      if (d <= reach && a[p] === FOREST && b[p] === FOREST) { b[p] = cls; blob.push(p); }
    });
    record('loss', 'unexplained', `clearing in ${f.properties.id}`, blob);
  }
  // a shrub stand that turned forest with nothing in the data to explain it
  const shrubStand = layers.stands.findIndex((f, i) => f.properties.land_class === '一般灌木林地' && !f.properties.upgrade_type && standPixels[i].length > 60);
  if (shrubStand >= 0) {
    for (const q of standPixels[shrubStand]) b[q] = FOREST;
    record('gain', 'unexplained', String(layers.stands[shrubStand].properties.id), standPixels[shrubStand]);
  }

  // 5. Classification noise: isolated pixels flipped, independently in each year.
  for (const [img, tag] of [[a, 'noise-2020'], [b, 'noise-2025']] as const) {
    const n = new Rng(`${seed}:${tag}`);
    const flips = Math.round(W * H * 0.0004);
    for (let k = 0; k < flips; k++) {
      const p = n.int(0, W * H - 1);
      const v = img[p];
      if (v === LAND_COVER_NODATA || v === WATER || v === MINE) continue;
      img[p] = v === FOREST ? SHRUB : v === SHRUB ? FOREST : v === CROPLAND ? SHRUB : v;
    }
  }
  // each planted change's pixel to look it up by: one that is still changed after the noise, near its middle
  planted.forEach((pl, k) => {
    const changed = changedOf[k];
    const mid = Math.floor(changed.length / 2);
    let p = changed[mid];
    for (let d = 0; d < changed.length; d++) {
      const q = changed[(mid + d) % changed.length];
      if (changedNow(pl.kind, q)) { p = q; break; }
    }
    pl.pixel = [p % W, Math.floor(p / W)];
  });
  return { y2020: a, y2025: b, planted };
}

const FOREST_LIKE = new Set(LAND_COVER_CLASSES.filter((c) => c.carbon !== null).map((c) => c.value));
function isForest(v: number): boolean {
  return FOREST_LIKE.has(v);
}

/** Calls f for each pixel whose centre is within `radius` metres of (cx, cy) in grid coordinates. */
function disc(grid: RasterGrid, cx: number, cy: number, radius: number, f: (p: number, d: number, x: number, y: number) => void): void {
  const gt = grid.geoTransform;
  const c0 = Math.max(0, Math.floor((cx - radius - gt[0]) / gt[1]));
  const c1 = Math.min(grid.width - 1, Math.ceil((cx + radius - gt[0]) / gt[1]));
  const r0 = Math.max(0, Math.floor((cy + radius - gt[3]) / gt[5]));
  const r1 = Math.min(grid.height - 1, Math.ceil((cy - radius - gt[3]) / gt[5]));
  for (let r = r0; r <= r1; r++) {
    const y = gt[3] + (r + 0.5) * gt[5];
    for (let c = c0; c <= c1; c++) {
      const x = gt[0] + (c + 0.5) * gt[1];
      const d = Math.hypot(x - cx, y - cy);
      if (d <= radius) f(r * grid.width + c, d, x, y);
    }
  }
}

/** Calls f for each pixel whose centre is within `half` metres of the segment p–q (grid coordinates). */
function segment(grid: RasterGrid, p: Position, q: Position, half: number, f: (pixel: number) => void): void {
  const gt = grid.geoTransform;
  const [x0, x1] = [Math.min(p[0], q[0]) - half, Math.max(p[0], q[0]) + half];
  const [y0, y1] = [Math.min(p[1], q[1]) - half, Math.max(p[1], q[1]) + half];
  const c0 = Math.max(0, Math.floor((x0 - gt[0]) / gt[1])), c1 = Math.min(grid.width - 1, Math.ceil((x1 - gt[0]) / gt[1]));
  const r0 = Math.max(0, Math.floor((y1 - gt[3]) / gt[5])), r1 = Math.min(grid.height - 1, Math.ceil((y0 - gt[3]) / gt[5]));
  const dx = q[0] - p[0], dy = q[1] - p[1];
  const len2 = dx * dx + dy * dy || 1;
  for (let r = r0; r <= r1; r++) {
    const y = gt[3] + (r + 0.5) * gt[5];
    for (let c = c0; c <= c1; c++) {
      const x = gt[0] + (c + 0.5) * gt[1];
      const t = Math.max(0, Math.min(1, ((x - p[0]) * dx + (y - p[1]) * dy) / len2));
      if (Math.hypot(x - p[0] - t * dx, y - p[1] - t * dy) <= half) f(r * grid.width + c);
    }
  }
}

/** The county's grid: CGCS2000 3° Gauss-Krüger CM 114°E (EPSG:4547) at `size` m, snapped to 100 m, 200 m margin. */
export function countyGrid(county: Geometry, size: number, crs: RasterGrid['crs']): RasterGrid {
  const toGrid = lonLatToGrid({ width: 1, height: 1, geoTransform: [0, 1, 0, 0, 0, -1], crs });
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = toGrid(c[0] as number, c[1] as number);
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  visit((county as { coordinates: unknown }).coordinates);
  const left = Math.floor((x0 - 200) / 100) * 100;
  const top = Math.ceil((y1 + 200) / 100) * 100;
  return {
    width: Math.ceil((x1 + 200 - left) / size),
    height: Math.ceil((top - (y0 - 200)) / size),
    geoTransform: [left, size, 0, top, 0, -size],
    crs,
  };
}
