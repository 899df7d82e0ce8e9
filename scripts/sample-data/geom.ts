// Small geometry helpers for the generator: a local metric projection for layout work (Voronoi, distances), coordinate
// rounding that keeps rings valid, and cleaning of quantised outlines. Reported areas always use geodesicArea.
import type { Polygon, MultiPolygon, Position, Geometry } from 'geojson';
import * as turf from '@turf/turf';
import { geodesicArea } from '../../src/core/geo/measure.ts';

const DEG = Math.PI / 180;
const R = 6371008.8;

/** Local equirectangular projection around the county: metres east/north of (lon0, lat0). Layout only. */
export class LocalProjection {
  private readonly kx: number;
  constructor(readonly lon0: number, readonly lat0: number) {
    this.kx = Math.cos(lat0 * DEG) * R * DEG;
  }
  toXY(p: Position): [number, number] {
    return [(p[0] - this.lon0) * this.kx, (p[1] - this.lat0) * R * DEG];
  }
  toLonLat(x: number, y: number): [number, number] {
    return [this.lon0 + x / this.kx, this.lat0 + y / (R * DEG)];
  }
}

export const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

const same = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

/** Planar signed area in degree² — only to detect rings that collapsed to nothing. */
function shoelace(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return s / 2;
}

/** Remove repeated points and A-B-A spikes; returns a closed ring, or null if fewer than 3 distinct corners remain. */
export function cleanRing(ring: Position[]): Position[] | null {
  const out: Position[] = [];
  for (const p of ring) {
    if (out.length > 0 && same(out[out.length - 1], p)) continue;
    if (out.length >= 2 && same(out[out.length - 2], p)) {
      out.pop();
      continue;
    }
    out.push(p);
  }
  while (out.length > 1 && same(out[0], out[out.length - 1])) out.pop();
  // A spike can also straddle the closing point.
  while (out.length >= 3 && same(out[1], out[out.length - 1])) {
    out.shift();
    out.pop();
  }
  if (out.length < 3) return null;
  out.push([out[0][0], out[0][1]]);
  return Math.abs(shoelace(out)) > 1e-14 ? out : null;
}

/** Round a polygon's coordinates to 6 decimals (≈0.1 m) and re-clean; null when it degenerates. */
export function roundPolygon(rings: Position[][]): Position[][] | null {
  const out: Position[][] = [];
  for (let i = 0; i < rings.length; i++) {
    const r = cleanRing(rings[i].map((p) => [round6(p[0]), round6(p[1])]));
    if (r) out.push(r);
    else if (i === 0) return null;
  }
  return out;
}

export function roundGeometry<G extends Geometry>(g: G): G {
  switch (g.type) {
    case 'Point':
      return { ...g, coordinates: [round6(g.coordinates[0]), round6(g.coordinates[1])] };
    case 'LineString':
      return { ...g, coordinates: g.coordinates.map((p) => [round6(p[0]), round6(p[1])]).filter((p, i, a) => i === 0 || !same(p, a[i - 1])) };
    case 'Polygon': {
      const r = roundPolygon(g.coordinates);
      if (!r) throw new Error('roundGeometry: polygon collapsed when rounded to 6 decimals');
      return { ...g, coordinates: r };
    }
    case 'MultiPolygon': {
      const polys = g.coordinates.map((p) => roundPolygon(p)).filter((p): p is Position[][] => p !== null);
      if (polys.length === 0) throw new Error('roundGeometry: multipolygon collapsed when rounded to 6 decimals');
      return { ...g, coordinates: polys };
    }
    default:
      return g;
  }
}

/** Turn polyclip output into the simplest GeoJSON geometry; null when empty. */
export function fromMulti(multi: Position[][][]): Polygon | MultiPolygon | null {
  if (multi.length === 0) return null;
  if (multi.length === 1) return { type: 'Polygon', coordinates: multi[0] };
  return { type: 'MultiPolygon', coordinates: multi };
}

export function polygonsOf(g: Polygon | MultiPolygon): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

// Boolean operations go through @turf/turf (polyclip-ts inside): exact and robust, but slow, so callers keep inputs small.
const asFeature = (g: Polygon | MultiPolygon) => turf.feature(g);
export function intersect(a: Polygon | MultiPolygon, b: Polygon | MultiPolygon): Polygon | MultiPolygon | null {
  return turf.intersect(turf.featureCollection([asFeature(a), asFeature(b)]))?.geometry ?? null;
}
export function union(parts: (Polygon | MultiPolygon)[]): Polygon | MultiPolygon | null {
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0];
  return turf.union(turf.featureCollection(parts.map(asFeature)))?.geometry ?? null;
}
export function difference(a: Polygon | MultiPolygon, b: (Polygon | MultiPolygon)[]): Polygon | MultiPolygon | null {
  if (b.length === 0) return a;
  return turf.difference(turf.featureCollection([asFeature(a), ...b.map(asFeature)]))?.geometry ?? null;
}

/** Largest polygon of a (Multi)Polygon by ellipsoidal area. */
export function largestPart(g: Polygon | MultiPolygon): Polygon {
  if (g.type === 'Polygon') return g;
  let best = g.coordinates[0];
  let bestArea = -1;
  for (const rings of g.coordinates) {
    const a = geodesicArea({ type: 'Polygon', coordinates: rings });
    if (a > bestArea) [best, bestArea] = [rings, a];
  }
  return { type: 'Polygon', coordinates: best };
}

export function bboxOf(rings: Position[][] | Position[][][]): [number, number, number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (p: Position) => {
    if (p[0] < x0) x0 = p[0];
    if (p[1] < y0) y0 = p[1];
    if (p[0] > x1) x1 = p[0];
    if (p[1] > y1) y1 = p[1];
  };
  for (const a of rings as unknown[]) {
    for (const b of a as unknown[]) {
      if (typeof (b as Position)[0] === 'number') visit(b as Position);
      else for (const c of b as Position[]) visit(c);
    }
  }
  return [x0, y0, x1, y1];
}

/** Even–odd point-in-polygon over all rings of all parts (holes handled by parity). */
export function pointInPolygon(p: Position, g: Polygon | MultiPolygon): boolean {
  let inside = false;
  for (const rings of polygonsOf(g)) {
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}

/** A closed ring approximating a circle-ish blob of radius r metres, wobbled by a smooth random function. */
export function blob(proj: LocalProjection, centre: Position, radiusM: number, wobble: (angle: number) => number, n = 28, aspect = 1, rotation = 0): Position[] {
  const [cx, cy] = proj.toXY(centre);
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const r = radiusM * wobble(a);
    const [ux, uy] = [Math.cos(a) * r * aspect, Math.sin(a) * r];
    const x = cx + ux * Math.cos(rotation) - uy * Math.sin(rotation);
    const y = cy + ux * Math.sin(rotation) + uy * Math.cos(rotation);
    ring.push(proj.toLonLat(x, y));
  }
  ring.push([ring[0][0], ring[0][1]]);
  return ring;
}
