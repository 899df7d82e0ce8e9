import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import { gkOf, metresPerPixel, niceLength } from './report-map.ts';

describe('report map helpers', () => {
  it('ground resolution matches the Web Mercator formula at the equator and halves per zoom', () => {
    expect(metresPerPixel(0, 0)).toBeCloseTo(78271.517, 2);
    expect(metresPerPixel(26.3, 15) / metresPerPixel(26.3, 16)).toBeCloseTo(2, 12);
  });
  it('picks round scale-bar lengths', () => {
    expect(niceLength(740)).toBe(500);
    expect(niceLength(1999)).toBe(1000);
    expect(niceLength(2000)).toBe(2000);
    expect(niceLength(38)).toBe(20);
  });
  it('gives CGCS2000 3° GK zone 38 coordinates for Xingguo, checked against proj4 directly', () => {
    const g = gkOf(115.35, 26.33);
    const [e, n] = proj4('+proj=longlat +ellps=GRS80 +no_defs', '+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=38500000 +y_0=0 +ellps=GRS80 +units=m +no_defs', [115.35, 26.33]);
    expect(g).toMatchObject({ zone: 38, epsg: 4526 });
    expect(g.x).toBeCloseTo(n, 6);
    expect(g.y).toBeCloseTo(e, 6);
  });
});
