// Geometry checks and the few repairs that cannot change what a planner meant: closing a ring, dropping a
// repeated vertex, removing a zero-area spike, reversing a ring's winding to RFC 7946. Anything else (self-intersections, rings too short,
// coordinates out of range) is refused with a reason, never "fixed" by guessing.
import type { Geometry, Position } from 'geojson';
import { eachPath } from './positions.ts';

export interface GeometryCheck {
  /** The repaired geometry (new arrays; the input is not modified). Undefined when `error` is set. */
  geometry?: Geometry | null;
  /** What was repaired, in words. */
  fixes: string[];
  /** Why the geometry cannot be used. */
  error?: string;
}

class Invalid extends Error {}

const fmt = (p: Position) => `(${p[0]}, ${p[1]})`;

function checkPosition(p: Position, where: string): void {
  if (!Array.isArray(p) || p.length < 2) throw new Invalid(`${where}: a position needs two numbers`);
  const [x, y] = p;
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
    throw new Invalid(`${where}: coordinate ${fmt(p)} is not a finite number`);
  }
  if (x < -180 || x > 180 || y < -90 || y > 90) {
    throw new Invalid(`${where}: coordinate ${fmt(p)} is out of range (lon -180…180, lat -90…90)`);
  }
}

const samePoint = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

function dropRepeats(line: Position[], where: string, fixes: string[]): Position[] {
  const out: Position[] = [];
  for (const p of line) if (out.length === 0 || !samePoint(out[out.length - 1], p)) out.push(p);
  const removed = line.length - out.length;
  if (removed > 0) fixes.push(`${where}: removed ${removed} repeated point${removed > 1 ? 's' : ''}`);
  return out;
}

/** Twice the planar signed area in lon/lat: > 0 for counter-clockwise. Enough to tell the winding. */
export function signedArea2(ring: Position[]): number {
  let s = 0;
  for (let i = 0, n = ring.length - 1; i < n; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s;
}

/**
 * True when the path a → b → c runs out to b and straight back (c on the line a–b, heading back): b is the tip of a
 * zero-area spike. The angle test is relative (sin of the turn ≤ 1e-9), so float noise from reprojection still counts.
 */
function isSpikeTip(a: Position, b: Position, c: Position): boolean {
  const ux = b[0] - a[0];
  const uy = b[1] - a[1];
  const vx = c[0] - b[0];
  const vy = c[1] - b[1];
  const cross = ux * vy - uy * vx;
  const dot = ux * vx + uy * vy;
  return dot < 0 && Math.abs(cross) <= 1e-9 * Math.hypot(ux, uy) * Math.hypot(vx, vy);
}

/**
 * Remove zero-area spikes (an edge that runs out and straight back) from a closed ring, repeatedly, as they can nest.
 * Only area-free vertices go, so the polygon's area and every other vertex are unchanged.
 */
function dropSpikes(ring: Position[], where: string, fixes: string[]): Position[] {
  const pts = ring.slice(0, -1);
  let removed = 0;
  for (let changed = true; changed && pts.length >= 3;) {
    changed = false;
    for (let i = 0; i < pts.length && pts.length >= 3; i++) {
      const n = pts.length;
      const a = pts[(i - 1 + n) % n];
      const c = pts[(i + 1) % n];
      if (!isSpikeTip(a, pts[i], c)) continue;
      pts.splice(i, 1);
      removed++;
      changed = true;
      // the spike's base may now be a repeated point (a = c): drop it too
      const j = i % pts.length;
      const prev = (j - 1 + pts.length) % pts.length;
      if (pts.length > 1 && samePoint(pts[prev], pts[j])) pts.splice(j, 1);
      i = Math.max(-1, i - 2);
    }
  }
  if (removed === 0) return ring;
  fixes.push(`${where}: removed ${removed} zero-area spike${removed > 1 ? 's' : ''} (an edge running out and straight back)`);
  if (pts.length < 3) throw new Invalid(`${where}: the ring has no area (all points on a line)`);
  return [...pts, pts[0]];
}

function repairRing(input: Position[], where: string, fixes: string[]): Position[] {
  if (!Array.isArray(input)) throw new Invalid(`${where}: not a list of positions`);
  input.forEach((p, i) => checkPosition(p, `${where}, vertex ${i}`));
  let ring = dropRepeats(input, where, fixes);
  if (ring.length > 1 && !samePoint(ring[0], ring[ring.length - 1])) {
    ring = [...ring, ring[0]];
    fixes.push(`${where}: closed the ring`);
  }
  if (ring.length < 4) throw new Invalid(`${where}: a ring needs at least 4 positions, has ${ring.length}`);
  return dropSpikes(ring, where, fixes);
}

function orientRing(ring: Position[], outer: boolean, where: string, fixes: string[]): Position[] {
  const area = signedArea2(ring);
  if (area === 0) throw new Invalid(`${where}: the ring has no area (all points on a line)`);
  if (outer !== area > 0) {
    ring = [...ring].reverse();
    fixes.push(`${where}: reversed the winding (RFC 7946: outer rings counter-clockwise, holes clockwise)`);
  }
  return ring;
}

export interface Crossing {
  ring: number;
  segment: number;
  otherRing: number;
  otherSegment: number;
  at: Position;
}

interface Segment {
  ring: number;
  i: number;
  a: Position;
  b: Position;
  minX: number;
  maxX: number;
}

const orient = (a: Position, b: Position, c: Position) => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));

/** Where two segments cross or overlap along a line; touching at a single point is allowed. */
function crossing(s: Segment, t: Segment): Position | undefined {
  const o1 = orient(s.a, s.b, t.a), o2 = orient(s.a, s.b, t.b), o3 = orient(t.a, t.b, s.a), o4 = orient(t.a, t.b, s.b);
  if (o1 * o2 < 0 && o3 * o4 < 0) {
    const dx1 = s.b[0] - s.a[0], dy1 = s.b[1] - s.a[1], dx2 = t.b[0] - t.a[0], dy2 = t.b[1] - t.a[1];
    const u = ((t.a[0] - s.a[0]) * dy2 - (t.a[1] - s.a[1]) * dx2) / (dx1 * dy2 - dy1 * dx2);
    return [s.a[0] + u * dx1, s.a[1] + u * dy1];
  }
  if (o1 === 0 && o2 === 0 && o3 === 0 && o4 === 0) {
    // Collinear: overlap of positive length along the dominant axis.
    const axis = Math.abs(s.b[0] - s.a[0]) >= Math.abs(s.b[1] - s.a[1]) ? 0 : 1;
    const lo = Math.max(Math.min(s.a[axis], s.b[axis]), Math.min(t.a[axis], t.b[axis]));
    const hi = Math.min(Math.max(s.a[axis], s.b[axis]), Math.max(t.a[axis], t.b[axis]));
    if (hi > lo) return [...(s.a[axis] === lo || s.b[axis] === lo ? (s.a[axis] === lo ? s.a : s.b) : (t.a[axis] === lo ? t.a : t.b))];
  }
  return undefined;
}

/**
 * First crossing between edges of a polygon's rings (same ring or different rings), by a sweep over x.
 * Neighbouring edges share a vertex, which is a touch, not a crossing; they are still tested because an edge
 * doubling back on its neighbour (a spike) overlaps it.
 */
export function findCrossing(rings: Position[][]): Crossing | undefined {
  const segs: Segment[] = [];
  rings.forEach((ring, r) => {
    for (let i = 0; i < ring.length - 1; i++) {
      const a = ring[i], b = ring[i + 1];
      segs.push({ ring: r, i, a, b, minX: Math.min(a[0], b[0]), maxX: Math.max(a[0], b[0]) });
    }
  });
  segs.sort((p, q) => p.minX - q.minX);
  let active: Segment[] = [];
  for (const s of segs) {
    active = active.filter((t) => t.maxX >= s.minX);
    const sMinY = Math.min(s.a[1], s.b[1]), sMaxY = Math.max(s.a[1], s.b[1]);
    for (const t of active) {
      if (Math.max(t.a[1], t.b[1]) < sMinY || Math.min(t.a[1], t.b[1]) > sMaxY) continue;
      const at = crossing(s, t);
      if (at) {
        const [first, second] = s.ring < t.ring || (s.ring === t.ring && s.i < t.i) ? [s, t] : [t, s];
        return { ring: first.ring, segment: first.i, otherRing: second.ring, otherSegment: second.i, at };
      }
    }
    active.push(s);
  }
  return undefined;
}

function repairPolygon(rings: Position[][], where: string, fixes: string[]): Position[][] {
  if (!Array.isArray(rings) || rings.length === 0) throw new Invalid(`${where}: polygon has no rings`);
  const ringName = (r: number) => (r === 0 ? `${where}outer ring` : `${where}hole ${r}`);
  const closed = rings.map((ring, r) => repairRing(ring, ringName(r), fixes));
  // Crossings first: a bow-tie has zero net area and would otherwise be misreported as degenerate.
  const c = findCrossing(closed);
  if (c) {
    const bare = (r: number) => (r === 0 ? 'outer ring' : `hole ${r}`);
    throw new Invalid(
      `${where}self-intersection: edge ${c.segment} of ${bare(c.ring)} crosses edge ${c.otherSegment} of ` +
        `${bare(c.otherRing)} at ${fmt(c.at)}`,
    );
  }
  return closed.map((ring, r) => orientRing(ring, r === 0, ringName(r), fixes));
}

function repairLine(line: Position[], where: string, fixes: string[]): Position[] {
  if (!Array.isArray(line)) throw new Invalid(`${where}: not a list of positions`);
  line.forEach((p, i) => checkPosition(p, `${where}, vertex ${i}`));
  const out = dropRepeats(line, where, fixes);
  if (out.length < 2) throw new Invalid(`${where}: a line needs at least 2 distinct positions, has ${out.length}`);
  return out;
}

function repair(g: Geometry, fixes: string[], depth: number): Geometry {
  switch (g.type) {
    case 'Point':
      checkPosition(g.coordinates, 'point');
      return g;
    case 'MultiPoint':
      g.coordinates.forEach((p, i) => checkPosition(p, `point ${i}`));
      if (g.coordinates.length === 0) throw new Invalid('empty MultiPoint');
      return g;
    case 'LineString':
      return { ...g, coordinates: repairLine(g.coordinates, 'line', fixes) };
    case 'MultiLineString':
      if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) throw new Invalid('empty MultiLineString');
      return { ...g, coordinates: g.coordinates.map((l, i) => repairLine(l, `line ${i}`, fixes)) };
    case 'Polygon':
      return { ...g, coordinates: repairPolygon(g.coordinates, '', fixes) };
    case 'MultiPolygon':
      if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) throw new Invalid('empty MultiPolygon');
      return { ...g, coordinates: g.coordinates.map((p, i) => repairPolygon(p, `part ${i} `, fixes)) };
    case 'GeometryCollection':
      if (depth > 8) throw new Invalid('GeometryCollection nested too deeply');
      return { ...g, geometries: g.geometries.map((x) => repair(x, fixes, depth + 1)) };
    default:
      throw new Invalid(`unknown geometry type "${(g as { type?: unknown }).type}"`);
  }
}

/** Check a lon/lat geometry, apply the safe repairs, or say why it cannot be used. */
export function checkGeometry(geometry: Geometry | null | undefined): GeometryCheck {
  if (geometry === null || geometry === undefined) return { geometry: null, fixes: [] };
  const fixes: string[] = [];
  try {
    return { geometry: repair(geometry, fixes, 0), fixes };
  } catch (e) {
    if (e instanceof Invalid) return { fixes, error: e.message };
    return { fixes, error: `malformed geometry (${e instanceof Error ? e.message : String(e)})` };
  }
}

/** Number of positions in a geometry, closing positions included (for the vertex limit). */
export function countPositions(g: Geometry | null | undefined): number {
  let n = 0;
  eachPath(g, (positions) => { n += positions.length; });
  return n;
}
