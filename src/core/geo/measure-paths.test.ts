// The three area paths behind geodesicArea, each on its own: the local expansion and the authalic-sphere path must
// each meet the targets wherever the dispatcher (measure-area.ts) lets them answer, and the sphere path's error
// bound must really bound its error, since it decides when GeographicLib takes over.
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { localRingArea } from './measure-area-local';
import { sphereErrorBound, sphereRingArea } from './measure-area-sphere';
import { AUTHALIC_POLY, AUTHALIC_R2, CGCS2000, E2, sinAuthalic } from './measure-ellipsoid';
import { referenceRingArea } from './geodesic-reference';
import { randomStarPolygon, seededRandom } from './random-polygons';

const FLOOR = 1e-3; // GeographicLib's absolute noise in m² (see measure.test.ts)

function randomRings(seed: number, across: number, count: number): Position[][] {
  const rand = seededRandom(seed);
  const maxLat = 89 - across / 2 / 111000; // keep every vertex off the pole
  return Array.from({ length: count }, () =>
    randomStarPolygon(rand, {
      lon: -180 + 360 * rand(),
      lat: maxLat * (2 * rand() - 1),
      radius: across / 2,
      vertices: 3 + Math.floor(rand() * 40),
      inner: 0.2 + 0.7 * rand(),
      closed: false,
    }).coordinates[0],
  );
}

describe('authalic constants', () => {
  it('R_q is the GRS80/CGCS2000 authalic radius, 6371007.181 m', () => {
    expect(Math.sqrt(AUTHALIC_R2)).toBeCloseTo(6371007.181, 3);
  });
  it('the sin β polynomial matches the closed form with atanh, and is 1 at the pole', () => {
    const e = Math.sqrt(E2);
    const q = (x: number) => x / (1 - E2 * x * x) + Math.atanh(e * x) / e;
    for (let deg = -90; deg <= 90; deg += 0.25) {
      const x = Math.sin((deg * Math.PI) / 180);
      expect(Math.abs(sinAuthalic(x) - q(x) / q(1))).toBeLessThan(1e-15);
    }
    expect(sinAuthalic(1)).toBe(1);
    expect(AUTHALIC_POLY.length).toBe(7);
    expect(CGCS2000.f).toBe(1 / 298.257222101);
  });
});

describe('the fast area paths against GeographicLib, with no fallback', () => {
  const classes: [number, number][] = [
    [10, 1e-6],
    [1000, 1e-6],
    [20000, 1e-6],
    [100000, 1e-5],
  ];
  for (const [across, tolerance] of classes) {
    it(`local expansion and sphere path stay within ${tolerance} wherever they answer (${across} m across)`, () => {
      let local = 0;
      let sphere = 0;
      for (const ring of randomRings(across + 1, across, 300)) {
        const ref = referenceRingArea(ring);
        const scale = Math.max(ref, FLOOR / tolerance);
        const l = localRingArea(ring, ring.length);
        if (!Number.isNaN(l)) {
          local++;
          expect(Math.abs(l - ref) / scale).toBeLessThanOrEqual(tolerance);
        }
        const s = sphereRingArea(ring, ring.length);
        if (sphereErrorBound <= 1e-7 * s) {
          sphere++;
          expect(Math.abs(s - ref) / scale).toBeLessThanOrEqual(tolerance);
        }
      }
      // the paths must actually be exercised, not skipped
      if (across <= 1000) expect(local).toBeGreaterThan(250);
      expect(sphere).toBeGreaterThan(250);
    });
  }

  it('the two fast paths agree to 2e-8 on rings both accept', () => {
    // (near ±89° the sphere path's sin β loses a few digits: its vertex-to-vertex differences are ~cosβ smaller)
    for (const across of [300, 3000, 15000]) {
      for (const ring of randomRings(across, across, 200)) {
        const l = localRingArea(ring, ring.length);
        if (Number.isNaN(l)) continue;
        const s = sphereRingArea(ring, ring.length);
        expect(Math.abs(l - s) / s).toBeLessThan(2e-8);
      }
    }
  });

  it("the sphere path's error bound covers its actual error, up to continental polygons", () => {
    for (const across of [1000, 20000, 300000, 2000000]) {
      for (const ring of randomRings(across + 3, across, 100)) {
        const s = sphereRingArea(ring, ring.length);
        const err = Math.abs(s - referenceRingArea(ring));
        expect(err).toBeLessThanOrEqual(Math.max(sphereErrorBound, FLOOR));
      }
    }
  });

  it('the local expansion declines rings it cannot do: near a pole, too large, round a pole, long slivers', () => {
    const square = (lon: number, lat: number, d: number): Position[] => [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d]];
    expect(localRingArea(square(115, 26, 0.01), 4)).toBeGreaterThan(0);
    expect(localRingArea(square(115, 89.7, 0.01), 4)).toBeNaN();
    expect(localRingArea(square(115, 26, 0.5), 4)).toBeNaN();
    const polarRing: Position[] = Array.from({ length: 7000 }, (_, i) => [-180 + (360 * i) / 7000, 88.9]);
    expect(localRingArea(polarRing, polarRing.length)).toBeNaN();
    const sliver: Position[] = [[115, 26], [115.2, 26.1], [115.1, 26.05000001]];
    expect(localRingArea(sliver, 3)).toBeNaN();
    expect(localRingArea([[115, 26], [NaN, 26], [115, 26.01]], 3)).toBeNaN();
  });
});
