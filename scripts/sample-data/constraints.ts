// Synthetic 三区三线 (the three control lines of a spatial plan) for the sample, made of the same cells as the stands so
// that they follow stand edges and never overlap one another, as real control lines do not:
//  - 城镇开发边界 (urban development boundary): the built-up land around the county seat and each market town;
//  - 生态保护红线 (ecological protection red line): the most upland forest cells (ridges, patchy) and a corridor along
//    the two main rivers;
//  - 永久基本农田 (permanent basic farmland): most of the remaining non-forest valley land.
// Water, wetlands, mines and PV footprints are left out of all three. Every feature says synthetic = true; the siting
// panel, the report and the CSV mark them 模拟数据 by that property.
import type { Polygon, Position } from 'geojson';
import { geodesicArea } from '../../src/core/geo/measure.ts';
import { M2_PER_MU } from '../../src/core/geo/units.ts';
import type { Context } from './context.ts';
import { distanceM } from './context.ts';
import { dissolveCells } from './dissolve.ts';
import { PolygonMask } from './mask.ts';
import type { Cell } from './stand-cells.ts';
import type { OutFeature } from './write.ts';

/** Shares and distances of the layout (the sample only; a bureau brings its own layers). */
export const CONSTRAINT_LAYOUT = {
  seatRadiusM: 2400,
  townRadiusM: 420,
  /** Share of the forest cells, the most upland, in the red line. */
  redlineForestShare: 0.2,
  /** Cells whose centre is this close to a main river are in the red line (the river corridor). */
  riverCorridorM: 380,
  /** Share of the free non-forest cells that are permanent basic farmland. */
  farmlandShare: 0.62,
} as const;

interface Kind { prefix: string; code: string; suffix: string }
const KINDS = {
  urban: { prefix: 'urban', code: 'CZKFBJ', suffix: '城镇开发边界' },
  redline: { prefix: 'redline', code: 'STBHHX', suffix: '生态保护红线' },
  farmland: { prefix: 'farmland', code: 'YJJBNT', suffix: '永久基本农田' },
} satisfies Record<string, Kind>;

function segmentDistance(p: [number, number], a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const len = dx * dx + dy * dy;
  const t = len > 0 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len)) : 0;
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/** Connected groups of the chosen cells (Voronoi neighbours; these never cross a township boundary). */
function components(chosen: Set<number>, cells: Cell[]): Cell[][] {
  const seen = new Set<number>();
  const out: Cell[][] = [];
  for (const i of [...chosen].sort((a, b) => a - b)) {
    if (seen.has(i)) continue;
    const group: Cell[] = [];
    const todo = [i];
    seen.add(i);
    while (todo.length) {
      const c = cells[todo.pop()!];
      group.push(c);
      for (const n of c.neighbours) if (chosen.has(n) && !seen.has(n)) { seen.add(n); todo.push(n); }
    }
    out.push(group.sort((a, b) => a.index - b.index));
  }
  return out;
}

function features(ctx: Context, chosen: Set<number>, kind: Kind): OutFeature[] {
  const counter = new Map<number, number>();
  return components(chosen, ctx.cells).map((group) => {
    const t = ctx.townships[group[0].township];
    const n = (counter.get(group[0].township) ?? 0) + 1;
    counter.set(group[0].township, n);
    const geometry = dissolveCells(group.map((c) => c.geometry));
    const code = `${kind.code}-${t.code}-${String(n).padStart(3, '0')}`;
    return {
      properties: {
        id: `${kind.prefix}-${t.code}-${String(n).padStart(3, '0')}`, code, name: `${t.name}${kind.suffix}${n}`,
        township_code: t.code, township_name: t.name, area_mu: Math.round(geodesicArea(geometry) / M2_PER_MU), synthetic: true,
      },
      geometry,
    };
  });
}

export interface Constraints { urban: OutFeature[]; redline: OutFeature[]; farmland: OutFeature[] }

/** `forest`: the stands' cells; `masks`: water, wetlands, mines and PV footprints (in none of the three). */
export function makeConstraints(ctx: Context, forest: readonly Cell[], masks: readonly Polygon[]): Constraints {
  const L = CONSTRAINT_LAYOUT;
  const forestSet = new Set(forest.map((c) => c.index));
  const mask = new PolygonMask();
  masks.forEach((p) => mask.add(p));
  const free = (c: Cell) => !mask.overlaps(c.geometry, c.site);

  const seat = ctx.townships.find((t) => t.seat)!.label;
  const towns = ctx.townships.filter((t) => !t.seat).map((t) => t.label);
  const urban = new Set<number>();
  for (const c of ctx.cells) {
    if (forestSet.has(c.index) || !free(c)) continue;
    if (distanceM(ctx, c.site, seat) <= L.seatRadiusM || towns.some((p: Position) => distanceM(ctx, c.site, p) <= L.townRadiusM)) urban.add(c.index);
  }

  const redline = new Set<number>();
  const ranked = forest.filter(free).map((c) => ({ c, s: ctx.land.upland(c.xy) + 0.35 * (ctx.land.patch('redline', c.xy) - 0.5) }))
    .sort((a, b) => b.s - a.s || a.c.index - b.c.index);
  for (const { c } of ranked.slice(0, Math.round(L.redlineForestShare * ranked.length))) redline.add(c.index);
  // River segments bucketed on a grid of the corridor's width, so each cell looks at the few segments near it.
  const cell = L.riverCorridorM;
  const buckets = new Map<string, (readonly [[number, number], [number, number]])[]>();
  for (const r of ctx.rivers.filter((x) => x.order === 1)) {
    for (let i = 1; i < r.coords.length; i++) {
      const seg = [ctx.proj.toXY(r.coords[i - 1]), ctx.proj.toXY(r.coords[i])] as const;
      const [x0, x1] = [Math.min(seg[0][0], seg[1][0]), Math.max(seg[0][0], seg[1][0])];
      const [y0, y1] = [Math.min(seg[0][1], seg[1][1]), Math.max(seg[0][1], seg[1][1])];
      for (let gx = Math.floor(x0 / cell) - 1; gx <= Math.floor(x1 / cell) + 1; gx++) {
        for (let gy = Math.floor(y0 / cell) - 1; gy <= Math.floor(y1 / cell) + 1; gy++) {
          const k = `${gx}:${gy}`;
          if (!buckets.has(k)) buckets.set(k, []);
          buckets.get(k)!.push(seg);
        }
      }
    }
  }
  for (const c of ctx.cells) {
    if (urban.has(c.index) || redline.has(c.index) || !free(c)) continue;
    const near = buckets.get(`${Math.floor(c.xy[0] / cell)}:${Math.floor(c.xy[1] / cell)}`) ?? [];
    if (near.some(([a, b]) => segmentDistance(c.xy, a, b) <= L.riverCorridorM)) redline.add(c.index);
  }

  const farmland = new Set<number>();
  const open = ctx.cells.filter((c) => !forestSet.has(c.index) && !urban.has(c.index) && !redline.has(c.index) && free(c))
    .map((c) => ({ c, s: ctx.land.patch('farmland', c.xy) + 0.4 * ctx.land.lowland(c.xy) }))
    .sort((a, b) => a.s - b.s || a.c.index - b.c.index);
  for (const { c } of open.slice(0, Math.round(L.farmlandShare * open.length))) farmland.add(c.index);

  return { urban: features(ctx, urban, KINDS.urban), redline: features(ctx, redline, KINDS.redline), farmland: features(ctx, farmland, KINDS.farmland) };
}
