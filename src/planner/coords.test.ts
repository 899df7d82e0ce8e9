import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import { parseCoordinates, type ParsedCoords } from './coords.ts';

const point = (text: string) => (parseCoordinates(text) as ParsedCoords).geometry as { type: string; coordinates: number[] };

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
    // A point number in front (J1, 界址点2) is skipped.
    expect(point(`J1 ${n.toFixed(3)} ${e.toFixed(3)}`).coordinates[0]).toBeCloseTo(115.35, 7);
    expect(point(`界址点2：${n.toFixed(3)}, ${e.toFixed(3)}`).coordinates[1]).toBeCloseTo(26.33, 7);
  });
  it('reads plain 6-digit eastings as CM 114°E', () => {
    const r = parseCoordinates('433000 2913000\n434000 2913000\n434000 2914000');
    expect(r).toMatchObject({ crs: 'EPSG:4547', geometry: { type: 'Polygon' } });
  });
  it('names the line that cannot be read', () => {
    expect(parseCoordinates('115.3 26.3\nhello\n')).toMatchObject({ line: 2, key: 'coordsNoPair' });
    expect(parseCoordinates('115.3 26.3\n433000 2913000')).toMatchObject({ line: 2 });
    expect(parseCoordinates('')).toMatchObject({ line: 1, key: 'coordsNone' });
  });
});

describe('degrees, minutes, seconds', () => {
  const expected = [115 + 21 / 60 + 22 / 3600, 26 + 19 / 60 + 49 / 3600];
  it.each([
    `115°21'22"E 26°19'49"N`,
    '115°21′22″E, 26°19′49″N',
    '26°19′49″N 115°21′22″E',
    'N26°19′49″ E115°21′22″',
    '115d21m22sE 26d19m49sN',
    '115d 21m 22s, 26d 19m 49s',
    '东经115度21分22秒 北纬26度19分49秒',
    "115°21'22'' 26°19'49''",
    '经度 115°21′22″, 纬度 26°19′49″',
  ])('reads %s as the point (115.356…, 26.330…)', (text) => {
    const c = point(text).coordinates;
    expect(c[0]).toBeCloseTo(expected[0], 9);
    expect(c[1]).toBeCloseTo(expected[1], 9);
  });
  it('reads decimal minutes, west/south and a DMS polygon', () => {
    expect(point('115°21.5′E 26°19.5′N').coordinates).toEqual([115 + 21.5 / 60, 26 + 19.5 / 60]);
    expect(point('70°W 10°S').coordinates).toEqual([-70, -10]);
    const r = parseCoordinates(`115°21'00"E 26°19'00"N\n115°22'00"E 26°19'00"N\n115°22'00"E 26°20'00"N`);
    expect(r).toMatchObject({ geometry: { type: 'Polygon' } });
  });
  it.each([
    ['115°21\'22"E', 'coordsDmsUnread'], // one value
    ['115°21\'22"E 26°19\'49"N 3', 'coordsDmsUnread'], // a number left over
    ['115°61\'22"E 26°19\'49"N', 'coordsDmsOutOfRange'],
    ['115°21\'22"E 26°19\'49"E', 'coordsDmsSameAxis'],
    ['115 21 22 26 19 49', 'coordsTooManyNumbers'], // DMS without signs: never read as (115, 21)
    ['115 21 22', 'coordsTooManyNumbers'],
    ['1 2913000 38433000', 'coordsTooManyNumbers'], // a bare point number: ambiguous
  ])('refuses %s (%s), naming the line', (text, key) => {
    expect(parseCoordinates(`115.3 26.3\n${text}`)).toMatchObject({ line: 2, key });
  });
});
