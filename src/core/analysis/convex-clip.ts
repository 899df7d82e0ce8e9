// Clipping by a convex polygon (Sutherland–Hodgman), for the common case: 97 % of the sample stands are convex
// Voronoi cells. It is exact for the area of any subject polygon, convex or not: where the clipped part falls into
// pieces, they come out joined by zero-width bridges along the clip edges, and a bridge walked out and back adds no
// area. About 10× cheaper than a general polygon clipper for parcels of tens of vertices.
import type { Position } from 'geojson';

const cross = (o: Position, a: Position, b: Position) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/** Distinct vertices of a ring (the closing repeat of the first vertex dropped). */
function open(ring: Position[]): Position[] {
  const n = ring.length;
  return n > 1 && ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1] ? ring.slice(0, -1) : ring;
}

/** +1 for a convex counter-clockwise ring, −1 for convex clockwise, 0 when not convex (or degenerate). */
export function convexOrientation(ring: Position[]): number {
  const r = open(ring);
  const m = r.length;
  if (m < 3) return 0;
  let pos = 0, neg = 0;
  for (let i = 0; i < m; i++) {
    const c = cross(r[i], r[(i + 1) % m], r[(i + 2) % m]);
    if (c > 0) pos++;
    else if (c < 0) neg++;
    if (pos && neg) return 0;
  }
  return pos ? 1 : neg ? -1 : 0;
}

/** The part of `subject` (a ring) inside the convex ring `clip` of orientation `sign`; closed ring, or [] when empty. */
export function clipRingConvex(subject: Position[], clip: Position[], sign: number): Position[] {
  let out = open(subject);
  const c = open(clip);
  for (let i = 0; i < c.length && out.length > 0; i++) {
    const p = c[i], q = c[(i + 1) % c.length];
    const input = out;
    out = [];
    for (let j = 0; j < input.length; j++) {
      const a = input[j], b = input[(j + 1) % input.length];
      const da = sign * cross(p, q, a), db = sign * cross(p, q, b);
      if (da >= 0) out.push(a);
      if ((da >= 0) !== (db >= 0) && da !== db) {
        const t = da / (da - db);
        out.push([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
      }
    }
  }
  return out.length >= 3 ? [...out, out[0]] : [];
}

/** Inside or within `eps` of the triangle: a vertex lying on an ear's edge (a zero-width spike) blocks the ear. */
const inTriangle = (p: Position, a: Position, b: Position, c: Position, sign: number, eps: number) =>
  sign * cross(a, b, p) >= -eps && sign * cross(b, c, p) >= -eps && sign * cross(c, a, p) >= -eps;

/**
 * Ear-clipping triangulation of a simple ring (no holes), for cutting a non-convex feature into convex pieces that
 * clipRingConvex can use. Returns null when no ear is found (a ring that is not simple), so callers can fall back.
 */
export function triangulate(ring: Position[]): Position[][] | null {
  const r = open(ring);
  let twice = 0;
  for (let i = 1; i < r.length - 1; i++) twice += cross(r[0], r[i], r[i + 1]); // about r[0]: no cancellation
  const sign = Math.sign(twice);
  if (sign === 0) return null;
  const eps = Math.abs(twice) * 1e-9;
  const idx = r.map((_, i) => i);
  const out: Position[][] = [];
  let guard = 0;
  while (idx.length > 3) {
    if (++guard > 4 * r.length * r.length) return null;
    let cut = false;
    for (let k = 0; k < idx.length; k++) {
      const a = r[idx[(k + idx.length - 1) % idx.length]], b = r[idx[k]], c = r[idx[(k + 1) % idx.length]];
      const turn = sign * cross(a, b, c);
      if (turn === 0) { idx.splice(k, 1); cut = true; break; } // collinear: dropping b leaves the same shape
      if (turn < 0) continue; // reflex vertex
      let blocked = false;
      for (const j of idx) {
        const p = r[j];
        if (p === a || p === b || p === c) continue;
        if (inTriangle(p, a, b, c, sign, eps)) { blocked = true; break; }
      }
      if (blocked) continue;
      out.push([a, b, c, a]);
      idx.splice(k, 1);
      cut = true;
      break;
    }
    if (!cut) return null;
  }
  if (idx.length === 3) {
    const [a, b, c] = idx.map((i) => r[i]);
    if (cross(a, b, c) !== 0) out.push([a, b, c, a]);
  }
  // The pieces must tile the ring exactly; if rounding let an ear overlap, give up rather than over-count.
  let sum = 0;
  for (const t of out) sum += Math.abs(cross(t[0], t[1], t[2]));
  return Math.abs(sum - Math.abs(twice)) <= Math.abs(twice) * 1e-9 ? out : null;
}
