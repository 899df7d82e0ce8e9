// Synthetic township boundaries: a Voronoi diagram of the (approximate) township seats, relaxed a little so areas are
// even-ish, clipped to the real county outline. Every point of the county falls in exactly one township by construction.
import { Delaunay } from 'd3-delaunay';
import type { Polygon, MultiPolygon, Position } from 'geojson';
import { geodesicArea } from '../../src/core/geo/measure.ts';
import { clipToRegionAll } from './clip.ts';
import { LocalProjection, roundGeometry, pointInPolygon, polygonsOf, bboxOf } from './geom.ts';
import { TOWNSHIPS, SEAT_TOWNSHIP, type GasStatus } from './names.ts';
import type { Division } from './divisions.ts';

export interface Township {
  code: string;
  name: string;
  name_en: string;
  kind: '镇' | '乡';
  seat: boolean;
  gas_status: GasStatus;
  geometry: Polygon | MultiPolygon;
  area_m2: number;
  /** A point inside the polygon for labels and for placing the township's 圩镇 (market town). */
  label: Position;
}

function cellsFor(proj: LocalProjection, sites: [number, number][], county: Polygon | MultiPolygon) {
  const [x0, y0, x1, y1] = bboxOf(polygonsOf(county));
  const a = proj.toXY([x0, y0]);
  const b = proj.toXY([x1, y1]);
  const pad = 5000;
  const voronoi = Delaunay.from(sites).voronoi([a[0] - pad, a[1] - pad, b[0] + pad, b[1] + pad]);
  return sites.map((_, i) => {
    const ring = (voronoi.cellPolygon(i) as [number, number][]).map(([x, y]) => proj.toLonLat(x, y));
    const clipped = clipToRegionAll(ring, county);
    if (!clipped) throw new Error(`township ${TOWNSHIPS[i].name}: its Voronoi cell misses the county outline`);
    return clipped;
  });
}

/** Planar centroid in projected metres (layout only). */
function centroidXY(proj: LocalProjection, g: Polygon | MultiPolygon): [number, number] {
  let [sx, sy, sa] = [0, 0, 0];
  for (const rings of polygonsOf(g)) {
    rings.forEach((ring, k) => {
      const pts = ring.map((p) => proj.toXY(p));
      for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
        const cross = pts[j][0] * pts[i][1] - pts[i][0] * pts[j][1];
        const sign = k === 0 ? 1 : -1;
        sa += (sign * cross) / 2;
        sx += (sign * (pts[j][0] + pts[i][0]) * cross) / 6;
        sy += (sign * (pts[j][1] + pts[i][1]) * cross) / 6;
      }
    });
  }
  return [sx / sa, sy / sa];
}

/** Label point: the centroid if it falls inside, else the best of a coarse grid of interior points (farthest from edges). */
export function labelPoint(proj: LocalProjection, g: Polygon | MultiPolygon): Position {
  const c = centroidXY(proj, g);
  const cLL = proj.toLonLat(c[0], c[1]);
  if (pointInPolygon(cLL, g)) return cLL;
  const [x0, y0, x1, y1] = bboxOf(polygonsOf(g));
  let best: Position | null = null;
  let bestD = -1;
  const edges = polygonsOf(g).flat();
  for (let i = 1; i < 30; i++) {
    for (let j = 1; j < 30; j++) {
      const p: Position = [x0 + ((x1 - x0) * i) / 30, y0 + ((y1 - y0) * j) / 30];
      if (!pointInPolygon(p, g)) continue;
      let d = Infinity;
      for (const ring of edges) for (const q of ring) d = Math.min(d, (q[0] - p[0]) ** 2 + (q[1] - p[1]) ** 2);
      if (d > bestD) [best, bestD] = [p, d];
    }
  }
  if (!best) throw new Error('labelPoint: polygon has no interior grid point');
  return best;
}

export function makeTownships(proj: LocalProjection, county: Polygon | MultiPolygon, divisions: Division[]): Township[] {
  const info = new Map(TOWNSHIPS.map((t) => [t.name, t]));
  for (const d of divisions) if (!info.has(d.name)) throw new Error(`names.ts: no pinyin/site entry for township ${d.name} (${d.code})`);
  const order = divisions.map((d) => info.get(d.name)!);
  let sites = order.map((t) => proj.toXY(t.site));
  // Two half-steps of Lloyd relaxation even out the areas but keep the hand-placed layout; the seat stays put.
  for (let iter = 0; iter < 2; iter++) {
    const cells = cellsFor(proj, sites, county);
    sites = sites.map((s, i) => {
      if (order[i].name === SEAT_TOWNSHIP) return s;
      const c = centroidXY(proj, cells[i]);
      return [(s[0] + c[0]) / 2, (s[1] + c[1]) / 2];
    });
  }
  const cells = cellsFor(proj, sites, county);
  return divisions.map((d, i) => {
    const geometry = roundGeometry(cells[i]);
    return {
      code: d.code,
      name: d.name,
      name_en: order[i].name_en,
      kind: d.name.endsWith('镇') ? '镇' : '乡',
      seat: d.name === SEAT_TOWNSHIP,
      gas_status: order[i].gas_status,
      geometry,
      area_m2: geodesicArea(geometry),
      label: labelPoint(proj, geometry),
    };
  });
}
