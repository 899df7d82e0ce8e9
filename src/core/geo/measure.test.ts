// Areas from measure.ts against GeographicLib (geodesic-reference.ts) and against closed forms that do not use
// GeographicLib at all. Lengths and perimeters: measure-length.test.ts; the internal paths: measure-paths.test.ts.
import fc from 'fast-check';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { CGCS2000, CoordinateError, geodesicArea, validateCoordinates } from './measure';
import { referenceArea, referenceRingArea, referenceWalk } from './geodesic-reference';
import { randomStarPolygon, seededRandom, standLikePolygons } from './random-polygons';

/**
 * GeographicLib sums per-edge areas S12 = c²·(α2 − α1) + …, with c² ≈ R², so its result carries an absolute
 * rounding noise of up to ~1e-3 m² whatever the polygon's size (see the longitude-shift test below). Relative errors
 * are taken against max(area, FLOOR / tolerance), i.e. small polygons are allowed an absolute error of FLOOR m²;
 * for them the Lambert equal-area test below is the sharper, independent check.
 */
const FLOOR = 1e-3;
function relErr(value: number, reference: number, tolerance: number): number {
  return Math.abs(value - reference) / Math.max(reference, FLOOR / tolerance);
}

/** Max relative error over `count` random star polygons `across` metres wide anywhere on Earth. */
function maxErrorForSize(seed: number, across: number, count: number, tolerance: number, holes = 0): number {
  const rand = seededRandom(seed);
  let max = 0;
  for (let k = 0; k < count; k++) {
    const poly = randomStarPolygon(rand, {
      lon: -180 + 360 * rand(),
      lat: -89 + 178 * rand(),
      radius: across / 2,
      vertices: 3 + Math.floor(rand() * 40),
      inner: 0.2 + 0.7 * rand(),
      clockwise: rand() < 0.5,
      closed: rand() < 0.8,
      holes,
    });
    max = Math.max(max, relErr(geodesicArea(poly), referenceArea(poly), tolerance));
  }
  return max;
}

describe('geodesicArea against GeographicLib', () => {
  const classes: [string, number, number][] = [
    ['10 m', 10, 1e-6],
    ['100 m', 100, 1e-6],
    ['1 km', 1000, 1e-6],
    ['5 km', 5000, 1e-6],
    ['20 km', 20000, 1e-6],
    ['60 km (county)', 60000, 1e-5],
    ['100 km (county)', 100000, 1e-5],
  ];
  const measured: string[] = [];
  for (const [label, across, tolerance] of classes) {
    it(`stays within ${tolerance} for random polygons ${label} across, −89…89°, both windings`, () => {
      const err = maxErrorForSize(across, across, 300, tolerance);
      measured.push(`${label}: ${err.toExponential(2)}`);
      expect(err).toBeLessThanOrEqual(tolerance);
    });
  }
  it('subtracts holes (both windings) within 1e-6 for polygons up to 20 km', () => {
    for (const across of [50, 2000, 20000]) {
      expect(maxErrorForSize(7 + across, across, 100, 1e-6, 3)).toBeLessThanOrEqual(1e-6);
    }
  });
  it('reports the measured maxima', () => {
    // Printed so that `npx vitest run src/core/geo/measure.test.ts` shows the figures quoted in the notes.
    console.log(`max relative area error vs GeographicLib by size: ${measured.join('; ')}`);
    expect(measured.length).toBe(classes.length);
  });

  it('matches on 20,000 stand-like polygons at Xingguo (the benchmark input) within 1e-7', () => {
    let max = 0;
    for (const poly of standLikePolygons(20000, 99)) max = Math.max(max, relErr(geodesicArea(poly), referenceArea(poly), 1e-7));
    expect(max).toBeLessThanOrEqual(1e-7);
  });

  it('adds up the parts of a MultiPolygon', () => {
    const rand = seededRandom(5);
    const parts = [10, 300, 8000].map((r) => randomStarPolygon(rand, { lon: 115.4 + r / 1e4, lat: 26.3, radius: r, vertices: 20, holes: 1 }));
    const multi: MultiPolygon = { type: 'MultiPolygon', coordinates: parts.map((p) => p.coordinates) };
    const sum = parts.reduce((s, p) => s + geodesicArea(p), 0);
    expect(geodesicArea(multi)).toBeCloseTo(sum, 6);
    expect(relErr(geodesicArea(multi), referenceArea(multi), 1e-6)).toBeLessThanOrEqual(1e-6);
  });

  it('handles rings round the north and south poles, either way round', () => {
    for (const lat of [89.99, 89.9, 89.5, -89.7]) {
      for (const n of [3, 5, 40]) {
        const ring: Position[] = Array.from({ length: n }, (_, i) => [-180 + (360 * i) / n + 7 * (i % 2), lat - (i % 3) * 0.01 * Math.sign(lat)]);
        const ref = referenceRingArea(ring);
        for (const r of [ring, [...ring].reverse()]) {
          expect(relErr(geodesicArea({ type: 'Polygon', coordinates: [r] }), ref, 1e-6)).toBeLessThanOrEqual(1e-6);
        }
      }
    }
  });

  it('measures polygons across the antimeridian like the same polygon elsewhere', () => {
    const rand = seededRandom(11);
    for (const radius of [30, 3000, 10000]) {
      for (const lat of [-60, 0, 26.3, 75]) {
        const poly = randomStarPolygon(rand, { lon: 180, lat, radius, vertices: 16 }); // longitudes wrap to −180…
        const shifted: Polygon = { type: 'Polygon', coordinates: poly.coordinates.map((ring) => ring.map(([x, y]) => [x < 0 ? x + 200 : x - 160, y])) };
        const area = geodesicArea(poly);
        expect(poly.coordinates[0].some(([x]) => x < 0) && poly.coordinates[0].some(([x]) => x > 0)).toBe(true);
        expect(relErr(area, referenceArea(poly), 1e-6)).toBeLessThanOrEqual(1e-6);
        expect(Math.abs(area - geodesicArea(shifted)) / area).toBeLessThan(1e-9);
      }
    }
  });
});

describe('geodesicArea against closed forms (no GeographicLib)', () => {
  // sin of the authalic latitude from the exact formula q(φ) = (1−e²)[sinφ/(1−e²sin²φ) + atanh(e·sinφ)/e]
  const e2 = CGCS2000.f * (2 - CGCS2000.f);
  const e = Math.sqrt(e2);
  const q = (phi: number) => {
    const s = Math.sin(phi);
    return (1 - e2) * (s / (1 - e2 * s * s) + Math.atanh(e * s) / e);
  };
  const a = CGCS2000.a;

  it('gives the total area of the CGCS2000 ellipsoid for the two hemispheres of the equator', () => {
    // The band between two parallels has area π·a²·(q(φ2) − q(φ1)) (equal-area cylindrical projection).
    const band = (lat1: number, lat2: number, dLon: number) => (dLon / 360) * Math.PI * a * a * (q((lat2 * Math.PI) / 180) - q((lat1 * Math.PI) / 180));
    // A 1° × 1° cell whose north and south edges follow the parallels: densify so the geodesic chords hug them.
    for (const [lat1, lon1] of [[0, 0], [26, 115], [60, -30], [88, 170]]) {
      const n = 4000;
      const south = Array.from({ length: n + 1 }, (_, i) => [lon1 + i / n, lat1]);
      const north = Array.from({ length: n + 1 }, (_, i) => [lon1 + 1 - i / n, lat1 + 1]);
      const cell: Polygon = { type: 'Polygon', coordinates: [[...south, ...north, south[0]]] };
      // the chords cut each parallel by a sagitta ~ (Δλ/2)²·tanφ/2, i.e. a relative ~1e-8 here (1e-10 at the equator)
      expect(Math.abs(geodesicArea(cell) / band(lat1, lat1 + 1, 1) - 1)).toBeLessThan(lat1 >= 80 ? 1e-6 : 2e-8);
    }
  });

  it('gives a 1° geodesic cell at the equator as GeographicLib does, a little more than the parallel-bounded cell', () => {
    const cell: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };
    const area = geodesicArea(cell);
    expect(relErr(area, referenceArea(cell), 1e-9)).toBeLessThan(1e-9);
    // The geodesic top edge bulges poleward of the parallel by ~(Δλ/2)²·tanφ/2·R ≈ 0.74 m, adding ~2e-7·R·Δλ m².
    const parallelBounded = (Math.PI * a * a * q(Math.PI / 180)) / 360;
    const bulge = (2 / 3) * 0.5 * (Math.PI / 360) ** 2 * Math.tan(Math.PI / 180) * a * (a * Math.PI / 180); // parabola: ⅔·sagitta·chord
    expect(Math.abs(area - parallelBounded - bulge) / bulge).toBeLessThan(0.01);
  });

  it('agrees to 1e-8 with the planar area in an ellipsoidal Lambert azimuthal equal-area projection (proj4), ≤ 1 km', () => {
    // LAEA preserves area exactly; straight lines in it differ from geodesics by a relative ~(L/R)², < 3e-8 at 1 km,
    // and far less for small polygons — where GeographicLib's own noise (FLOOR) is larger than what we test here.
    const rand = seededRandom(17);
    for (const [across, tolerance] of [[10, 1e-8], [100, 1e-8], [1000, 5e-8]] as const) {
      for (let k = 0; k < 40; k++) {
        const poly = randomStarPolygon(rand, { lon: -180 + 360 * rand(), lat: -89 + 178 * rand(), radius: across / 2, vertices: 3 + Math.floor(40 * rand()) });
        const ring = poly.coordinates[0];
        const [lon0, lat0] = ring[0];
        const laea = proj4('+proj=longlat +ellps=GRS80 +no_defs', `+proj=laea +lat_0=${lat0} +lon_0=${lon0} +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs`);
        const xy = ring.map((p) => laea.forward([p[0], p[1]]));
        let twice = 0;
        for (let i = 0; i + 1 < xy.length; i++) twice += xy[i][0] * xy[i + 1][1] - xy[i + 1][0] * xy[i][1];
        const planar = Math.abs(twice) / 2;
        expect(Math.abs(geodesicArea(poly) - planar) / planar).toBeLessThan(tolerance);
      }
    }
  });

  it('gives 10,000 m² for a 100 m geodesic square and 1 km² for a 1 km one, anywhere', () => {
    // Built by walking three geodesic sides with 90° left turns (the fourth side closes it): on a surface of
    // curvature K ≈ 1/R² the closing gap and the area defect are ~K·A ≈ 3e-8 for 1 km², so area = side².
    for (const side of [100, 1000]) {
      for (const lat of [0, 26.3, 45, -70, 85, 89.5]) {
        const corners: Position[] = [[115.4, lat]];
        let azimuth = 37;
        for (let k = 0; k < 3; k++) {
          const step = referenceWalk(corners[k], azimuth, side);
          corners.push(step.position);
          azimuth = step.azimuth - 90;
        }
        const area = geodesicArea({ type: 'Polygon', coordinates: [corners] });
        expect(Math.abs(area / (side * side) - 1)).toBeLessThan(1e-7);
      }
    }
  });
});

describe('geodesicArea conventions', () => {
  const rand = seededRandom(3);
  const poly = randomStarPolygon(rand, { lon: 115.4, lat: 26.3, radius: 400, vertices: 30, holes: 2 });

  it('accepts open or closed rings and either winding, and never goes negative', () => {
    const open: Polygon = { type: 'Polygon', coordinates: poly.coordinates.map((r) => r.slice(0, -1)) };
    const reversed: Polygon = { type: 'Polygon', coordinates: poly.coordinates.map((r) => [...r].reverse()) };
    const area = geodesicArea(poly);
    expect(geodesicArea(open)).toBeCloseTo(area, 8);
    expect(geodesicArea(reversed)).toBeCloseTo(area, 8);
    // a "hole" bigger than the outer ring would make the area negative: clamp at 0
    const inverted: Polygon = { type: 'Polygon', coordinates: [poly.coordinates[1], poly.coordinates[0]] };
    expect(geodesicArea(inverted)).toBe(0);
  });

  it('holes are subtracted: area = outer − Σ holes', () => {
    const outer = referenceRingArea(poly.coordinates[0]);
    const holes = referenceRingArea(poly.coordinates[1]) + referenceRingArea(poly.coordinates[2]);
    expect(holes).toBeGreaterThan(0);
    expect(relErr(geodesicArea(poly), outer - holes, 1e-8)).toBeLessThan(1e-8);
  });

  it('measures 0 for empty, degenerate and non-areal geometry', () => {
    expect(geodesicArea(null)).toBe(0);
    expect(geodesicArea(undefined)).toBe(0);
    expect(geodesicArea({ type: 'Polygon', coordinates: [] })).toBe(0);
    expect(geodesicArea({ type: 'Polygon', coordinates: [[]] })).toBe(0);
    expect(geodesicArea({ type: 'Polygon', coordinates: [[[1, 2], [3, 4], [1, 2]]] })).toBe(0);
    expect(geodesicArea({ type: 'Polygon', coordinates: [[[1, 2], [1, 2], [1, 2], [1, 2]]] })).toBe(0);
    expect(geodesicArea({ type: 'MultiPolygon', coordinates: [] })).toBe(0);
    expect(geodesicArea({ type: 'Point', coordinates: [1, 2] })).toBe(0);
    expect(geodesicArea({ type: 'LineString', coordinates: [[0, 0], [1, 1], [0, 1]] })).toBe(0);
    // collinear points along a meridian enclose nothing
    expect(geodesicArea({ type: 'Polygon', coordinates: [[[10, 0], [10, 1], [10, 2]]] })).toBeLessThan(1e-6);
  });

  it('ignores repeated consecutive vertices', () => {
    const ring = poly.coordinates[0];
    const doubled = ring.flatMap((p, i) => (i % 3 === 0 ? [p, [p[0], p[1]]] : [p]));
    expect(geodesicArea({ type: 'Polygon', coordinates: [doubled] })).toBeCloseTo(geodesicArea({ type: 'Polygon', coordinates: [ring] }), 8);
  });

  it('sums GeometryCollections', () => {
    const area = geodesicArea(poly);
    expect(geodesicArea({ type: 'GeometryCollection', geometries: [poly, poly, { type: 'Point', coordinates: [0, 0] }] })).toBeCloseTo(2 * area, 6);
  });

  it('throws a CoordinateError naming the vertex for NaN, Infinity or |lat| > 90, instead of returning NaN', () => {
    const bad = (p: Position): Polygon => ({ type: 'Polygon', coordinates: [[[115, 26], [115.01, 26], p, [115, 26]]] });
    for (const p of [[NaN, 26.01], [115, NaN], [Infinity, 26], [115.01, 91], [115.01, -90.5]]) {
      expect(() => geodesicArea(bad(p))).toThrow(CoordinateError);
      expect(() => geodesicArea(bad(p))).toThrow(/coordinates are not finite numbers: vertex 2 is/);
      expect(validateCoordinates(bad(p))).toMatch(/ring 0 vertex 2/);
    }
    // a bad first vertex, or a vertex far outside the local expansion's range, is caught too
    expect(() => geodesicArea({ type: 'Polygon', coordinates: [[[115, 95], [115.01, 26], [115, 26.01]]] })).toThrow(/vertex 0/);
    expect(() => geodesicArea({ type: 'Polygon', coordinates: [[[115, 26], [115.01, 26], [115, 26.01], ['x', 26] as unknown as Position]] })).toThrow(CoordinateError);
    // a vertex that is not even an array is reported the same way, not as a TypeError
    const holey = [[115, 26], [115.01, 26], null, [115, 26.01]] as unknown as Position[];
    expect(() => geodesicArea({ type: 'Polygon', coordinates: [holey] })).toThrow(/vertex 2 is null/);
    expect(validateCoordinates(poly)).toBeNull();
    expect(validateCoordinates({ type: 'Point', coordinates: [1, 100] })).toMatch(/latitude 100/);
  });

  it('is exactly invariant under a shift in longitude, unlike GeographicLib whose noise is ~1e-4 m²', () => {
    const small = randomStarPolygon(seededRandom(8), { lon: 10, lat: -15.5, radius: 5, vertices: 40 });
    const ours: number[] = [];
    const ref: number[] = [];
    for (let k = 0; k < 30; k++) {
      const moved: Polygon = { type: 'Polygon', coordinates: [small.coordinates[0].map(([x, y]) => [x + 3.3 * k, y])] };
      ours.push(geodesicArea(moved));
      ref.push(referenceArea(moved));
    }
    const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
    expect(spread(ours)).toBeLessThan(1e-7); // m², on ~40 m²
    expect(spread(ref)).toBeLessThan(FLOOR); // the reference's own noise, which FLOOR allows for
  });
});

describe('geodesicArea properties (fast-check)', () => {
  const polygonArb = fc.record({
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    lon: fc.double({ min: -180, max: 180, noNaN: true }),
    lat: fc.double({ min: -89, max: 89, noNaN: true }),
    logRadius: fc.double({ min: 0.7, max: 4.0, noNaN: true }), // 5 m … 10 km radius
    vertices: fc.integer({ min: 3, max: 60 }),
    rotation: fc.nat(),
  });

  it('is invariant under ring rotation and reversal, and within 1e-6 of GeographicLib', () => {
    fc.assert(
      fc.property(polygonArb, ({ seed, lon, lat, logRadius, vertices, rotation }) => {
        const poly = randomStarPolygon(seededRandom(seed), { lon, lat, radius: 10 ** logRadius, vertices, closed: false });
        const ring = poly.coordinates[0];
        const k = rotation % ring.length;
        const rotated = [...ring.slice(k), ...ring.slice(0, k)];
        const area = geodesicArea(poly);
        for (const r of [rotated, [...rotated].reverse(), [...ring].reverse()]) {
          const other = geodesicArea({ type: 'Polygon', coordinates: [r] });
          expect(Math.abs(other - area)).toBeLessThanOrEqual(1e-9 * area + 1e-7);
        }
        expect(relErr(area, referenceArea(poly), 1e-6)).toBeLessThanOrEqual(1e-6);
      }),
      { numRuns: 300, seed: 20241125 },
    );
  });
});
