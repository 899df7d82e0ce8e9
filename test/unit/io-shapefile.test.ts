import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { zipSync } from 'fflate';
import { geodesicArea, geodesicLength } from '../../src/core/geo/measure.ts';
import { CRS_DEFS } from '../../src/core/geo/crs.ts';
import { crsFromWkt, wktForCode } from '../../src/core/io/prj.ts';
import { importFile } from '../../src/core/io/registry.ts';
import { importShapefileParts } from '../../src/core/io/shapefile.ts';
import { writeShapefile, zipShapefile } from '../../src/core/io/shapefile-write.ts';
import { encodeGbk } from '../../src/core/io/gbk-encode.ts';
import { PLOTS, TWO_PARTS, gk38GbkParts, gk38GbkZip, markDeleted } from '../fixtures/shapefiles.ts';
import { XINGGUO_SQUARE, feature } from '../fixtures/geo-samples.ts';

const rel = (a: number, b: number) => Math.abs(a / b - 1);

function expectSameRings(got: Position[][], want: Position[][], tol = 1e-9) {
  expect(got.length).toBe(want.length);
  got.forEach((ring, i) => {
    expect(ring.length).toBe(want[i].length);
    ring.forEach((p, j) => {
      expect(Math.abs(p[0] - want[i][j][0])).toBeLessThan(tol);
      expect(Math.abs(p[1] - want[i][j][1])).toBeLessThan(tol);
    });
  });
}

describe('zipped shapefile: CGCS2000 3° GK zone 38, GBK attributes, no .cpg', () => {
  const r = importFile('兴国小班.zip', gk38GbkZip());

  it('reads the CRS from the .prj and the encoding from the content', () => {
    expect(r.crs).toMatchObject({ id: 'EPSG:4526', how: 'prj' });
    expect(r.encoding).toBe('gbk');
    expect(r.report.warnings.join('\n')).toMatch(/read as GBK, detected from the content/);
  });

  it('decodes Chinese field names and values', () => {
    expect(r.features.map((f) => f.properties)).toEqual([
      { 名称: '长冈乡油茶林', 小班号: 'XB-001', 树种: '油茶', 郁闭度: 0.65 },
      { 名称: '城郊造林地（含空地）', 小班号: 'XB-002', 树种: '湿地松', 郁闭度: 0.4 },
    ]);
  });

  it('gets back the original lon/lat (holes included) and the same ellipsoidal area', () => {
    PLOTS.forEach((plot, i) => {
      expectSameRings((r.features[i].geometry as Polygon).coordinates, (plot.geometry as Polygon).coordinates);
      expect(rel(geodesicArea(r.features[i].geometry), geodesicArea(plot.geometry))).toBeLessThan(1e-9);
    });
    expect(r.report).toMatchObject({ read: 2, fixed: [], rejected: [] });
  });

  it('the GK coordinates in the .shp really are zone-38 numbers (prefix 38, 6-digit in-zone easting)', () => {
    const shp = gk38GbkParts().shp;
    const x = new DataView(shp.buffer).getFloat64(36, true);
    expect(Math.floor(x / 1e6)).toBe(38);
  });
});

describe('shapefile encodings', () => {
  it('uses the language-driver byte 0x4D (code page 936) when there is no .cpg', () => {
    const { cpg: _c, ...parts } = gk38GbkParts({ languageDriver: 0x4d });
    const r = importShapefileParts('x.zip', { base: 'x', ...parts });
    expect(r.encoding).toBe('gbk');
    expect(r.features[0].properties!['名称']).toBe('长冈乡油茶林');
    expect(r.report.warnings.join()).not.toMatch(/detected/);
  });

  it('uses the .cpg over the language-driver byte', () => {
    const parts = writeShapefile(PLOTS, { encoding: 'utf-8', languageDriver: 0x4d });
    const r = importShapefileParts('u.zip', { base: 'u', ...parts });
    expect(r.encoding).toBe('utf-8');
    expect(r.features[1].properties!['树种']).toBe('湿地松');
  });

  it('understands "936" in a .cpg, and a user choice overrides everything', () => {
    const parts = gk38GbkParts();
    const r = importShapefileParts('c.zip', { base: 'c', ...parts, cpg: new TextEncoder().encode('936\n') });
    expect(r.encoding).toBe('gbk');
    const wrong = importShapefileParts('c.zip', { base: 'c', ...parts }, { encoding: 'utf-8' });
    expect(wrong.features[0].properties!['树种']).not.toBe('油茶');
  });

  it('GBK encoder agrees with TextDecoder', () => {
    const text = '兴国县长冈乡 油茶林 XB-001（湿地松）';
    expect(new TextDecoder('gbk').decode(encodeGbk(text))).toBe(text);
    expect(encodeGbk('中').length).toBe(2);
  });
});

describe('shapefile geometry', () => {
  it('reads a MultiPolygon with a hole, assigning the hole to the right outer ring', () => {
    const parts = writeShapefile([TWO_PARTS], { crs: 4547 });
    const r = importShapefileParts('m.zip', { base: 'm', ...parts });
    const g = r.features[0].geometry as MultiPolygon;
    expect(g.type).toBe('MultiPolygon');
    expect(g.coordinates.map((p) => p.length)).toEqual([1, 2]);
    expect(rel(geodesicArea(g), geodesicArea(TWO_PARTS.geometry))).toBeLessThan(1e-9);
  });

  it('reads lines, points, multipoints and null shapes; skips deleted records', () => {
    const line = feature({ type: 'LineString', coordinates: [[115.3, 26.3], [115.31, 26.31], [115.33, 26.3]] }, { 名称: '林道' });
    const lines = writeShapefile([line, feature(null, { 名称: '空' }), line], { crs: 4526 });
    const r = importShapefileParts('l.zip', { base: 'l', ...lines, dbf: markDeleted(lines.dbf, 2) });
    expect(r.features.map((f) => f.geometry?.type ?? null)).toEqual(['LineString', null]);
    expect(r.report.warnings.join()).toMatch(/skipped 1 record marked deleted/);
    expect(rel(geodesicLength(r.features[0].geometry), geodesicLength(line.geometry))).toBeLessThan(1e-9);
    const pts = writeShapefile([feature({ type: 'Point', coordinates: [115.4, 26.4] }, { a: 1 })], { crs: 4326 });
    const p = importShapefileParts('p.zip', { base: 'p', ...pts });
    expect(p.features[0].geometry).toEqual({ type: 'Point', coordinates: [115.4, 26.4] });
    expect(p.crs.id).toBe('EPSG:4326');
    const mp = writeShapefile([feature({ type: 'MultiPoint', coordinates: [[115.4, 26.4], [115.5, 26.5]] }, {})]);
    expect(importShapefileParts('mp.zip', { base: 'mp', ...mp }).features[0].geometry?.type).toBe('MultiPoint');
  });

  it('reads Z variants as 2D (PolygonZ)', () => {
    const { shp, ...rest } = writeShapefile([feature(XINGGUO_SQUARE, { n: 1 })], { crs: 4326 });
    // Turn the Polygon record into PolygonZ: shape type 15 and a Z range + one Z per point appended.
    const n = 5, zBytes = 16 + 8 * n;
    const z = new Uint8Array(shp.length + zBytes);
    z.set(shp);
    const v = new DataView(z.buffer);
    v.setInt32(32, 15, true);
    v.setInt32(108, 15, true);
    v.setInt32(104, v.getInt32(104, false) + zBytes / 2, false);
    v.setInt32(24, z.length / 2, false);
    const r = importShapefileParts('z.zip', { base: 'z', shp: z, ...rest });
    expectSameRings((r.features[0].geometry as Polygon).coordinates, XINGGUO_SQUARE.coordinates);
  });

  it('without a .prj, recognises zone-prefixed GK eastings and says what was assumed', () => {
    const { prj: _p, ...parts } = gk38GbkParts();
    const r = importShapefileParts('noprj.zip', { base: 'noprj', ...parts });
    expect(r.crs).toMatchObject({ id: 'EPSG:4526', how: 'assumed' });
    expect(r.report.warnings.join('\n')).toMatch(/no noprj\.prj[\s\S]*zone prefix 38/);
    expectSameRings((r.features[0].geometry as Polygon).coordinates, (PLOTS[0].geometry as Polygon).coordinates);
  });

  it('without a .prj and 6-digit eastings, assumes CM 114°E; the user can pick another CM', () => {
    const { prj: _p, ...parts } = writeShapefile(PLOTS, { crs: 4547 });
    const r = importShapefileParts('cm.zip', { base: 'cm', ...parts });
    expect(r.crs).toMatchObject({ id: 'EPSG:4547', how: 'assumed' });
    expect(r.report.warnings.join()).toMatch(/central meridian 114°E/);
    expect(rel(geodesicArea(r.features[0].geometry), geodesicArea(PLOTS[0].geometry))).toBeLessThan(1e-9);
    const u = importShapefileParts('cm.zip', { base: 'cm', ...parts }, { crs: 'EPSG:4548' });
    expect(u.crs.how).toBe('user');
    expect((u.features[0].geometry as Polygon).coordinates[0][0][0]).toBeCloseTo(115.35 + 3, 1);
  });

  it('writes .prj files our reader maps back to the same EPSG code, for every GK zone and datum', () => {
    for (const d of CRS_DEFS.filter((x) => x.kind !== 'other')) expect(crsFromWkt(wktForCode(d.code)).id).toBe(`EPSG:${d.code}`);
  });

  it('takes the first shapefile of a zip holding several and says so', () => {
    const a = writeShapefile(PLOTS, { crs: 4526 });
    const b = writeShapefile([PLOTS[0]], { crs: 4526 });
    const files: Record<string, Uint8Array> = {};
    for (const [k, v] of Object.entries(a)) if (v) files[`a.${k}`] = v;
    for (const [k, v] of Object.entries(b)) if (v) files[`sub/b.${k}`] = v;
    const r = importFile('two.zip', zipSync(files));
    expect(r.features).toHaveLength(2);
    expect(r.report.warnings[0]).toMatch(/holds 2 shapefiles; read a\.shp only/);
    expect(zipShapefile('x', a).length).toBeGreaterThan(100);
  });
});
