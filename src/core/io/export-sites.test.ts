// Export then import again with the project's own importers: geometry and ellipsoidal area survive every format.
import { describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import type { Polygon } from 'geojson';
import { geodesicArea } from '../geo/measure.ts';
import { importFile } from './registry.ts';
import { parseCsv } from './csv.ts';
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
    const mu = Number(parseCsv('sites.csv', csv.slice(1), ',', 1e6)[1].cells[4]);
    expect(mu).toBe(Math.round((geodesicArea(poly) / (10000 / 15)) * 100) / 100); // 亩 to 0.01, rounded once
  });
  it('CSV numbers are rounded once from the exact values, not float noise', () => {
    const analysis = {
      stands: { area_mu: 61.859633775817244, forest_area_mu: 40.123456789, stock_m3: 1234.56789, carbon_stock_tCO2e: 987.654321, annual_sink_tCO2e: 12.3456789 },
      overlaps: [{ layer: 'wetlands', area_mu: 3.14159265 }], conflicts: [], comparison: { rows: [{ years: 10, added_tCO2e: 100.04999 }] },
    } as unknown as NonNullable<Parameters<typeof sitesToCsv>[0][0]['analysis']>;
    const csv = sitesToCsv([{ ...sites[0], analysis }]);
    const cells = parseCsv('sites.csv', csv.slice(1), ',', 1e6)[1].cells;
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

describe('carried attributes in exports (issue 14)', () => {
  // An imported inventory stand: GBK-era field names, text that looks like numbers, XML and CSV specials, and
  // names that clash with the planner's own fields (name, area_mu) or run past the DBF's 10-byte field names.
  const attributes = {
    LIN_BAN: '0012', XIAO_BAN: '003', YOU_SHI_SZ: '杉木', 备注: '补植 <2025> & "秋季"', MIAN_JI_MU_X: '129.88',
    name: '原名称', area_mu: '130', LONG_FIELD_NAME_A: 'a', LONG_FIELD_NAME_B: 'b',
  };
  const carrying: ExportSite[] = [{ ...sites[0], attributes }, sites[1]];
  const expectCarried = (props: Record<string, unknown> | null | undefined, nameOf: (k: string) => string) => {
    expect(props?.name).toBe('光伏一号');
    expect(props?.[nameOf('src_name')]).toBe('原名称');
    expect(props?.[nameOf('src_area_mu')]).toBe('130');
    for (const k of ['LIN_BAN', 'XIAO_BAN', 'YOU_SHI_SZ', '备注', 'MIAN_JI_MU_X']) expect(props?.[nameOf(k)], k).toBe(attributes[k as keyof typeof attributes]);
  };

  it('GeoJSON writes them as text and reads them back', () => {
    const r = importFile('sites.geojson', strToU8(sitesToGeoJson(carrying)));
    expectCarried(r.features[0].properties, (k) => k);
    expect(r.features[1].properties?.LIN_BAN).toBeUndefined();
  });

  it('KML writes them escaped in ExtendedData and reads them back', () => {
    const kml = sitesToKml(carrying);
    expect(kml).toContain('<Data name="备注"><value>补植 &lt;2025&gt; &amp; &quot;秋季&quot;</value></Data>');
    const r = importFile('sites.kml', strToU8(kml));
    expectCarried(r.features[0].properties, (k) => k);
  });

  for (const encoding of ['utf-8', 'gbk'] as const) {
    it(`Shapefile (${encoding}) writes them as text fields with unique names of ≤ 10 bytes and reads them back`, () => {
      const zip = sitesToShapefileZip(carrying, 'sites', encoding);
      const files = unzipSync(zip);
      expect(strFromU8(files['sites.cpg'])).toBe(encoding === 'gbk' ? 'GBK' : 'UTF-8');
      const dbf = files['sites.dbf'];
      const fields: { name: string; type: string }[] = [];
      for (let o = 32; dbf[o] !== 0x0d; o += 32) {
        const raw = dbf.subarray(o, o + 11);
        const end = raw.indexOf(0);
        expect(end === -1 ? 11 : end).toBeLessThanOrEqual(10);
        fields.push({ name: new TextDecoder(encoding === 'gbk' ? 'gbk' : 'utf-8').decode(raw.subarray(0, end === -1 ? 10 : end)), type: String.fromCharCode(dbf[o + 11]) });
      }
      const names = fields.map((f) => f.name);
      expect(new Set(names.map((n) => n.toUpperCase())).size).toBe(names.length); // unique, ignoring case
      // Text stays text: "0012" is a character field, not the number 12.
      expect(fields.find((f) => f.name === 'LIN_BAN')?.type).toBe('C');
      // The 12-character names become unique 10-byte ones (LONG_FIELD, LONG_FI_2).
      expect(names).toContain('LONG_FIELD');
      expect(names).toContain('LONG_FI_2');
      const r = importFile('sites.zip', zip);
      expect(r.report.rejected).toEqual([]);
      const short = (k: string) => (k === 'MIAN_JI_MU_X' ? 'MIAN_JI_MU' : k === 'src_area_mu' ? 'src_area_m' : k);
      expectCarried(r.features[0].properties, short);
      expect(r.features[0].properties?.LONG_FIELD).toBe('a');
      expect(r.features[0].properties?.LONG_FI_2).toBe('b');
      expect(r.features[1].properties?.LIN_BAN ?? '').toBe('');
    });
  }
});

describe('the siting result and the carbon effect in the sites CSV', () => {
  it('keeps the earlier columns where they were and adds verdict, rules, control-line areas and signed carbon', async () => {
    const { analyseSite } = await import('../analysis/site-analysis.ts');
    const { buildSiteIndex } = await import('../analysis/site-index.ts');
    const { fixtureLayers, standRing, STAND_SPECS } = await import('../plan/fixture.testutil.ts');
    const { computeAreas } = await import('../plan/layers.ts');
    const { parseCsv } = await import('./csv.ts');
    const layers = fixtureLayers();
    const farmland = { type: 'Polygon' as const, coordinates: [[[115.3055, 26.3], [115.3095, 26.3], [115.3095, 26.305], [115.3055, 26.305], [115.3055, 26.3]]] };
    const index = buildSiteIndex(layers, computeAreas(layers), {}, {
      'permanent-farmland': { kind: 'permanent_farmland', name: { zh: '永久基本农田', en: 'Permanent basic farmland' }, fc: { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: farmland, properties: { synthetic: true } }] } },
      'urban-boundary': { kind: 'urban_boundary', name: { zh: '城镇开发边界', en: 'Urban development boundary' }, fc: { type: 'FeatureCollection', features: [] } },
    });
    const ring = standRing(STAND_SPECS[0]);
    const geometry = { type: 'Polygon' as const, coordinates: [[ring[0], [115.309, 26.3], [115.309, ring[2][1]], ring[3], ring[0]]] };
    const pv = analyseSite(index, geometry, { type: '光伏', year: 2026 });
    const csv = sitesToCsv([{ id: 'p', name: '光伏', type: '光伏', note: '', geometry, analysis: pv }]);
    const [header, row] = parseCsv('sites.csv', csv.replace(/^\uFEFF/, ''), ',', 100_000).map((r) => r.cells);
    const at = (h: string) => row[header.findIndex((x) => x.endsWith(` ${h}`))];
    expect(header.slice(0, 5)).toEqual(['名称 name', '类型 type', '备注 note', '几何 geometry', '面积(亩) area_mu']);
    expect(header.indexOf('冲突 conflicts')).toBeLessThan(header.indexOf('选址结论 siting_verdict'));
    expect(at('siting_verdict')).toBe('禁止');
    expect(at('siting_rules')).toContain('【禁止】光伏项目不得占用永久基本农田（永久基本农田）');
    expect(Number(at('permanent_farmland_mu'))).toBeCloseTo(pv.siting.findings.find((f) => f.rule === 'farmland-pv')!.area_mu, 2);
    expect(at('urban_boundary_mu')).toBe(''); // not provided, not 0
    expect(at('constraint_data')).toBe('模拟数据 synthetic: 永久基本农田；未提供 not provided: 城镇开发边界');
    expect(Number(at('stock_change_tCO2e'))).toBeLessThan(0);
    expect(Number(at('stock_change_tCO2e'))).toBeCloseTo(-pv.stands.carbon_stock_tCO2e, 1);
    expect(Number(at('avoided_tCO2_per_yr'))).toBeGreaterThan(0);
    expect(at('eligible_mu')).toBe('');
  });
});
