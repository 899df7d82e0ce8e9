// The fast clipping paths (Sutherland–Hodgman, ear clipping) against turf's general intersect, both measured with
// measure.ts, on convex and non-convex features and sites, including a zero-width spike that defeats naive ear tests.
import { describe, expect, it } from 'vitest';
import type { Feature, Polygon, Position } from 'geojson';
import { mulberry32 } from '../random.ts';
import { clipArea, clipAreaGeneral } from './clip.ts';
import { convexOrientation, triangulate } from './convex-clip.ts';

const P = (ring: Position[]): Polygon => ({ type: 'Polygon', coordinates: [ring] });
const F = (g: Polygon): Feature<Polygon> => ({ type: 'Feature', geometry: g, properties: {} });

function star(cx: number, cy: number, r: number, n: number, rand: () => number): Position[] {
  const pts = Array.from({ length: n }, (_, i) => {
    const a = (2 * Math.PI * i) / n, k = i % 2 ? 0.45 + 0.2 * rand() : 0.9 + 0.2 * rand();
    return [cx + r * k * Math.cos(a), cy + r * k * Math.sin(a)];
  });
  return [...pts, pts[0]];
}

const L_SHAPE = [[115.3, 26.3], [115.31, 26.3], [115.31, 26.304], [115.304, 26.304], [115.304, 26.31], [115.3, 26.31], [115.3, 26.3]];
const SPIKE = [[115.514404, 26.686196], [115.518648, 26.687682], [115.51835, 26.688573], [115.516757, 26.689609], [115.515625, 26.688477], [115.515625, 26.686623], [115.514404, 26.686196]];

describe('clipping', () => {
  it('tells convex rings from non-convex ones', () => {
    expect(convexOrientation([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]])).toBe(1);
    expect(convexOrientation([[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]])).toBe(-1);
    expect(convexOrientation(L_SHAPE)).toBe(0);
  });

  it('triangulates an L and refuses to over-count a spike', () => {
    expect(triangulate(L_SHAPE)).toHaveLength(4);
    const spike = triangulate(SPIKE);
    if (spike) {
      const site = F(P([[115.51, 26.68], [115.52, 26.68], [115.52, 26.69], [115.51, 26.69], [115.51, 26.68]]));
      expect(clipArea(site, P(SPIKE))).toBeCloseTo(clipAreaGeneral(site, P(SPIKE)), 1);
    }
  });

  it('matches turf intersect on random star sites over convex and non-convex features', () => {
    const rand = mulberry32(11);
    const features = [
      P([[115.3, 26.3], [115.306, 26.299], [115.309, 26.304], [115.305, 26.309], [115.299, 26.305], [115.3, 26.3]]),
      P(L_SHAPE),
      P(star(115.305, 26.305, 0.005, 14, rand)),
    ];
    for (let k = 0; k < 40; k++) {
      const site = F(P(star(115.3 + 0.01 * rand(), 26.3 + 0.01 * rand(), 0.002 + 0.006 * rand(), 8 + 2 * Math.floor(6 * rand()), rand)));
      for (const g of features) {
        const fast = clipArea(site, g), ref = clipAreaGeneral(site, g);
        // Cut points are found in lon/lat while areas follow geodesic edges, so an edge split at a triangle diagonal
        // measures a few ppm differently from the unsplit edge: 20 ppm is centimetres on a parcel, far below survey error.
        expect(Math.abs(fast - ref)).toBeLessThanOrEqual(2e-5 * ref + 0.05); // + 0.05 m² for slivers
      }
    }
  });

  it('returns 0 for disjoint features and for points and lines', () => {
    const site = F(P([[115, 26], [115.001, 26], [115.001, 26.001], [115, 26.001], [115, 26]]));
    expect(clipArea(site, P(L_SHAPE))).toBe(0);
    expect(clipArea(site, { type: 'Point', coordinates: [115.0005, 26.0005] })).toBe(0);
  });
});
