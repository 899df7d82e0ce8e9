// Export then import again with the project's own importers: geometry and ellipsoidal area survive every format.
import { describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import type { Polygon } from 'geojson';
import { geodesicArea } from '../geo/measure.ts';
import { importFile } from './registry.ts';
import { sitesToCsv, sitesToGeoJson, sitesToKml, sitesToShapefileZip, type ExportSite } from './export-sites.ts';

const poly: Polygon = { type: 'Polygon', coordinates: [[[115.3, 26.3], [115.31, 26.3], [115.312, 26.309], [115.3, 26.31], [115.3, 26.3]]] };
const sites: ExportSite[] = [
  { id: 'a', name: '光伏一号', type: '光伏', note: '=cmd & <b>', geometry: poly },
  { id: 'b', name: '造林二号', type: '造林', note: '', geometry: { type: 'Polygon', coordinates: [[[115.4, 26.4], [115.4, 26.41], [115.41, 26.41], [115.4, 26.4]]] } },
];

describe('site exports', () => {
  const check = (file: string, bytes: Uint8Array) => {
    const r = importFile(file, bytes);
    expect(r.report.rejected).toEqual([]);
    expect(r.features).toHaveLength(2);
    sites.forEach((s, i) => {
      const back = r.features[i];
      expect(Math.abs(geodesicArea(back.geometry) - geodesicArea(s.geometry))).toBeLessThan(0.01); // m²
      expect(String(back.properties?.name)).toBe(s.name);
    });
  };
  it('GeoJSON (RFC 7946 winding) round-trips', () => {
    const text = sitesToGeoJson(sites);
    const fc = JSON.parse(text);
    // outer ring counter-clockwise: positive shoelace
    const r = fc.features[1].geometry.coordinates[0];
    let s = 0;
    for (let i = 0; i < r.length - 1; i++) s += r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1];
    expect(s).toBeGreaterThan(0);
    check('sites.geojson', strToU8(text));
  });
  it('KML round-trips and escapes text', () => {
    const kml = sitesToKml(sites);
    expect(kml).toContain('=cmd &amp; &lt;b&gt;');
    check('sites.kml', strToU8(kml));
  });
  it('zipped shapefile with .prj and UTF-8 .cpg round-trips', () => {
    const zip = sitesToShapefileZip(sites);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['sites.cpg', 'sites.dbf', 'sites.prj', 'sites.shp', 'sites.shx']);
    expect(strFromU8(files['sites.cpg'])).toBe('UTF-8');
    expect(strFromU8(files['sites.prj'])).toContain('2000');
    check('sites.zip', zip);
  });
  it('CSV has a BOM, measurements and neutralised formulas', () => {
    const csv = sitesToCsv(sites.map((s) => ({ ...s, analysis: null })));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain("'=cmd & <b>");
    const mu = Number(csv.split('\r\n')[1].split(',')[4]);
    expect(mu).toBe(Math.round((geodesicArea(poly) / (10000 / 15)) * 100) / 100); // 亩 to 0.01, rounded once
  });
  it('CSV numbers are rounded once from the exact values, not float noise', () => {
    const analysis = {
      stands: { area_mu: 61.859633775817244, forest_area_mu: 40.123456789, stock_m3: 1234.56789, carbon_stock_tCO2e: 987.654321, annual_sink_tCO2e: 12.3456789 },
      overlaps: [{ layer: 'wetlands', area_mu: 3.14159265 }], conflicts: [], comparison: { rows: [{ years: 10, added_tCO2e: 100.04999 }] },
    } as unknown as NonNullable<Parameters<typeof sitesToCsv>[0][0]['analysis']>;
    const csv = sitesToCsv([{ ...sites[0], analysis }]);
    const cells = csv.split('\r\n')[1].split(',');
    const numbers = cells.filter((c) => /^-?\d+(\.\d+)?$/.test(c));
    for (const c of numbers) expect(c.split('.')[1]?.length ?? 0, c).toBeLessThanOrEqual(4);
    expect(cells).toContain('61.86');
    expect(cells).toContain('1234.6');
    expect(cells).toContain('3.14');
    expect(cells).toContain('100');
    expect(Number(cells[4])).toBe(Math.round((geodesicArea(sites[0].geometry) / (10000 / 15)) * 100) / 100);
  });
  it('KML stays well-formed XML when names hold characters XML 1.0 forbids (controls, U+FFFE, lone surrogates)', () => {
    const hostile = [{ ...sites[0], name: 'a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg', note: 'h\uFFFEi\uFFFFj\uD800k\uDC00l\tm\nn' }];
    const kml = sitesToKml(hostile);
    // Every character left must be an XML 1.0 Char: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, or a surrogate pair.
    const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    expect(forbidden.test(kml)).toBe(false);
    const r = importFile('hostile.kml', strToU8(kml));
    expect(r.features).toHaveLength(1);
    expect(String(r.features[0].properties?.name)).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg');
    // A real surrogate pair (an emoji) and tab/newline survive untouched.
    expect(sitesToKml([{ ...sites[0], name: '林\u{1F332}\t' }])).toContain('<name>林\u{1F332}\t</name>');
  });
});
