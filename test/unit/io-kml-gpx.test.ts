import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { geodesicArea, geodesicLength } from '../../src/core/geo/measure.ts';
import { importFile } from '../../src/core/io/registry.ts';
import { encodeGbk } from '../../src/core/io/gbk-encode.ts';
import { XINGGUO_SQUARE, XINGGUO_SQUARE_2 } from '../fixtures/geo-samples.ts';
import { TRAIL, gpxTrackAndWaypoints, kmlWithChineseNames, kmzOf } from '../fixtures/text-formats.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const rel = (a: number, b: number) => Math.abs(a / b - 1);

describe('KML with Chinese names', () => {
  const r = importFile('兴国地块.kml', utf8(kmlWithChineseNames()));

  it('reads every placemark in document order with its name and extended data', () => {
    expect(r.features.map((f) => f.properties!.name)).toEqual(['长冈乡油茶林', '城郊造林地（含空地）', '护林防火道', '瞭望塔']);
    expect(r.features[0].properties!['小班号']).toBe('XB-001');
    expect(r.sourceIndex).toEqual([0, 1, 2, 3]);
    expect(r.crs).toMatchObject({ id: 'EPSG:4326', how: 'default' });
  });

  it('keeps polygons with holes; areas and lengths match the source shapes', () => {
    expect((r.features[1].geometry as Polygon).coordinates).toHaveLength(2);
    expect(rel(geodesicArea(r.features[0].geometry), geodesicArea(XINGGUO_SQUARE))).toBeLessThan(1e-12);
    expect(rel(geodesicArea(r.features[1].geometry), geodesicArea(XINGGUO_SQUARE_2))).toBeLessThan(1e-12);
    expect(rel(geodesicLength(r.features[2].geometry), geodesicLength({ type: 'LineString', coordinates: TRAIL }))).toBeLessThan(1e-12);
  });

  it('reads a GBK-encoded KML that declares its encoding', () => {
    const gbk = kmlWithChineseNames().replace('encoding="UTF-8"', 'encoding="GBK"');
    const g = importFile('gbk.kml', encodeGbk(gbk));
    expect(g.encoding).toBe('gbk');
    expect(g.features[3].properties!.name).toBe('瞭望塔');
  });
});

describe('KMZ', () => {
  it('reads doc.kml from the zip', () => {
    const r = importFile('兴国地块.kmz', kmzOf(kmlWithChineseNames()));
    expect(r.features).toHaveLength(4);
    expect(r.features[0].properties!.name).toBe('长冈乡油茶林');
  });
});

describe('GPX', () => {
  const r = importFile('巡山.gpx', utf8(gpxTrackAndWaypoints()));

  it('reads waypoints, a two-segment track and a route, indexed in document order', () => {
    expect(r.features.map((f) => [f.properties!.name, f.geometry!.type])).toEqual([
      ['瞭望塔', 'Point'],
      ['巡山路线', 'MultiLineString'],
      ['规划路线', 'LineString'],
      ['苗圃', 'Point'],
    ]);
    expect(r.sourceIndex).toEqual([0, 1, 2, 3]);
  });

  it('track and route lengths match the path they were made from', () => {
    const want = geodesicLength({ type: 'LineString', coordinates: TRAIL });
    expect(rel(geodesicLength(r.features[1].geometry), want)).toBeLessThan(1e-12);
    expect(rel(geodesicLength(r.features[2].geometry), want)).toBeLessThan(1e-12);
    expect(geodesicArea(r.features[1].geometry)).toBe(0);
  });
});
