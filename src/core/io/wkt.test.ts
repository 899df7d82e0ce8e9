// WKT both ways, and the sites CSV (its geometry column in WKT) imported back through the CSV importer.
import { describe, expect, it } from 'vitest';
import { strToU8 } from 'fflate';
import type { Geometry } from 'geojson';
import { geodesicArea } from '../geo/measure.ts';
import { sitesToCsv, sitesToGeoJson } from './export-sites.ts';
import { importFile } from './registry.ts';
import { geometryToWkt, looksLikeWkt, wktToGeometry } from './wkt.ts';

const holed: Geometry = { type: 'Polygon', coordinates: [
  [[115.3, 26.3], [115.31, 26.3], [115.31, 26.31], [115.3, 26.31], [115.3, 26.3]],
  [[115.302, 26.302], [115.302, 26.304], [115.304, 26.304], [115.304, 26.302], [115.302, 26.302]]] };
const multi: Geometry = { type: 'MultiPolygon', coordinates: [holed.coordinates, [[[115.4, 26.4], [115.41, 26.4], [115.41, 26.41], [115.4, 26.4]]]] };

describe('WKT', () => {
  it.each([
    ['POINT (115.3 26.3)', { type: 'Point', coordinates: [115.3, 26.3] }],
    ['LINESTRING (1 2, 3 4)', { type: 'LineString', coordinates: [[1, 2], [3, 4]] }],
    ['MULTIPOINT ((1 2), (3 4))', { type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] }],
    ['MULTIPOINT (1 2, 3 4)', { type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] }],
    ['POLYGON Z ((0 0 1, 1 0 1, 1 1 1, 0 0 1))', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }],
    ['SRID=4490;point(1 2)', { type: 'Point', coordinates: [1, 2] }],
    ['GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (1 2, 3 4))', { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 2] }, { type: 'LineString', coordinates: [[1, 2], [3, 4]] }] }],
  ])('reads %s', (text, g) => expect(wktToGeometry(text)).toEqual(g));
  it('reads EMPTY as null and writes every type back to the same geometry', () => {
    expect(wktToGeometry('POLYGON EMPTY')).toBeNull();
    for (const g of [holed, multi, { type: 'LineString', coordinates: [[1, 2], [3, 4]] } as Geometry]) expect(wktToGeometry(geometryToWkt(g))).toEqual(g);
  });
  it('recognises WKT by a type followed by a bracket or EMPTY, not a column named "polygon"', () => {
    expect(looksLikeWkt('polygon')).toBe(false);
    expect(looksLikeWkt(' POLYGON Z ((0 0 0, 1 0 0, 1 1 0, 0 0 0))')).toBe(true);
    expect(looksLikeWkt('point empty')).toBe(true);
  });
  it('keeps its messages short whatever the text', () => {
    expect(() => wktToGeometry(`POLYGONX${'X'.repeat(5000)} (1 2)`)).toThrow(/^.{0,120}$/);
  });
  it.each(['POLYGON ((0 0, 1 0, 1 1, 0 0)', 'POINT (1)', 'CIRCLE (1 2)', 'POINT (1 2) garbage', 'Polygon', 'POINT (1 2, 3 4)'])('refuses %s, saying where', (text) => {
    expect(() => wktToGeometry(text)).toThrow(/not valid WKT: .* at character \d+/);
  });
});

describe('the sites CSV imports back', () => {
  const sites = [
    { id: 'a', name: '光伏一号', type: '光伏', note: '备注, 有逗号', geometry: holed },
    { id: 'b', name: '造林二号', type: '造林', note: '', geometry: multi, attributes: { DI_LEI: '0132', QI_YUAN: '11' } },
  ];
  it('geometry (holes and parts kept, same ellipsoidal area), name, type and note come back', () => {
    const r = importFile('sites.csv', strToU8(sitesToCsv(sites.map((s) => ({ ...s, analysis: null })))));
    expect(r.report.rejected).toEqual([]);
    expect(r.features).toHaveLength(2);
    sites.forEach((s, i) => {
      const back = r.features[i];
      expect(back.geometry?.type).toBe(s.geometry.type);
      expect(Math.abs(geodesicArea(back.geometry!) - geodesicArea(s.geometry))).toBeLessThan(0.01);
      expect(back.properties?.['名称 name']).toBe(s.name);
      expect(back.properties?.['类型 type']).toBe(s.type);
      expect(back.properties?.['备注 note']).toBe(s.note);
    });
  });
  it('a row with bad WKT is rejected with its line, the others import', () => {
    const csv = '名称,geometry\n甲,"POLYGON ((115.3 26.3, 115.31 26.3, 115.31 26.31, 115.3 26.3))"\n乙,"POLYGON ((115.3 26.3"\n';
    const r = importFile('wkt.csv', strToU8(csv));
    expect(r.features).toHaveLength(1);
    expect(r.report.rejected[0].why).toMatch(/^row 1 \(line 3\).*not valid WKT/);
  });
  it('coded inventory attributes are exported with their names beside them (DI_LEI_MC, QI_YUAN_MC)', () => {
    const fc = JSON.parse(sitesToGeoJson(sites));
    expect(fc.features[1].properties).toMatchObject({ DI_LEI: '0132', DI_LEI_MC: '其他灌木林地', QI_YUAN: '11', QI_YUAN_MC: '天然' });
  });
});
