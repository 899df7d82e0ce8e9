import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { checkGeometry, findCrossing, countPositions } from '../../src/core/geo/validate.ts';
import { geodesicArea } from '../../src/core/geo/measure.ts';
import { XINGGUO_SQUARE_2 } from '../fixtures/geo-samples.ts';

const poly = (...rings: number[][][]): Polygon => ({ type: 'Polygon', coordinates: rings });

describe('geometry checks and safe repairs', () => {
  it('leaves a valid RFC 7946 polygon alone', () => {
    expect(checkGeometry(XINGGUO_SQUARE_2)).toEqual({ geometry: XINGGUO_SQUARE_2, fixes: [] });
  });

  it('closes rings, removes repeated points and fixes winding, saying so; the area is unchanged', () => {
    const [outer, hole] = XINGGUO_SQUARE_2.coordinates;
    const messy = poly([...outer.slice(0, 2), outer[1], ...outer.slice(2, 4)].reverse(), [...hole].reverse());
    const c = checkGeometry(messy);
    expect(c.error).toBeUndefined();
    expect(c.fixes.join('\n')).toMatch(/outer ring: removed 1 repeated point/);
    expect(c.fixes.join('\n')).toMatch(/outer ring: closed the ring/);
    expect(c.fixes.join('\n')).toMatch(/outer ring: reversed the winding/);
    expect(c.fixes.join('\n')).toMatch(/hole 1: reversed the winding/);
    expect(countPositions(c.geometry)).toBe(10);
    expect(Math.abs(geodesicArea(c.geometry) / geodesicArea(XINGGUO_SQUARE_2) - 1)).toBeLessThan(1e-12);
  });

  it('rejects a bow-tie with the crossing edges and location', () => {
    const c = checkGeometry(poly([[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]));
    expect(c.error).toMatch(/self-intersection: edge 0 of outer ring crosses edge 2 of outer ring at \(0\.5, 0\.5\)/);
  });

  it('rejects a hole crossing its outer ring', () => {
    const c = checkGeometry(poly([[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]], [[1, 1], [1, 3], [1.5, 3], [1.5, 1], [1, 1]]));
    expect(c.error).toMatch(/crosses edge \d of hole 1/);
  });

  it('rejects collinear overlapping edges (a spike doubling back)', () => {
    expect(findCrossing([[[0, 0], [2, 0], [1, 0], [1, 1], [0, 0]]])).toBeDefined();
  });

  it('removes zero-area spikes (out and straight back), nested ones too, and says so; the area is unchanged', () => {
    const square = [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]];
    // a spike from (2, 1) out to (3, 1) and back, and one from (1, 2) up to (1, 3), back to (1, 2.5), up again to (1, 2.8), back
    const spiked = [[0, 0], [2, 0], [2, 1], [3, 1], [2, 1], [2, 2], [1, 2], [1, 3], [1, 2.5], [1, 2.8], [1, 2], [0, 2], [0, 0]];
    const c = checkGeometry(poly(spiked));
    expect(c.error).toBeUndefined();
    const ring = (c.geometry as Polygon).coordinates[0];
    expect(ring.length).toBe(7); // the square's 4 corners + the two spike bases (2, 1), (1, 2) + closing point
    const shoelace = (r: number[][]) => r.slice(0, -1).reduce((s, p, i) => s + p[0] * r[i + 1][1] - r[i + 1][0] * p[1], 0) / 2;
    expect(shoelace(ring)).toBeCloseTo(shoelace(square), 12); // 4, counter-clockwise
    expect(c.fixes.join('\n')).toMatch(/outer ring: removed \d zero-area spikes/);
    expect(findCrossing([ring])).toBeUndefined();
    // a real turn, however sharp, is not a spike
    const sharp = checkGeometry(poly([[0, 0], [2, 0], [2, 1], [3, 1.001], [2, 1.002], [2, 2], [0, 2], [0, 0]]));
    expect(sharp.fixes.join('\n')).not.toMatch(/spike/);
  });

  it('allows a ring touching itself at one vertex', () => {
    expect(findCrossing([[[0, 0], [2, 0], [1, 1], [2, 2], [0, 2], [1, 1], [0, 0]]])).toBeUndefined();
  });

  it('rejects rings with fewer than 4 positions, degenerate rings and out-of-range or non-finite coordinates', () => {
    expect(checkGeometry(poly([[0, 0], [1, 0], [0, 0]])).error).toMatch(/at least 4 positions, has 3/);
    // A flat ring is all spike: removing the spikes leaves nothing.
    expect(checkGeometry(poly([[0, 0], [1, 0], [2, 0], [0, 0]])).error).toMatch(/no area/);
    expect(checkGeometry({ type: 'Point', coordinates: [115, 95] }).error).toMatch(/\(115, 95\) is out of range/);
    expect(checkGeometry({ type: 'LineString', coordinates: [[0, 0], [NaN, 1]] }).error).toMatch(/not a finite number/);
  });

  it('finds a crossing in a large valid polygon quickly, and none where there is none', () => {
    const n = 20000;
    const ring = Array.from({ length: n }, (_, i) => {
      const t = (2 * Math.PI * i) / n;
      const r = 1 + 0.3 * Math.sin(7 * t);
      return [r * Math.cos(t), r * Math.sin(t)];
    });
    ring.push(ring[0]);
    expect(findCrossing([ring])).toBeUndefined();
    const broken = ring.map((p) => [...p]);
    [broken[100], broken[101]] = [broken[101], broken[100]];
    expect(findCrossing([broken])).toBeDefined();
  });
});
