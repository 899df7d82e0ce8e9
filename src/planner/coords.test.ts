import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import { parseCoordinates } from './coords.ts';

describe('parseCoordinates', () => {
  it('reads lon/lat lines into a closed polygon', () => {
    const r = parseCoordinates('115.30, 26.30\n115.32 26.30\n115.32,26.32');
    expect(r).toMatchObject({ crs: 'lonlat', geometry: { type: 'Polygon' } });
    const ring = (r as { geometry: { coordinates: number[][][] } }).geometry.coordinates[0];
    expect(ring).toHaveLength(4);
    expect(ring[3]).toEqual(ring[0]);
  });
  it('swaps lat, lon written the other way round', () => {
    expect(parseCoordinates('26.3, 115.3')).toMatchObject({ geometry: { type: 'Point', coordinates: [115.3, 26.3] } });
  });
  it('reads CGCS2000 GK x/y (northing first, zone prefix) through proj4', () => {
    const to = proj4('+proj=longlat +ellps=GRS80 +no_defs', '+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=38500000 +y_0=0 +ellps=GRS80 +units=m +no_defs');
    const [e, n] = to.forward([115.35, 26.33]);
    const r = parseCoordinates(`X=${n.toFixed(3)} Y=${e.toFixed(3)}`);
    expect(r).toMatchObject({ crs: 'EPSG:4526' });
    const c = (r as { geometry: { coordinates: number[] } }).geometry.coordinates;
    expect(c[0]).toBeCloseTo(115.35, 7);
    expect(c[1]).toBeCloseTo(26.33, 7);
  });
  it('reads plain 6-digit eastings as CM 114°E', () => {
    const r = parseCoordinates('433000 2913000\n434000 2913000\n434000 2914000');
    expect(r).toMatchObject({ crs: 'EPSG:4547', geometry: { type: 'Polygon' } });
  });
  it('names the line that cannot be read', () => {
    expect(parseCoordinates('115.3 26.3\nhello\n')).toMatchObject({ line: 2 });
    expect(parseCoordinates('115.3 26.3\n433000 2913000')).toMatchObject({ line: 2 });
    expect(parseCoordinates('')).toMatchObject({ line: 1 });
  });
});
