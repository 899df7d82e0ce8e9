import { describe, expect, it } from 'vitest';
import { importFile } from '../core/io/registry.ts';
import { writeShapefile } from '../core/io/shapefile-write.ts';
import { bundleShapefileParts } from './loose-shapefile.ts';

describe('loose shapefile parts', () => {
  const parts = writeShapefile([{ type: 'Feature', properties: { MC: '散件' }, geometry: { type: 'Point', coordinates: [115.3, 26.3] } }], { crs: 4526, encoding: 'gbk' });
  it('bundles the parts of one name into a zip the shapefile importer reads; other files pass through', () => {
    const files = [
      { name: 'a.geojson', bytes: new Uint8Array([1]) },
      ...(['shp', 'shx', 'dbf', 'prj'] as const).map((e) => ({ name: `散件.${e}`, bytes: parts[e]! })),
    ];
    const out = bundleShapefileParts(files);
    expect(out.map((f) => [f.name, f.importName, f.missing])).toEqual([['a.geojson', 'a.geojson', undefined], ['散件.shp', '散件.zip', undefined]]);
    const r = importFile(out[1].importName, out[1].bytes);
    expect(r.features).toHaveLength(1);
    expect(r.features[0].properties?.MC).toBe('散件');
    expect(r.crs.id).toBe('EPSG:4526');
  });
  it('names what is missing: a .shp without its .dbf, a .dbf without its .shp', () => {
    expect(bundleShapefileParts([{ name: 'x.shp', bytes: parts.shp }]).map((f) => f.missing)).toEqual(['.dbf']);
    expect(bundleShapefileParts([{ name: 'y.dbf', bytes: parts.dbf }, { name: 'y.prj', bytes: parts.prj! }]).map((f) => [f.name, f.missing])).toEqual([['y.dbf', '.shp']]);
  });
});
