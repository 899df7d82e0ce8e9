import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import type { Polygon } from 'geojson';
import { boundaryPoints, boundaryPointsCsv, clockwiseFromNorthWest } from './boundary-points.ts';

// Independent projection: proj4 with the EPSG:4526 parameters written out here.
const gk38 = proj4('+proj=longlat +ellps=GRS80 +no_defs', '+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=38500000 +y_0=0 +ellps=GRS80 +units=m +no_defs');

describe('界址点坐标表', () => {
  // Counter-clockwise (RFC 7946) pentagon; its north-west point is (115.30, 26.31).
  const pent: Polygon = { type: 'Polygon', coordinates: [[[115.30, 26.30], [115.32, 26.30], [115.325, 26.305], [115.31, 26.312], [115.30, 26.31], [115.30, 26.30]]] };
  it('numbers the points clockwise from the north-west, in CGCS2000 GK zone 38 (X north, Y east with the prefix)', () => {
    const t = boundaryPoints(pent);
    expect(t).toMatchObject({ zone: 38, epsg: 4526 });
    const order = [[115.30, 26.31], [115.31, 26.312], [115.325, 26.305], [115.32, 26.30], [115.30, 26.30]];
    expect(t.points).toHaveLength(5);
    t.points.forEach((p, i) => {
      const [e, n] = gk38.forward(order[i]);
      expect(p.no).toBe(i + 1);
      expect(p.x).toBeCloseTo(n, 6);
      expect(p.y).toBeCloseTo(e, 6);
      expect(String(Math.floor(p.y))).toMatch(/^38\d{6}$/);
      const next = gk38.forward(order[(i + 1) % 5]);
      expect(p.side_m).toBeCloseTo(Math.hypot(next[0] - e, next[1] - n), 6);
    });
  });
  it('numbers holes on after their outer ring, each clockwise from its own north-west', () => {
    const holed: Polygon = { type: 'Polygon', coordinates: [pent.coordinates[0], [[115.305, 26.302], [115.305, 26.306], [115.31, 26.306], [115.31, 26.302], [115.305, 26.302]]] };
    const t = boundaryPoints(holed);
    expect(t.points.map((p) => p.ring)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1]);
    const [e, n] = gk38.forward([115.305, 26.306]);
    expect(t.points[5].x).toBeCloseTo(n, 6);
    expect(t.points[5].y).toBeCloseTo(e, 6);
    const [e2] = gk38.forward([115.31, 26.306]);
    expect(t.points[6].y).toBeCloseTo(e2, 6); // clockwise: east along the north side
  });
  it('orients either winding the same way', () => {
    const ring = [[0, 0], [0, 10], [10, 10], [10, 0], [0, 0]];
    expect(clockwiseFromNorthWest(ring)).toEqual(clockwiseFromNorthWest([...ring].reverse()));
    expect(clockwiseFromNorthWest(ring)[0]).toEqual([0, 10]);
    expect(clockwiseFromNorthWest(ring)[1]).toEqual([10, 10]);
  });
  it('writes a CSV a spreadsheet reads: J1 … with X/Y to the millimetre', () => {
    const csv = boundaryPointsCsv(boundaryPoints(pent), '甲地块');
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(6);
    expect(lines[1]).toMatch(/^甲地块,J1,1,外环 outer,\d{7}\.\d{1,3},38\d{6}\.\d{1,3},38,4526,\d+(\.\d+)?$/);
  });
});
