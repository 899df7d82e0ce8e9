// The convex-part clipping behind the siting rules against turf's general clipper (both measured with measure.ts): a
// large non-convex polygon with a hole inside non-convex sites, and a site less a tiling of stands.
import { describe, expect, it } from 'vitest';
import { difference, featureCollection, intersect } from '@turf/turf';
import type { Feature, Polygon, Position } from 'geojson';
import { geodesicArea } from '../geo/measure.ts';
import { mulberry32 } from '../random.ts';
import { asMultiPolygon, clipToParts, convexParts, convexPiecesOf, subtractFromParts } from './convex-parts.ts';

const P = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings });
const F = (g: Polygon): Feature<Polygon> => ({ type: 'Feature', geometry: g, properties: {} });
const area = (pieces: (Polygon | Position[])[]) => geodesicArea(asMultiPolygon(pieces));

function star(cx: number, cy: number, r: number, n: number, rand: () => number): Position[] {
  const pts = Array.from({ length: n }, (_, i) => {
    const a = (2 * Math.PI * i) / n, k = i % 2 ? 0.45 + 0.2 * rand() : 0.9 + 0.2 * rand();
    return [cx + r * k * Math.cos(a), cy + r * k * Math.sin(a)];
  });
  return [...pts, pts[0]];
}

/** A comb: a long non-convex outline of 2 × teeth + 2 vertices, with a square hole in its spine. */
function comb(teeth: number): Polygon {
  const ring: Position[] = [[115.3, 26.3]];
  for (let i = 0; i < teeth; i++) {
    const x = 115.3 + (i * 0.02) / teeth;
    ring.push([x, 26.31], [x + 0.01 / teeth, 26.31], [x + 0.01 / teeth, 26.302], [x + 0.02 / teeth, 26.302]);
  }
  ring.push([115.32, 26.3], [115.3, 26.3]);
  const hole = [[115.305, 26.3005], [115.305, 26.3015], [115.306, 26.3015], [115.306, 26.3005], [115.305, 26.3005]];
  return P(ring, hole);
}

describe('convex parts', () => {
  it('a convex site is one part; a non-convex one becomes triangles of the same area; holes give null', () => {
    const square = P([[115.3, 26.3], [115.31, 26.3], [115.31, 26.31], [115.3, 26.31], [115.3, 26.3]]);
    expect(convexParts(square)).toHaveLength(1);
    const rand = mulberry32(3);
    const s = P(star(115.305, 26.305, 0.004, 12, rand));
    const parts = convexParts(s)!;
    expect(parts.length).toBeGreaterThan(1);
    expect(area(parts.map((p) => p.ring))).toBeCloseTo(geodesicArea(s), 3);
    expect(convexParts(comb(3))).toBeNull();
  });

  it('clipToParts matches turf intersect for a large non-convex polygon with a hole', () => {
    const rand = mulberry32(17);
    const big = comb(150); // 604 vertices: turf needs tens of milliseconds for it, the parts a linear pass each
    for (let k = 0; k < 25; k++) {
      const site = P(star(115.3 + 0.02 * rand(), 26.3 + 0.01 * rand(), 0.001 + 0.004 * rand(), 8 + 2 * Math.floor(5 * rand()), rand));
      const ref = intersect(featureCollection([F(site), F(big)]));
      const refArea = ref ? geodesicArea(ref.geometry) : 0;
      const got = area(clipToParts(convexParts(site)!, big));
      // Both clip in lon/lat; the comb's 2 km base edge is split at different points by the two (parts' edges against
      // turf's), and a split geodesic edge measures a little differently: 50 ppm is decimetres on a parcel.
      expect(Math.abs(got - refArea)).toBeLessThanOrEqual(5e-5 * refArea + 0.05);
    }
  });

  it('subtractFromParts leaves the site less a tiling of stands, as turf difference does', () => {
    const rand = mulberry32(29);
    // A 4 × 3 grid of 0.002° stands with every other one missing, and two non-convex (L-shaped) stands.
    const stands: Polygon[] = [];
    for (let i = 0; i < 4; i++) for (let j = 0; j < 3; j++) {
      if ((i + j) % 2) continue;
      const x = 115.3 + 0.002 * i, y = 26.3 + 0.002 * j;
      stands.push(P([[x, y], [x + 0.002, y], [x + 0.002, y + 0.002], [x, y + 0.002], [x, y]]));
    }
    stands.push(P([[115.302, 26.302], [115.304, 26.302], [115.304, 26.303], [115.303, 26.303], [115.303, 26.304], [115.302, 26.304], [115.302, 26.302]]));
    for (let k = 0; k < 10; k++) {
      const site = P(star(115.302 + 0.004 * rand(), 26.302 + 0.002 * rand(), 0.002 + 0.003 * rand(), 10, rand));
      const rest = subtractFromParts(convexParts(site)!, stands.flatMap((g) => convexPiecesOf(g)));
      const ref = difference(featureCollection([F(site), ...stands.map(F)]));
      const refArea = ref ? geodesicArea(ref.geometry) : 0;
      expect(Math.abs(area(rest) - refArea)).toBeLessThanOrEqual(2e-5 * refArea + 0.05);
    }
  });

  it('disjoint polygons leave nothing and no pieces', () => {
    const site = P([[115, 26], [115.001, 26], [115.001, 26.001], [115, 26.001], [115, 26]]);
    expect(clipToParts(convexParts(site)!, comb(4))).toEqual([]);
    expect(asMultiPolygon([])).toBeNull();
  });
});
