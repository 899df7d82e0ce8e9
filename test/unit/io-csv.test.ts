import { describe, expect, it } from 'vitest';
import type { Point, Polygon } from 'geojson';
import { geodesicArea } from '../../src/core/geo/measure.ts';
import { crsByCode, fromLonLat } from '../../src/core/geo/crs.ts';
import { importFile } from '../../src/core/io/registry.ts';
import { importCsv, parseCoordinate } from '../../src/core/io/csv.ts';
import { XINGGUO_SQUARE, XINGGUO_SQUARE_2 } from '../fixtures/geo-samples.ts';
import { CSV_ROWS, csvGbk, csvPolygons, csvText } from '../fixtures/text-formats.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('CSV points', () => {
  it('reads a GBK file with 经度/纬度 columns, quoted cells and DMS values', () => {
    const r = importFile('界址点.csv', csvGbk());
    expect(r.encoding).toBe('gbk');
    expect(r.features.map((f) => f.properties)).toEqual([
      { 名称: '瞭望塔', 备注: '海拔210米' },
      { 名称: '苗圃, 东区', 备注: '"老"苗圃' },
      { 名称: '界碑', 备注: '' },
    ]);
    expect((r.features[0].geometry as Point).coordinates).toEqual([115.33, 26.33]);
    expect((r.features[2].geometry as Point).coordinates).toEqual([115.35, 26.3]);
  });

  it('reads UTF-8 with a BOM, semicolons and tabs', () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(csvText(CSV_ROWS, ';'))]);
    expect(importCsv('bom.csv', withBom).features[1].properties!['名称']).toBe('苗圃, 东区');
    expect(importCsv('t.tsv', utf8(csvText(CSV_ROWS, '\t'))).features).toHaveLength(3);
  });

  it('reads lon/lat/x/y headers in any case, and a headerless file (with a warning)', () => {
    expect(importCsv('a.csv', utf8('ID,Longitude,Latitude\n1,115.3,26.3\n')).features).toHaveLength(1);
    const h = importCsv('n.csv', utf8('115.3,26.3,a\n115.4,26.4,b\n'));
    expect(h.features).toHaveLength(2);
    expect(h.report.warnings.join()).toMatch(/no header row/);
  });

  it('rejects rows with unreadable numbers, naming the row and line', () => {
    const r = importCsv('bad.csv', utf8('lon,lat\n115.3,26.3\nabc,26.3\n'));
    expect(r.features).toHaveLength(1);
    expect(r.report.rejected[0]).toEqual({ index: 1, why: 'row 1 (line 3): lon "abc" is not a number' });
  });

  it('parses degrees-minutes-seconds and hemispheres', () => {
    expect(parseCoordinate(`115°21'30"E`)).toBeCloseTo(115 + 21 / 60 + 30 / 3600, 12);
    expect(parseCoordinate('26度18分')).toBeCloseTo(26.3, 12);
    expect(parseCoordinate('33.5S')).toBe(-33.5);
    expect(parseCoordinate('1e2')).toBe(100);
    expect(parseCoordinate('x')).toBeUndefined();
  });

  it('GK X/Y columns in survey order (X = northing) are recognised and swapped, with a warning', () => {
    const [e, n] = fromLonLat(crsByCode(4526)!.proj4)(115.35, 26.3);
    const r = importCsv('gk.csv', utf8(`点号,X,Y\nJ1,${n},${e}\n`));
    expect(r.crs).toMatchObject({ id: 'EPSG:4526', how: 'assumed' });
    expect(r.report.warnings.join()).toMatch(/swapped/);
    const [lon, lat] = (r.features[0].geometry as Point).coordinates;
    expect(Math.abs(lon - 115.35) + Math.abs(lat - 26.3)).toBeLessThan(1e-9);
  });
});

describe('CSV polygons from a 地块编号 column', () => {
  it('turns rows sharing a plot number into one polygon each, closing the ring', () => {
    const r = importCsv('界址.csv', utf8(csvPolygons()));
    expect(r.features).toHaveLength(2);
    expect(r.features[0].properties).toEqual({ 地块编号: 'A', 点号: 'J1' });
    expect(Math.abs(geodesicArea(r.features[0].geometry) / geodesicArea(XINGGUO_SQUARE) - 1)).toBeLessThan(1e-12);
    expect(Math.abs(geodesicArea(r.features[1].geometry) / geodesicArea({ type: 'Polygon', coordinates: [XINGGUO_SQUARE_2.coordinates[0]] }) - 1)).toBeLessThan(1e-12);
    expect((r.features[0].geometry as Polygon).coordinates[0]).toHaveLength(5);
    expect(r.report.fixed).toEqual([]);
  });
});
