// Lengths and perimeters from measure.ts against GeographicLib's inverse problem, and against closed forms.
import fc from 'fast-check';
import type { LineString, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { CGCS2000, CoordinateError, geodesicLength, geodesicPerimeter } from './measure';
import { referenceDestination, referenceDistance, referenceLength, referenceWalk } from './geodesic-reference';
import { randomStarPolygon, seededRandom } from './random-polygons';

/** The chord is computed from Earth-centred coordinates (~6.4e6 m), so lengths carry ~1e-9 m of absolute rounding. */
const FLOOR = 1e-8;
const relErr = (value: number, ref: number) => Math.abs(value - ref) / Math.max(ref, FLOOR / 1e-6);

describe('geodesicLength against GeographicLib', () => {
  const measured: string[] = [];
  for (const s of [0.01, 1, 30, 1000, 20000, 100000, 500000, 1000000, 5000000, 15000000]) {
    it(`single edges of ${s} m anywhere: ≤ 1e-6 (≤ 1e-9 from 30 m to 300 km)`, () => {
      const rand = seededRandom(s);
      let max = 0;
      for (let k = 0; k < 1000; k++) {
        const p: Position = [-180 + 360 * rand(), -89.99 + 179.98 * rand()];
        const q = referenceDestination(p, 360 * rand(), s);
        max = Math.max(max, relErr(geodesicLength({ type: 'LineString', coordinates: [p, q] }), referenceDistance(p, q)));
      }
      measured.push(`${s} m: ${max.toExponential(2)}`);
      expect(max).toBeLessThanOrEqual(s >= 30 && s <= 300000 ? 1e-9 : 1e-6);
    });
  }
  it('reports the measured maxima', () => {
    console.log(`max relative length error vs GeographicLib by edge length: ${measured.join('; ')} (edges > 1000 km use GeographicLib)`);
    expect(measured.length).toBe(10);
  });

  it('sums MultiLineStrings and crosses the antimeridian the short way', () => {
    const a: Position[] = [[179.9, 10], [-179.9, 10.1], [-179.5, 10]];
    const b: Position[] = [[115.4, 26.3], [115.5, 26.4]];
    const multi = { type: 'MultiLineString' as const, coordinates: [a, b] };
    expect(relErr(geodesicLength(multi), referenceLength(multi))).toBeLessThan(1e-9);
    expect(geodesicLength({ type: 'LineString', coordinates: a.slice(0, 2) })).toBeLessThan(30000);
  });

  it('property: random polylines of 2–50 vertices and 1 m–50 km steps are within 1e-9', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.double({ min: -89.9, max: 89.9, noNaN: true }),
        fc.integer({ min: 2, max: 50 }),
        fc.double({ min: 0, max: 4.7, noNaN: true }),
        (seed, lat, n, logStep) => {
          const rand = seededRandom(seed);
          const line: Position[] = [[-180 + 360 * rand(), lat]];
          for (let i = 1; i < n; i++) line.push(referenceDestination(line[i - 1], 360 * rand(), 10 ** logStep * (0.5 + rand())));
          const geometry: LineString = { type: 'LineString', coordinates: line };
          expect(relErr(geodesicLength(geometry), referenceLength(geometry))).toBeLessThanOrEqual(1e-9);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe('geodesicLength against closed forms (no GeographicLib)', () => {
  const { a, f } = CGCS2000;
  const e2 = f * (2 - f);
  it('1° of the equator is a·π/180 = 111,319.491 m', () => {
    const length = geodesicLength({ type: 'LineString', coordinates: [[115, 0], [116, 0]] });
    expect(length).toBeCloseTo((a * Math.PI) / 180, 6);
    expect(length).toBeCloseTo(111319.491, 3);
  });
  it('meridian arcs equal ∫ M(φ) dφ (Simpson, 2000 steps)', () => {
    const M = (phi: number) => (a * (1 - e2)) / (1 - e2 * Math.sin(phi) ** 2) ** 1.5;
    for (const [lat1, lat2] of [[0, 1], [26, 26.5], [-45, -44.99], [89, 90]]) {
      const n = 2000;
      const h = ((lat2 - lat1) * Math.PI) / 180 / n;
      let sum = 0;
      for (let i = 0; i <= n; i++) sum += M((lat1 * Math.PI) / 180 + i * h) * (i === 0 || i === n ? 1 : i % 2 ? 4 : 2);
      const arc = (sum * h) / 3;
      const length = geodesicLength({ type: 'LineString', coordinates: [[115.4, lat1], [115.4, lat2]] });
      expect(Math.abs(length / arc - 1)).toBeLessThan(1e-10);
    }
  });
});

describe('geodesicPerimeter', () => {
  it('counts every ring of polygons with holes, closed or not, both windings, within 1e-9', () => {
    const rand = seededRandom(4);
    for (const radius of [5, 500, 20000]) {
      const poly = randomStarPolygon(rand, { lon: 115.4, lat: 26.3, radius, vertices: 25, holes: 2, clockwise: radius > 100 });
      const ref = referenceLength(poly);
      expect(relErr(geodesicPerimeter(poly), ref)).toBeLessThan(1e-9);
      const open: Polygon = { type: 'Polygon', coordinates: poly.coordinates.map((r) => r.slice(0, -1)) };
      expect(relErr(geodesicPerimeter(open), ref)).toBeLessThan(1e-9);
      const multi = { type: 'MultiPolygon' as const, coordinates: [poly.coordinates, open.coordinates] };
      expect(relErr(geodesicPerimeter(multi), 2 * ref)).toBeLessThan(1e-9);
    }
  });
  it('gives 4 km for a 1 km geodesic square', () => {
    const corners: Position[] = [[115.4, 26.3]];
    let azimuth = 10;
    for (let k = 0; k < 3; k++) {
      const step = referenceWalk(corners[k], azimuth, 1000);
      corners.push(step.position);
      azimuth = step.azimuth - 90;
    }
    expect(geodesicPerimeter({ type: 'Polygon', coordinates: [corners] })).toBeCloseTo(4000, 3);
  });
});

describe('length conventions', () => {
  it('measures 0 for empty, single-point and non-linear input; lines are not perimeters', () => {
    expect(geodesicLength(null)).toBe(0);
    expect(geodesicLength({ type: 'LineString', coordinates: [] })).toBe(0);
    expect(geodesicLength({ type: 'LineString', coordinates: [[1, 2]] })).toBe(0);
    expect(geodesicLength({ type: 'LineString', coordinates: [[1, 2], [1, 2]] })).toBe(0);
    expect(geodesicLength({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 1], [0, 0]]] })).toBe(0);
    expect(geodesicPerimeter({ type: 'LineString', coordinates: [[0, 0], [1, 0]] })).toBe(0);
    expect(geodesicPerimeter({ type: 'Polygon', coordinates: [[[3, 4]]] })).toBe(0);
    expect(geodesicLength({ type: 'GeometryCollection', geometries: [{ type: 'LineString', coordinates: [[0, 0], [1, 0]] }] })).toBeCloseTo(111319.491, 3);
  });
  it('throws CoordinateError for NaN or out-of-range latitudes', () => {
    for (const p of [[NaN, 1], [1, NaN], [Infinity, 1], [1, 90.1]]) {
      expect(() => geodesicLength({ type: 'LineString', coordinates: [[0, 0], p, [1, 1]] })).toThrow(CoordinateError);
      expect(() => geodesicLength({ type: 'LineString', coordinates: [[0, 0], p, [1, 1]] })).toThrow(/vertex 1/);
      expect(() => geodesicPerimeter({ type: 'Polygon', coordinates: [[[0, 0], [1, 1], p]] })).toThrow(/vertex 2/);
    }
    const holey = [[0, 0], null, [1, 1]] as unknown as Position[];
    expect(() => geodesicLength({ type: 'LineString', coordinates: holey })).toThrow(/vertex 1 is null/);
    expect(() => geodesicPerimeter({ type: 'Polygon', coordinates: [[...holey, null as unknown as Position]] })).toThrow(CoordinateError);
  });
});
