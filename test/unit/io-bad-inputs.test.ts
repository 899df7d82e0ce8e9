// The bad-input corpus: every case must fail (or be repaired) with a message naming the file and the problem,
// never a crash or a hang.
import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import type { Polygon } from 'geojson';
import { importFile } from '../../src/core/io/registry.ts';
import { ImportError } from '../../src/core/io/errors.ts';
import { writeShapefile } from '../../src/core/io/shapefile-write.ts';
import { ESRI_LAMBERT_AZIMUTHAL } from '../fixtures/prj-samples.ts';
import { PLOTS, gk38GbkZip } from '../fixtures/shapefiles.ts';
import { XINGGUO_SQUARE, feature } from '../fixtures/geo-samples.ts';
import { kmlWithChineseNames } from '../fixtures/text-formats.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const json = (v: unknown) => utf8(JSON.stringify(v));

function failure(name: string, bytes: Uint8Array, options?: Parameters<typeof importFile>[2]): string {
  try {
    importFile(name, bytes, options);
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    expect((e as Error).message.startsWith(`${name}: `)).toBe(true);
    return (e as Error).message;
  }
  throw new Error(`${name} was accepted`);
}

function zipParts(parts: Record<string, Uint8Array | undefined>, base = 'plots'): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [ext, data] of Object.entries(parts)) if (data) files[`${base}.${ext}`] = data;
  return zipSync(files);
}

describe('refused files', () => {
  it('not a zip', () => {
    expect(failure('plots.zip', utf8('hello, this is text'))).toMatch(/not a zip file \(expected a zipped shapefile/);
  });

  it('a zip with no .shp', () => {
    expect(failure('docs.zip', zipSync({ 'readme.txt': utf8('x'), 'a/b.doc': utf8('y') }))).toMatch(/the zip holds no \.shp file \(found: readme\.txt, a\/b\.doc\)/);
  });

  it('a zip with .shp but no .dbf', () => {
    const { dbf: _d, ...parts } = writeShapefile(PLOTS, { crs: 4526 });
    expect(failure('nodbf.zip', zipParts(parts))).toMatch(/holds plots\.shp but no plots\.dbf/);
  });

  it('an unknown projection in the .prj', () => {
    const parts = writeShapefile(PLOTS, { crs: 4526 });
    const msg = failure('laea.zip', zipParts({ ...parts, prj: utf8(ESRI_LAMBERT_AZIMUTHAL) }));
    expect(msg).toMatch(/unknown projection in plots\.prj: unknown projection "Lambert_Azimuthal_Equal_Area"/);
  });

  it('empty files, whatever the format', () => {
    for (const name of ['e.geojson', 'e.kml', 'e.gpx', 'e.csv', 'e.zip', 'e.kmz']) expect(failure(name, new Uint8Array(0))).toMatch(/the file is empty/);
    expect(failure('blank.csv', utf8('\r\n\r\n'))).toMatch(/the file is empty/);
  });

  it('a file over the size limit (a small limit option here)', () => {
    expect(failure('big.geojson', json(XINGGUO_SQUARE), { limits: { maxBytes: 50 } })).toMatch(/the file is \d+ bytes, over the size limit of 50 bytes/);
  });

  it('too many features or vertices', () => {
    const fc = { type: 'FeatureCollection', features: [feature(XINGGUO_SQUARE, {}), feature(XINGGUO_SQUARE, {})] };
    expect(failure('many.geojson', json(fc), { limits: { maxFeatures: 1 } })).toMatch(/more than 1 features \(the limit\)/);
    expect(failure('dense.geojson', json(fc), { limits: { maxVertices: 6 } })).toMatch(/more than 6 vertices \(the limit\)/);
  });

  it('a zip bomb: compression ratio and unpacked size limits', () => {
    const bomb = zipSync({ 'x.shp': new Uint8Array(4 * 1024 * 1024), 'x.dbf': new Uint8Array(10) }, { level: 9 });
    expect(failure('bomb.zip', bomb, { limits: { maxZipRatio: 100 } })).toMatch(/entry x\.shp is compressed \d+:1, over the 100:1 limit; possible zip bomb/);
    expect(failure('bomb.zip', bomb, { limits: { maxUnzippedBytes: 1024 * 1024 } })).toMatch(/unpacks to more than 1 MB.*zip bomb/);
    const many = zipSync(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}.txt`, utf8('x')])));
    expect(failure('many.zip', many, { limits: { maxZipEntries: 10 } })).toMatch(/more than 10 entries/);
  });

  it('a truncated zip', () => {
    const zip = gk38GbkZip();
    expect(failure('cut.zip', zip.subarray(0, Math.floor(zip.length / 2)))).toMatch(/truncated or corrupt zip/);
  });

  it('a corrupt .shp header', () => {
    const parts = writeShapefile(PLOTS, { crs: 4526 });
    const shp = parts.shp.slice();
    shp[0] = 0x12;
    expect(failure('hdr.zip', zipParts({ ...parts, shp }))).toMatch(/plots\.shp: corrupt \.shp header: file code \d+, expected 9994/);
    expect(failure('short.zip', zipParts({ ...parts, shp: parts.shp.subarray(0, 60) }))).toMatch(/plots\.shp: corrupt \.shp header: the file is 60 bytes/);
  });

  it('a truncated .shp keeps the whole records and reports the cut one', () => {
    const parts = writeShapefile(PLOTS, { crs: 4526 });
    const r = importFile('cutshp.zip', zipParts({ ...parts, shp: parts.shp.subarray(0, parts.shp.length - 20) }));
    expect(r.features).toHaveLength(1);
    expect(r.report.rejected[0].why).toMatch(/feature 1: record 1 is truncated or corrupt/);
  });

  it('XML with DOCTYPE/ENTITY (billion laughs, external entities) is refused before parsing', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><kml><Document><name>&lol2;</name></Document></kml>`;
    expect(failure('lol.kml', utf8(laughs))).toMatch(/refused: the XML contains a DOCTYPE\/ENTITY declaration/);
    const xxe = `<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><gpx><wpt lat="1" lon="1"><name>&xxe;</name></wpt></gpx>`;
    expect(failure('xxe.gpx', utf8(xxe))).toMatch(/refused: the XML contains a DOCTYPE\/ENTITY/);
  });

  it('malformed XML, wrong root, broken JSON, unsupported extension', () => {
    expect(failure('broken.kml', utf8('<kml><Document><Placemark></Document></kml>'))).toMatch(/not well-formed XML/);
    expect(failure('wrong.gpx', utf8(kmlWithChineseNames()))).toMatch(/not a GPX file \(the root element is <kml>\)/);
    expect(failure('broken.geojson', utf8('{"type": "FeatureCollection", "features": ['))).toMatch(/not valid JSON/);
    expect(failure('plots.dwg', utf8('x'))).toMatch(/unsupported file type \.dwg/);
    expect(failure('cell.csv', utf8('lon,lat,note\n115,26,"never closed\n'.padEnd(300, 'x')), { limits: { maxCellChars: 100 } })).toMatch(/line 2: a cell is longer than 100 characters/);
  });
});

describe('per-feature problems: repaired or rejected with a reason', () => {
  const square = XINGGUO_SQUARE.coordinates[0];
  const poly = (ring: number[][]): Polygon => ({ type: 'Polygon', coordinates: [ring] });
  const fc = {
    type: 'FeatureCollection',
    features: [
      feature(poly(square.slice(0, 4)), { name: '未闭合' }),
      feature(poly([square[0], square[1], square[1], square[2], square[3], square[3], square[0]]), { name: '重复点' }),
      feature(poly([...square].reverse()), { name: '顺时针' }),
      feature(poly([[115.3, 26.3], [115.31, 26.31], [115.31, 26.3], [115.3, 26.31], [115.3, 26.3]]), { name: '自相交' }),
      feature({ type: 'Point', coordinates: [115.3, 96.3] }, { name: '越界' }),
      feature(XINGGUO_SQUARE, { name: '正常' }),
    ],
  };
  const r = importFile('problems.geojson', json(fc));

  it('an unclosed ring is closed and reported', () => {
    expect(r.report.fixed).toContainEqual({ index: 0, what: 'feature 0 "未闭合": outer ring: closed the ring' });
  });
  it('duplicate points are removed and reported', () => {
    expect(r.report.fixed).toContainEqual({ index: 1, what: 'feature 1 "重复点": outer ring: removed 2 repeated points' });
  });
  it('wrong winding is reversed and reported', () => {
    expect(r.report.fixed.find((f) => f.index === 2)?.what).toMatch(/feature 2 "顺时针": outer ring: reversed the winding/);
  });
  it('a self-intersection is rejected with the place it happens', () => {
    expect(r.report.rejected).toContainEqual({
      index: 3,
      why: expect.stringMatching(/^feature 3 "自相交": self-intersection: edge 0 of outer ring crosses edge 2 of outer ring at \(115\.305, 26\.305\d*\)$/),
    });
  });
  it('coordinates out of range are rejected naming the feature', () => {
    expect(r.report.rejected).toContainEqual({ index: 4, why: 'feature 4 "越界": point: coordinate (115.3, 96.3) is out of range (lon -180…180, lat -90…90)' });
  });
  it('the repaired and valid features are kept with their file positions', () => {
    expect(r.sourceIndex).toEqual([0, 1, 2, 5]);
  });
  it('GK numbers reprojected out of range are rejected with the CRS named', () => {
    const far = importFile('far.geojson', json(feature({ type: 'Point', coordinates: [38500000, 9.9e9] }, {})), { crs: 'EPSG:4526' });
    expect(far.report.rejected[0].why).toBe('feature 0: cannot reproject from CGCS2000 / 3-degree Gauss-Kruger zone 38 (coordinate (38500000, 9900000000) is outside the area this CRS covers)');
    const wrongZone = importFile('far.geojson', json(feature({ type: 'Point', coordinates: [60500000, 2.9e6] }, {})), { crs: 'EPSG:4526' });
    expect(wrongZone.report.rejected[0].why).toMatch(/cannot reproject from CGCS2000/);
  });
});
