import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { geodesicArea } from '../../src/core/geo/measure.ts';
import { crsByCode } from '../../src/core/geo/crs.ts';
import { importGeoJson } from '../../src/core/io/geojson.ts';
import { importFile } from '../../src/core/io/registry.ts';
import { XINGGUO_SQUARE, XINGGUO_SQUARE_2, feature, projectRings } from '../fixtures/geo-samples.ts';

const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

describe('GeoJSON import', () => {
  it('reads a FeatureCollection with Chinese properties, keeping order and properties as read', () => {
    const fc = { type: 'FeatureCollection', features: [feature(XINGGUO_SQUARE, { 名称: '长冈乡造林地', 面积: 12.5 }), feature({ type: 'Point', coordinates: [115.3, 26.3] }, { name: '观测点' })] };
    const r = importFile('plots.geojson', enc(fc));
    expect(r.features).toHaveLength(2);
    expect(r.sourceIndex).toEqual([0, 1]);
    expect(r.features[0].properties).toEqual({ 名称: '长冈乡造林地', 面积: 12.5 });
    expect(r.crs).toMatchObject({ id: 'EPSG:4326', how: 'default' });
    expect(r.report).toMatchObject({ read: 2, fixed: [], rejected: [] });
    expect(geodesicArea(r.features[0].geometry)).toBeCloseTo(geodesicArea(XINGGUO_SQUARE), 6);
  });

  it('reads a single Feature and a bare Geometry', () => {
    expect(importGeoJson('one.json', enc(feature(XINGGUO_SQUARE_2, { id: 1 }))).features).toHaveLength(1);
    const bare = importGeoJson('bare.geojson', enc(XINGGUO_SQUARE));
    expect(bare.features[0].geometry).toEqual(XINGGUO_SQUARE);
    expect(bare.features[0].properties).toEqual({});
  });

  it('honours a legacy "crs" member naming a GK zone and reprojects to lon/lat', () => {
    const def = crsByCode(4526)!.proj4;
    const gk: Polygon = { type: 'Polygon', coordinates: projectRings(XINGGUO_SQUARE_2.coordinates, def) };
    const fc = { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4526' } }, features: [feature(gk, {})] };
    const r = importGeoJson('gk.geojson', enc(fc));
    expect(r.crs).toMatchObject({ id: 'EPSG:4526', how: 'prj' });
    const got = (r.features[0].geometry as Polygon).coordinates;
    got.forEach((ring, i) => ring.forEach((p, j) => {
      expect(Math.abs(p[0] - XINGGUO_SQUARE_2.coordinates[i][j][0])).toBeLessThan(1e-9);
      expect(Math.abs(p[1] - XINGGUO_SQUARE_2.coordinates[i][j][1])).toBeLessThan(1e-9);
    }));
    expect(Math.abs(geodesicArea(r.features[0].geometry) / geodesicArea(XINGGUO_SQUARE_2) - 1)).toBeLessThan(1e-9);
  });

  it('assumes a GK zone from zone-prefixed eastings and says so; the user can override', () => {
    const gk: Polygon = { type: 'Polygon', coordinates: projectRings(XINGGUO_SQUARE.coordinates, crsByCode(4526)!.proj4) };
    const r = importGeoJson('nocrs.geojson', enc(feature(gk, {})));
    expect(r.crs).toMatchObject({ id: 'EPSG:4526', how: 'assumed' });
    expect(r.report.warnings.join()).toContain('zone prefix 38');
    // Declaring Beijing 1954 zone 38 instead: same numbers, another datum, a position shift of tens of metres.
    const u = importGeoJson('nocrs.geojson', enc(feature(gk, {})), { crs: 'EPSG:2414' });
    expect(u.crs).toMatchObject({ id: 'EPSG:2414', how: 'user' });
    const [lon, lat] = (u.features[0].geometry as Polygon).coordinates[0][0];
    expect(Math.abs(lon - 115.35) + Math.abs(lat - 26.3)).toBeGreaterThan(1e-5);
    expect(Math.abs(lon - 115.35) + Math.abs(lat - 26.3)).toBeLessThan(1e-2);
  });

  it('refuses an unknown user CRS, naming the file', () => {
    expect(() => importGeoJson('a.geojson', enc(XINGGUO_SQUARE), { crs: 'EPSG:1' })).toThrow(/^a\.geojson: unknown CRS "EPSG:1"/);
  });

  it('rejects malformed features with a reason and keeps the rest', () => {
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: 5 } }, feature(XINGGUO_SQUARE, {}), { type: 'Nope' }] };
    const r = importGeoJson('mixed.geojson', enc(fc));
    expect(r.sourceIndex).toEqual([1]);
    expect(r.report.rejected.map((x) => x.index)).toEqual([0, 2]);
    expect(r.report.rejected[0].why).toMatch(/feature 0: Polygon coordinates are not nested arrays/);
  });
});
