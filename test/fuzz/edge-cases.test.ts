// The hostile inputs that need size or depth, which random generation at CI sizes would never reach: deep nesting,
// millions of vertices, huge strings, zip bombs and liars, every truncation of a zip. Each ends in a result or a
// clear ImportError within a measured time.
import { zipSync } from 'fflate';
import type { Feature, Geometry } from 'geojson';
import { afterAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/core/io/registry.ts';
import { writeShapefile, zipShapefile } from '../../src/core/io/shapefile-write.ts';
import { outcome, printTallies, tally } from './harness.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const edges = tally('edge cases');
/** Million-vertex and 100 MB inputs take seconds, not milliseconds; still bounded. */
const LARGE_INPUT_MS = 15_000;
afterAll(() => printTallies('fuzz: edge cases (size and depth)'));

/** Import and classify; returns the result or the error message. */
function attempt(name: string, bytes: Uint8Array, options?: Parameters<typeof importFile>[2]) {
  let message = '';
  const result = outcome(edges, name, bytes, () => {
    try {
      return importFile(name, bytes, options);
    } catch (e) {
      message = (e as Error).message;
      throw e;
    }
  }, LARGE_INPUT_MS);
  return { result, message };
}

describe('deep nesting', () => {
  it.each([10, 1_000, 100_000])('a GeoJSON GeometryCollection nested %i deep is rejected with a reason', (depth) => {
    const text = `{"type":"Feature","properties":{"name":"deep"},"geometry":${'{"type":"GeometryCollection","geometries":['.repeat(depth)}{"type":"Point","coordinates":[115.3,26.3]}${']}'.repeat(depth)}}`;
    const { result, message } = attempt('deep.geojson', utf8(text));
    if (result) expect(result.report.rejected[0]?.why).toMatch(/nested too deeply|malformed/);
    else expect(message).toMatch(/^deep\.geojson: /);
  });

  it.each([10, 100, 10_000, 100_000])('KML MultiGeometry / Folder nested %i deep', (depth) => {
    const geom = `${'<MultiGeometry>'.repeat(depth)}<Point><coordinates>115.3,26.3</coordinates></Point>${'</MultiGeometry>'.repeat(depth)}`;
    const folders = `${'<Folder>'.repeat(depth)}<Placemark><name>x</name>${geom}</Placemark>${'</Folder>'.repeat(depth)}`;
    const { result, message } = attempt('deep.kml', utf8(`<kml xmlns="http://www.opengis.net/kml/2.2"><Document>${folders}</Document></kml>`));
    if (depth > 100) expect(message).toBe('deep.kml: refused: elements are nested more than 256 deep (the limit)');
    else expect(result?.features).toHaveLength(1);
  });
});

describe('size', () => {
  const line = (n: number) => Array.from({ length: n }, (_, i) => [115 + (i % 1000) * 1e-4, 26 + Math.floor(i / 1000) * 1e-4]);

  it('a GeoJSON LineString of 1,000,000 vertices imports; with a 500,000-vertex limit it is refused clearly', () => {
    const text = JSON.stringify({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: line(1_000_000) } });
    const ok = attempt('big.geojson', utf8(text));
    expect(ok.result?.features).toHaveLength(1);
    const refused = attempt('big.geojson', utf8(text), { limits: { maxVertices: 500_000 } });
    expect(refused.message).toBe('big.geojson: more than 500,000 vertices (the limit); simplify or split the file');
  }, 120_000);

  it('a zipped shapefile polygon of 1,000,000 vertices imports within the time bound', () => {
    const square: Geometry = { type: 'Polygon', coordinates: [[[115.3, 26.3], ...Array.from({ length: 999_996 }, (_, i) => [115.3 + (i + 1) * 1e-8, 26.3] as [number, number]), [115.31, 26.31], [115.3, 26.31], [115.3, 26.3]]] };
    const zip = zipShapefile('big', writeShapefile([{ type: 'Feature', properties: { name: 'big' }, geometry: square }]));
    const { result, message } = attempt('big.zip', zip);
    expect(result ? result.features.length + result.report.rejected.length : message).toBe(1);
  }, 120_000);

  it('a 20 MB feature name imports (text is data, not a problem); a 1,000,000-char CSV cell hits the cell limit', () => {
    const name = '长'.repeat(20_000_000 / 3);
    const { result } = attempt('name.geojson', utf8(JSON.stringify({ type: 'Feature', properties: { name }, geometry: { type: 'Point', coordinates: [115.3, 26.3] } })));
    expect(String(result?.features[0].properties?.name).length).toBe(name.length);
    const { message } = attempt('cell.csv', utf8(`lon,lat,note\n115.3,26.3,${'x'.repeat(1_000_000)}\n`));
    expect(message).toBe('cell.csv: line 2: a cell is longer than 10000 characters (an unclosed quote?)');
  }, 120_000);

  it('NaN, Infinity and 1e999 coordinates are rejected per feature, naming it', () => {
    const fc = { type: 'FeatureCollection', features: [0, 1, 2].map((i) => ({ type: 'Feature', properties: { name: `f${i}` }, geometry: { type: 'Point', coordinates: [115.3, 26.3] } })) };
    const text = JSON.stringify(fc).replace('[115.3,26.3]', '[1e999,26.3]').replace('[115.3,26.3]', '[-1e999,26.3]');
    const { result } = attempt('inf.geojson', utf8(text));
    expect(result?.features).toHaveLength(1);
    expect(result?.report.rejected.map((r) => r.why)).toEqual([expect.stringMatching(/^feature 0 "f0": /), expect.stringMatching(/^feature 1 "f1": /)]);
    const shp: Feature<Geometry>[] = [{ type: 'Feature', properties: { name: 'nan' }, geometry: { type: 'Point', coordinates: [NaN, 26.3] } }];
    const nan = attempt('nan.zip', zipShapefile('nan', writeShapefile(shp, { crs: 4490 })));
    expect(nan.result?.report.rejected[0]?.why).toMatch(/^feature 0 "nan": /);
  });
});

describe('zips', () => {
  it('every truncation of a KMZ and of a zipped shapefile ends in a result or a clear error', () => {
    const kmz = zipSync({ 'doc.kml': utf8('<kml><Placemark><name>a</name><Point><coordinates>115.3,26.3</coordinates></Point></Placemark></kml>') });
    const shz = zipShapefile('p', writeShapefile([{ type: 'Feature', properties: { n: 'a' }, geometry: { type: 'Point', coordinates: [115.3, 26.3] } }]));
    for (const [name, bytes] of [['t.kmz', kmz], ['t.zip', shz]] as const) {
      for (let k = 1; k < bytes.length; k++) attempt(name, bytes.subarray(0, k));
    }
  });

  it('a zip whose headers lie about the uncompressed size (50 MB of zeros declared as 10 bytes)', () => {
    const zip = zipSync({ 'doc.kml': new Uint8Array(50 * 1024 * 1024) }, { level: 9 });
    const view = new DataView(zip.buffer);
    // Local header: uncompressed size at 22. Central directory entry (signature 0x02014b50): at 24.
    view.setUint32(22, 10, true);
    for (let o = zip.length - 22; o >= 0; o--) if (view.getUint32(o, true) === 0x02014b50) view.setUint32(o + 24, 10, true);
    const { message } = attempt('liar.kmz', zip);
    expect(message).toMatch(/^liar\.kmz: /);
  }, 60_000);
});
