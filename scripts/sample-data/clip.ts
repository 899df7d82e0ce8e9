// Clipping a township against a convex Voronoi cell. polyclip-ts is exact but costs ~1.5 ms per call here (it uses
// big-number arithmetic), too slow for thousands of boundary cells, so the common case uses Sutherland–Hodgman (exact
// when the result is one simple ring) and falls back to polyclip when the result touches itself, or comes close enough
// to doing so that rounding to 6 decimals could make it.
import type { Polygon, MultiPolygon, Position } from 'geojson';
import { bboxClip } from '@turf/turf';
import { intersect, polygonsOf, largestPart, cleanRing, bboxOf, fromMulti } from './geom.ts';

/** Orientation sign of the convex ring (1 = counter-clockwise). */
function orientation(ring: Position[]): number {
  let s = 0;
  for (let i = 1; i < ring.length; i++) s += (ring[i][0] - ring[i - 1][0]) * (ring[i][1] + ring[i - 1][1]);
  return s < 0 ? 1 : -1;
}

/** Sutherland–Hodgman: subject ring (any shape) against a convex clip ring. */
export function clipRingConvex(subject: Position[], convex: Position[]): Position[] {
  const sign = orientation(convex);
  let output = subject.slice(0, -1);
  for (let e = 0; e + 1 < convex.length && output.length > 0; e++) {
    const [a, b] = [convex[e], convex[e + 1]];
    const input = output;
    output = [];
    for (let i = 0; i < input.length; i++) {
      const cur = input[i];
      const prev = input[(i + input.length - 1) % input.length];
      const sc = sign * ((b[0] - a[0]) * (cur[1] - a[1]) - (b[1] - a[1]) * (cur[0] - a[0]));
      const sp = sign * ((b[0] - a[0]) * (prev[1] - a[1]) - (b[1] - a[1]) * (prev[0] - a[0]));
      if (sc >= 0) {
        if (sp < 0) output.push(cross(prev, cur, sp, sc));
        output.push(cur);
      } else if (sp >= 0) output.push(cross(prev, cur, sp, sc));
    }
  }
  if (output.length < 3) return [];
  return [...output, output[0]];
}

function cross(p: Position, q: Position, sp: number, sq: number): Position {
  const t = sp / (sp - sq);
  return [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
}

function orient(p: Position, q: Position, r: Position): number {
  return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
}

function onSegment(p: Position, q: Position, r: Position): boolean {
  return Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);
}

function segmentsTouch(a: Position, b: Position, c: Position, d: Position): boolean {
  if (Math.max(a[0], b[0]) < Math.min(c[0], d[0]) || Math.max(c[0], d[0]) < Math.min(a[0], b[0])) return false;
  if (Math.max(a[1], b[1]) < Math.min(c[1], d[1]) || Math.max(c[1], d[1]) < Math.min(a[1], b[1])) return false;
  const o = orient;
  const on = onSegment;
  const [d1, d2, d3, d4] = [o(c, d, a), o(c, d, b), o(a, b, c), o(a, b, d)];
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return (d1 === 0 && on(c, d, a)) || (d2 === 0 && on(c, d, b)) || (d3 === 0 && on(a, b, c)) || (d4 === 0 && on(a, b, d));
}

/** Squared distance from r to the segment p–q. */
function distance2ToSegment(p: Position, q: Position, r: Position): number {
  const [dx, dy] = [q[0] - p[0], q[1] - p[1]];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((r[0] - p[0]) * dx + (r[1] - p[1]) * dy) / len2));
  const [ex, ey] = [p[0] + t * dx - r[0], p[1] + t * dy - r[1]];
  return ex * ex + ey * ey;
}

/**
 * How close (in degrees) a vertex may come to an edge it is not an end of. Rounding to 6 decimals moves each end of an
 * edge and the vertex by up to 0.71e-6°, so anything nearer than this can cross once written.
 */
export const SIMPLE_MARGIN_DEG = 2e-6;

/**
 * True when the closed ring is simple with a margin: no two non-adjacent edges touch, and no vertex lies within
 * `margin` of an edge it is not an end of — neighbouring edges included, so a spike doubling back is caught.
 * The margin is what matters here: where the region is concave, Sutherland–Hodgman joins the pieces with zero-width
 * bridges running back and forth along a clip edge, and its computed points sit a rounding error off that edge, so an
 * exact test passes them and the 6-decimal rounding later turns them into real self-intersections.
 */
export function isSimpleRing(ring: Position[], margin = SIMPLE_MARGIN_DEG): boolean {
  const n = ring.length - 1;
  const m2 = margin * margin;
  const near = (p: Position, q: Position, r: Position) => distance2ToSegment(p, q, r) < m2;
  for (let i = 0; i < n; i++) {
    const [a, b] = [ring[i], ring[i + 1]];
    for (let j = i + 1; j < n; j++) {
      const [c, d] = [ring[j], ring[j + 1]];
      if (j === i + 1) {
        // Shared vertex b = c: the far ends must stay off the other edge.
        if (near(c, d, a) || near(a, b, d)) return false;
      } else if (i === 0 && j === n - 1) {
        // Shared vertex a = d (the closing point).
        if (near(c, d, b) || near(a, b, c)) return false;
      } else if (segmentsTouch(a, b, c, d) || near(c, d, a) || near(c, d, b) || near(a, b, c) || near(a, b, d)) return false;
    }
  }
  return true;
}

/**
 * The largest piece of (region ∩ convex cell), as a simple polygon, or null when they do not overlap.
 * `region` must have no holes (townships have none).
 */
export function clipToRegion(cell: Position[], region: Polygon | MultiPolygon): Polygon | null {
  const pieces: Position[][] = [];
  for (const rings of polygonsOf(region)) {
    if (rings.length > 1) return fallback(cell, region);
    const out = clipRingConvex(rings[0], cell);
    if (out.length === 0) continue;
    const clean = cleanRing(out);
    if (!clean) continue;
    if (!isSimpleRing(clean)) return fallback(cell, region);
    pieces.push(clean);
  }
  if (pieces.length === 0) return null;
  if (pieces.length === 1) return { type: 'Polygon', coordinates: [pieces[0]] };
  return largestPart({ type: 'MultiPolygon', coordinates: pieces.map((r) => [r]) });
}

function fallback(cell: Position[], region: Polygon | MultiPolygon): Polygon | null {
  // Cut the (large) region down to the cell's neighbourhood first; bboxClip's own bridges lie on the padded box, outside
  // the cell, so they never reach the result.
  const [x0, y0, x1, y1] = bboxOf([cell]);
  const pad = Math.max(x1 - x0, y1 - y0) * 0.1;
  const near = bboxClip(region, [x0 - pad, y0 - pad, x1 + pad, y1 + pad]).geometry as Polygon | MultiPolygon;
  const parts = polygonsOf(near)
    .map((rings) => rings.filter((r) => r.length >= 4))
    .filter((rings) => rings.length > 0);
  const local = fromMulti(parts);
  if (!local) return null;
  const g = intersect({ type: 'Polygon', coordinates: [cell] }, local);
  return g ? largestPart(g) : null;
}

/** Every piece of (region ∩ convex cell); used for the 25 township cells, where no piece may be dropped. */
export function clipToRegionAll(cell: Position[], region: Polygon | MultiPolygon): Polygon | MultiPolygon | null {
  const pieces: Position[][][] = [];
  for (const rings of polygonsOf(region)) {
    const out = rings.length === 1 ? clipRingConvex(rings[0], cell) : null;
    const clean = out && out.length > 0 ? cleanRing(out) : null;
    if (out && out.length === 0) continue;
    if (!clean || !isSimpleRing(clean)) return intersect({ type: 'Polygon', coordinates: [cell] }, region);
    pieces.push([clean]);
  }
  return fromMulti(pieces);
}
