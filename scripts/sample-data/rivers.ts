// Synthetic river network for the basemap and for laying out farmland: the 平江 and 潋江 main stems (the 潋江 through the
// county seat), named tributaries, and small streams named after the village at their source. Courses are invented
// (smooth paths through hand-placed control points, meandered with seeded noise); only the names are plausible.
import type { LineString, Polygon, Position } from 'geojson';
import * as turf from '@turf/turf';
import type { Rng } from '../../src/core/random.ts';
import type { EdgeIndex } from './edge-index.ts';
import { blob, largestPart, type LocalProjection } from './geom.ts';

export interface River {
  id: string;
  name: string;
  name_en: string;
  order: 1 | 2 | 3;
  /** lon/lat vertices, ~150 m apart. */
  coords: Position[];
}

interface RiverPlan {
  id: string;
  name: string;
  name_en: string;
  order: 1 | 2;
  /** Control points; a tributary's last point is replaced by the nearest point on `joins`. */
  via: Position[];
  joins?: string;
  meanderM: number;
}

const PLANS: RiverPlan[] = [
  { id: 'pingjiang', name: '平江', name_en: 'Ping River', order: 1, meanderM: 420,
    via: [[115.6, 26.7], [115.5, 26.6], [115.4, 26.52], [115.31, 26.45], [115.25, 26.38], [115.2, 26.31], [115.15, 26.26], [115.1, 26.2]] },
  { id: 'lianjiang', name: '潋江', name_en: 'Lian River', order: 1, meanderM: 320, joins: 'pingjiang',
    via: [[115.86, 26.4], [115.74, 26.41], [115.63, 26.37], [115.52, 26.35], [115.42, 26.345], [115.36, 26.335], [115.29, 26.33], [115.22, 26.34]] },
  { id: 'changgang', name: '长冈河', name_en: 'Changgang River', order: 2, meanderM: 180, joins: 'lianjiang',
    via: [[115.52, 26.5], [115.47, 26.45], [115.445, 26.41], [115.41, 26.37], [115.39, 26.34]] },
  { id: 'liangcun', name: '良村河', name_en: 'Liangcun River', order: 2, meanderM: 220, joins: 'lianjiang',
    via: [[115.72, 26.66], [115.66, 26.56], [115.61, 26.47], [115.59, 26.36]] },
  { id: 'jiecun', name: '杰村河', name_en: 'Jiecun River', order: 2, meanderM: 200, joins: 'lianjiang',
    via: [[115.82, 26.56], [115.75, 26.49], [115.7, 26.43], [115.67, 26.39]] },
  { id: 'longkou', name: '龙口河', name_en: 'Longkou River', order: 2, meanderM: 220, joins: 'lianjiang',
    via: [[115.37, 26.06], [115.4, 26.14], [115.41, 26.22], [115.37, 26.29], [115.33, 26.33]] },
  { id: 'gaoxing', name: '高兴河', name_en: 'Gaoxing River', order: 2, meanderM: 200, joins: 'pingjiang',
    via: [[115.3, 26.14], [115.29, 26.21], [115.25, 26.27], [115.2, 26.31]] },
  { id: 'juncun', name: '均村河', name_en: 'Juncun River', order: 2, meanderM: 200, joins: 'pingjiang',
    via: [[115.06, 26.5], [115.12, 26.46], [115.18, 26.42], [115.25, 26.39]] },
  { id: 'fangtai', name: '方太河', name_en: 'Fangtai River', order: 2, meanderM: 180, joins: 'pingjiang',
    via: [[115.36, 26.68], [115.39, 26.62], [115.42, 26.56], [115.43, 26.53]] },
];

/** Catmull–Rom through the control points, sampled every ~stepM metres, in projected coordinates. */
function spline(pts: [number, number][], stepM: number): [number, number][] {
  const out: [number, number][] = [];
  const p = [pts[0], ...pts, pts[pts.length - 1]];
  for (let i = 1; i + 2 < p.length; i++) {
    const [a, b, c, d] = [p[i - 1], p[i], p[i + 1], p[i + 2]];
    const n = Math.max(1, Math.ceil(Math.hypot(c[0] - b[0], c[1] - b[1]) / stepM));
    for (let k = 0; k < n; k++) {
      const t = k / n;
      const t2 = t * t;
      const t3 = t2 * t;
      const f = (q: number) =>
        0.5 * (2 * b[q] + (-a[q] + c[q]) * t + (2 * a[q] - 5 * b[q] + 4 * c[q] - d[q]) * t2 + (-a[q] + 3 * b[q] - 3 * c[q] + d[q]) * t3);
      out.push([f(0), f(1)]);
    }
  }
  out.push(pts[pts.length - 1]);
  return out;
}

/** Offset each vertex sideways by a sum of sinusoids; `taper` fades the offset to 0 at the river's mouth. */
function meander(path: [number, number][], amplitude: number, rng: Rng, taper: boolean): [number, number][] {
  const waves = [0, 1, 2].map((k) => ({ wl: rng.range(1500, 4000) / (k + 1), phase: rng.range(0, 2 * Math.PI), amp: amplitude / (k + 1) }));
  let s = 0;
  return path.map((p, i) => {
    if (i > 0) s += Math.hypot(p[0] - path[i - 1][0], p[1] - path[i - 1][1]);
    const q = path[Math.min(i + 1, path.length - 1)];
    const r = path[Math.max(i - 1, 0)];
    const [dx, dy] = [q[0] - r[0], q[1] - r[1]];
    const len = Math.hypot(dx, dy) || 1;
    const fade = taper ? Math.min(1, (path.length - 1 - i) / 15) : 1;
    const off = fade * waves.reduce((sum, w) => sum + w.amp * Math.sin((2 * Math.PI * s) / w.wl + w.phase), 0);
    return [p[0] - (dy / len) * off, p[1] + (dx / len) * off];
  });
}

/** Longest run of consecutive vertices inside the county. */
function insideRun(coords: Position[], inside: EdgeIndex): Position[] {
  let best: Position[] = [];
  let run: Position[] = [];
  for (const p of coords) {
    if (inside.contains(p[0], p[1])) run.push(p);
    else {
      if (run.length > best.length) best = run;
      run = [];
    }
  }
  return run.length > best.length ? run : best;
}

function nearestOn(xy: [number, number], line: [number, number][]): [number, number] {
  let best = line[0];
  let bestD = Infinity;
  for (const p of line) {
    const d = (p[0] - xy[0]) ** 2 + (p[1] - xy[1]) ** 2;
    if (d < bestD) [best, bestD] = [p, d];
  }
  return best;
}

export function makeRivers(proj: LocalProjection, county: EdgeIndex, villageAt: (p: Position) => string | null, rng: Rng): River[] {
  const rivers: River[] = [];
  const projected = new Map<string, [number, number][]>();
  for (const plan of PLANS) {
    const ctrl = plan.via.map((p) => proj.toXY(p));
    if (plan.joins) ctrl[ctrl.length - 1] = nearestOn(ctrl[ctrl.length - 1], projected.get(plan.joins)!);
    let path = meander(spline(ctrl, 150), plan.meanderM, rng.fork(plan.id), Boolean(plan.joins));
    if (plan.joins) path[path.length - 1] = nearestOn(path[path.length - 1], projected.get(plan.joins)!);
    const coords = insideRun(path.map(([x, y]) => proj.toLonLat(x, y)), county);
    path = coords.map((p) => proj.toXY(p));
    projected.set(plan.id, path);
    rivers.push({ id: plan.id, name: plan.name, name_en: plan.name_en, order: plan.order, coords });
  }
  // Small streams: side valleys leaving the bigger rivers at random points, named after the village at their source.
  const parents = rivers.slice();
  const used = new Set<string>();
  for (let k = 0; rivers.length < parents.length + 40 && k < 400; k++) {
    const parent = rng.pick(parents);
    const path = projected.get(parent.id)!;
    if (path.length < 40) continue;
    const i = rng.int(10, path.length - 10);
    const [dx, dy] = [path[i + 1][0] - path[i - 1][0], path[i + 1][1] - path[i - 1][1]];
    const side = rng.chance(0.5) ? 1 : -1;
    const len = Math.hypot(dx, dy) || 1;
    const [nx, ny] = [(-dy / len) * side, (dx / len) * side];
    const lengthM = rng.range(3000, 8000);
    // Angle the stream upstream a little, as tributaries join at acute angles.
    const src: [number, number] = [path[i][0] + nx * lengthM - (dx / len) * lengthM * 0.4, path[i][1] + ny * lengthM - (dy / len) * lengthM * 0.4];
    const mid: [number, number] = [(src[0] + path[i][0]) / 2 + nx * 300, (src[1] + path[i][1]) / 2 + ny * 300];
    const stream = meander(spline([src, mid, path[i]], 150), rng.range(60, 160), rng, true);
    const coords = insideRun(stream.map(([x, y]) => proj.toLonLat(x, y)), county);
    if (coords.length < 15) continue;
    const village = villageAt(coords[0]);
    if (!village) continue;
    const name = `${village.replace(/(村|社区)$/, '')}水`;
    if (used.has(name)) continue;
    used.add(name);
    const id = `stream-${String(rivers.length - parents.length + 1).padStart(2, '0')}`;
    rivers.push({ id, name, name_en: `${name} stream`, order: 3, coords });
    projected.set(id, stream);
  }
  return rivers;
}

export interface WaterBody {
  id: string;
  name: string;
  kind: '水库' | '河面';
  geometry: Polygon;
}

/** 长冈水库 on the 长冈河, and the surfaces of the two main rivers (wide enough to draw as areas). */
export function makeWater(proj: LocalProjection, rivers: River[], rng: Rng): WaterBody[] {
  const waves = [2, 3, 5].map((k) => ({ k, a: rng.range(0.08, 0.22), p: rng.range(0, 6.28) }));
  const wobble = (t: number) => 1 + waves.reduce((s, w) => s + w.a * Math.sin(w.k * t + w.p), 0);
  const reservoir = blob(proj, [115.447, 26.412], 1450, wobble, 48, 1.9, 0.9);
  const water: WaterBody[] = [{ id: 'changgang-reservoir', name: '长冈水库', kind: '水库', geometry: { type: 'Polygon', coordinates: [reservoir] } }];
  for (const [id, name, widthM] of [['pingjiang', '平江', 110], ['lianjiang', '潋江', 80]] as const) {
    const river = rivers.find((r) => r.id === id)!;
    const buffered = turf.buffer(turf.lineString(river.coords), widthM / 2000, { units: 'kilometers', steps: 2 });
    if (!buffered) continue;
    water.push({ id: `${id}-surface`, name: `${name}河面`, kind: '河面', geometry: largestPart(buffered.geometry) });
  }
  return water;
}

export const riverLine = (r: River): LineString => ({ type: 'LineString', coordinates: r.coords });
