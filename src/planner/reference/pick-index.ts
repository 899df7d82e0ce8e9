// The index a reference layer is picked through: a flatbush over the features' boxes, then an exact test — inside a
// polygon (even-odd over all rings, so holes are outside), or within `tolerance` degrees of a line or point. Built in
// the planner worker; the original (unclipped, unsimplified) geometry comes back, so a picked feature becomes a site
// exactly as it was in the file. Pure: no DOM.
import Flatbush from 'flatbush';
import type { Feature, Geometry, Position } from 'geojson';
import { bboxOf } from '../../core/geo/positions.ts';

export interface PickIndex {
  features: Feature<Geometry>[];
  tree: Flatbush | null;
}

export function buildPickIndex(features: Feature<Geometry | null>[]): PickIndex {
  const usable = features.filter((f): f is Feature<Geometry> => !!f.geometry);
  if (usable.length === 0) return { features: usable, tree: null };
  const tree = new Flatbush(usable.length);
  for (const f of usable) {
    const b = bboxOf(f.geometry) ?? [0, 0, 0, 0];
    tree.add(b[0], b[1], b[2], b[3]);
  }
  tree.finish();
  return { features: usable, tree };
}

function inRing(ring: Position[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function nearLine(line: Position[], x: number, y: number, tol: number): boolean {
  for (let i = 0; i + 1 < line.length; i++) {
    const [ax, ay] = line[i];
    const [bx, by] = line[i + 1];
    const dx = bx - ax, dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2)) : 0;
    if (Math.hypot(ax + t * dx - x, ay + t * dy - y) <= tol) return true;
  }
  return line.length === 1 && Math.hypot(line[0][0] - x, line[0][1] - y) <= tol;
}

export function hits(g: Geometry, x: number, y: number, tol: number): boolean {
  switch (g.type) {
    case 'Polygon': return g.coordinates.reduce((acc, r) => (inRing(r, x, y) ? !acc : acc), false);
    case 'MultiPolygon': return g.coordinates.some((p) => p.reduce((acc, r) => (inRing(r, x, y) ? !acc : acc), false));
    case 'LineString': return nearLine(g.coordinates, x, y, tol);
    case 'MultiLineString': return g.coordinates.some((l) => nearLine(l, x, y, tol));
    case 'Point': return nearLine([g.coordinates], x, y, tol);
    case 'MultiPoint': return g.coordinates.some((p) => nearLine([p], x, y, tol));
    case 'GeometryCollection': return g.geometries.some((c) => hits(c, x, y, tol));
  }
}

/** Indexes (into index.features) of the features at lon/lat, smallest box first (the most specific on top). */
export function pickAt(index: PickIndex, lon: number, lat: number, tolerance: number, max = 5): number[] {
  if (!index.tree) return [];
  const found = index.tree.search(lon - tolerance, lat - tolerance, lon + tolerance, lat + tolerance)
    .filter((i) => hits(index.features[i].geometry, lon, lat, tolerance));
  const size = (i: number) => { const b = bboxOf(index.features[i].geometry)!; return (b[2] - b[0]) * (b[3] - b[1]); };
  return found.sort((a, b) => size(a) - size(b)).slice(0, max);
}

type Box = [number, number, number, number];

const inBox = (p: Position, b: Box) => p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3];

/** Whether segment p–q crosses segment r–s (proper or touching). */
function segmentsMeet(p: Position, q: Position, r: Position, s: Position): boolean {
  const o = (a: Position, b: Position, c: Position) => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
  const [o1, o2, o3, o4] = [o(p, q, r), o(p, q, s), o(r, s, p), o(r, s, q)];
  return o1 !== o2 && o3 !== o4;
}

function pathMeetsBox(path: Position[], b: Box): boolean {
  if (path.some((p) => inBox(p, b))) return true;
  const corners: Position[] = [[b[0], b[1]], [b[2], b[1]], [b[2], b[3]], [b[0], b[3]]];
  for (let i = 0; i + 1 < path.length; i++) {
    for (let k = 0; k < 4; k++) if (segmentsMeet(path[i], path[i + 1], corners[k], corners[(k + 1) % 4])) return true;
  }
  return false;
}

/** Whether a geometry meets (touches or overlaps) the lon/lat box. */
export function meetsBox(g: Geometry, b: Box): boolean {
  switch (g.type) {
    case 'Point': return inBox(g.coordinates, b);
    case 'MultiPoint': return g.coordinates.some((p) => inBox(p, b));
    case 'LineString': return pathMeetsBox(g.coordinates, b);
    case 'MultiLineString': return g.coordinates.some((l) => pathMeetsBox(l, b));
    case 'Polygon': return g.coordinates.some((r) => pathMeetsBox(r, b)) || hits(g, b[0], b[1], 0);
    case 'MultiPolygon': return g.coordinates.some((poly) => poly.some((r) => pathMeetsBox(r, b)) || hits({ type: 'Polygon', coordinates: poly }, b[0], b[1], 0));
    case 'GeometryCollection': return g.geometries.some((c) => meetsBox(c, b));
  }
}

/** Indexes of the features meeting the box (a box drawn on the map: the stands it touches), in file order. */
export function pickInBox(index: PickIndex, b: Box): number[] {
  if (!index.tree) return [];
  return index.tree.search(b[0], b[1], b[2], b[3]).filter((i) => meetsBox(index.features[i].geometry, b)).sort((x, y) => x - y);
}
