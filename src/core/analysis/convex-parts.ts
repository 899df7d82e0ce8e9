// A site cut into convex parts (itself when convex, else ear-clipped triangles), and what other polygons leave inside
// or outside those parts, as geometry for the map highlight and areas for the siting rules. Sutherland–Hodgman against
// a convex part is exact for the area of any subject, holes included (a hole clipped the same way is subtracted), so the
// overlap with a large non-convex layer polygon (a 三区三线 polygon of thousands of vertices, with holes) costs one linear
// pass per part, where turf's general clipper took tens of milliseconds per polygon here (clip.ts).
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { bboxOf, type BBox } from '../geo/positions.ts';
import type { Areal } from './clip.ts';
import { clipRingConvex, convexOrientation, triangulate } from './convex-clip.ts';

/** Larger non-convex rings are not triangulated (ear clipping is quadratic): callers fall back to turf. */
const MAX_TRIANGULATED = 400;

/** Pieces thinner than this (degree², ~0.1 m²) are the slivers that shared edges leave: not kept. */
const SLIVER = 1e-11;

export interface ConvexPart {
  /** Closed ring. */
  ring: Position[];
  /** +1 counter-clockwise, −1 clockwise (convexOrientation). */
  sign: number;
  box: BBox;
}

const cross = (o: Position, a: Position, b: Position) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

function planarArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return Math.abs(s / 2);
}

const boxOfRing = (ring: Position[]): BBox => bboxOf({ type: 'LineString', coordinates: ring })!;
const boxesMeet = (a: BBox, b: BBox) => !(b[0] > a[2] || b[2] < a[0] || b[1] > a[3] || b[3] < a[1]);
const part = (ring: Position[], sign: number): ConvexPart => ({ ring, sign, box: boxOfRing(ring) });

/** Convex parts of a (Multi)Polygon without holes; null for holes or a very large non-convex ring (use turf then). */
export function convexParts(g: Areal): ConvexPart[] | null {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const out: ConvexPart[] = [];
  for (const rings of polygons) {
    if (rings.length !== 1) return null;
    const ring = rings[0];
    const sign = convexOrientation(ring);
    if (sign !== 0) {
      out.push(part(ring, sign));
      continue;
    }
    if (ring.length > MAX_TRIANGULATED) return null;
    const triangles = triangulate(ring);
    if (!triangles) return null;
    for (const t of triangles) {
      const s = convexOrientation(t);
      if (s !== 0) out.push(part(t, s));
    }
  }
  return out;
}

/** Convex pieces of a polygon to subtract (its triangles when not convex); holes are not subtracted. */
export function convexPiecesOf(g: Areal): ConvexPart[] {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const out: ConvexPart[] = [];
  for (const rings of polygons) {
    const ring = rings[0];
    if (!ring) continue;
    const sign = convexOrientation(ring);
    if (sign !== 0) out.push(part(ring, sign));
    else for (const t of triangulate(ring) ?? []) { const s = convexOrientation(t); if (s !== 0) out.push(part(t, s)); }
  }
  return out;
}

/** The part of `other` inside the parts: one polygon (outer ring and holes, clipped) per part and polygon of `other`. */
export function clipToParts(parts: readonly ConvexPart[], other: Areal, otherBox: BBox | null = bboxOf(other)): Polygon[] {
  if (!otherBox) return [];
  const polygons = other.type === 'Polygon' ? [other.coordinates] : other.coordinates;
  const out: Polygon[] = [];
  for (const p of parts) {
    if (!boxesMeet(p.box, otherBox)) continue;
    for (const rings of polygons) {
      if (!rings[0]) continue;
      const outer = clipRingConvex(rings[0], p.ring, p.sign);
      if (outer.length === 0 || planarArea(outer) < SLIVER) continue;
      const holes = rings.slice(1).map((h) => clipRingConvex(h, p.ring, p.sign)).filter((h) => h.length > 0 && planarArea(h) >= SLIVER);
      out.push({ type: 'Polygon', coordinates: [outer, ...holes] });
    }
  }
  return out;
}

/** The part of a convex ring on one side of the line p→q (inside = the side `sign` calls inside). */
function halfPlane(ring: Position[], p: Position, q: Position, sign: number, inside: boolean): Position[] {
  const s = inside ? sign : -sign;
  const n = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1] ? ring.length - 1 : ring.length;
  const out: Position[] = [];
  for (let j = 0; j < n; j++) {
    const a = ring[j], b = ring[(j + 1) % n];
    const da = s * cross(p, q, a), db = s * cross(p, q, b);
    if (da >= 0) out.push(a);
    if ((da >= 0) !== (db >= 0) && da !== db) {
      const t = da / (da - db);
      out.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
    }
  }
  return out.length >= 3 ? [...out, out[0]] : [];
}

/** A convex ring less a convex ring: disjoint convex pieces (outside edge 1, then inside 1 and outside 2, …). */
function subtractOne(piece: Position[], clip: ConvexPart): Position[][] {
  const c = clip.ring;
  const n = c.length - 1;
  const out: Position[][] = [];
  let rest = piece;
  for (let i = 0; i < n && rest.length > 0; i++) {
    const outside = halfPlane(rest, c[i], c[i + 1], clip.sign, false);
    if (outside.length > 0 && planarArea(outside) >= SLIVER) out.push(outside);
    rest = halfPlane(rest, c[i], c[i + 1], clip.sign, true);
  }
  return out;
}

/**
 * The parts less every convex piece in `holes`, as disjoint convex rings: what a site keeps outside the stands, for
 * instance. Pieces only split where a hole meets them, so a site over dozens of stands gives tens of pieces.
 */
export function subtractFromParts(parts: readonly ConvexPart[], holes: readonly ConvexPart[]): Position[][] {
  let pieces = parts.map((p) => ({ ring: p.ring, box: p.box }));
  for (const h of holes) {
    const next: { ring: Position[]; box: BBox }[] = [];
    for (const p of pieces) {
      if (!boxesMeet(p.box, h.box)) {
        next.push(p);
        continue;
      }
      for (const r of subtractOne(p.ring, h)) next.push({ ring: r, box: boxOfRing(r) });
    }
    pieces = next;
  }
  return pieces.map((p) => p.ring);
}

/** Pieces as one MultiPolygon (null when there are none), for a map layer. */
export function asMultiPolygon(pieces: readonly (Polygon | Position[])[]): MultiPolygon | null {
  if (pieces.length === 0) return null;
  return { type: 'MultiPolygon', coordinates: pieces.map((p) => (Array.isArray(p) ? [p] : p.coordinates)) };
}
