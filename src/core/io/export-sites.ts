// Exports of planner sites: GeoJSON (RFC 7946), KML 2.2, a zipped shapefile set (one .shp per geometry kind, each
// with .prj and a UTF-8 .cpg) and a CSV of measurements and analysis. Pure: strings and bytes, no DOM.
import { zipSync } from 'fflate';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { measureSite } from '../analysis/measure-site.ts';
import type { SiteAnalysis } from '../analysis/site-analysis.ts';
import { mapPositions } from '../geo/positions.ts';
import { fromSquareMetres } from '../geo/units.ts';
import { checkGeometry } from '../geo/validate.ts';
import { landCoverOf, type SiteZonal } from '../raster/zone-summary.ts';
import { toCsv, type CsvColumn } from '../table/csv.ts';
import { writeShapefile } from './shapefile-write.ts';
import { codeNames } from '../inventory/code-names.ts';
import { geometryToWkt } from './wkt.ts';

export interface ExportSite {
  id: string;
  name: string;
  type: string;
  note: string;
  geometry: Geometry;
  /** Attributes an imported feature carried (text), written after the planner's fields in every format. */
  attributes?: Readonly<Record<string, string>>;
}

const round = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d;

/** Properties every export carries: the planner's fields, the ellipsoidal measurements, then the carried attributes. */
export function siteProperties(s: ExportSite): Record<string, string | number> {
  const m = measureSite(s.geometry);
  const own: Record<string, string | number> = {
    name: s.name, type: s.type, note: s.note, site_id: s.id,
    area_mu: round(fromSquareMetres(m.area_m2, 'mu'), 4), area_ha: round(fromSquareMetres(m.area_m2, 'ha'), 6),
    perim_m: round(m.perimeter_m, 2), length_m: round(m.length_m, 2),
  };
  return { ...own, ...carried(s.attributes, own), ...named(s.attributes, own) };
}

/** A coded inventory attribute's name beside its code, as <field>_MC (名称, as 三调's DLBM/DLMC): DI_LEI 0132 → DI_LEI_MC 其他灌木林地. */
function named(attributes: ExportSite['attributes'], own: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, name] of Object.entries(codeNames(attributes ?? {}))) {
    const key = `${k}_MC`;
    if (!(key in own) && !(attributes && key in attributes)) out[key] = name;
  }
  return out;
}

/**
 * Carried attributes as text, under their own names; one that would overwrite a planner field of the same name
 * (an imported `name` or `area_mu`) is written as src_<name>, so neither is lost. Text stays text: "0012" is not 12.
 */
function carried(attributes: ExportSite['attributes'], own: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attributes ?? {})) {
    if (!k || typeof v !== 'string') continue;
    out[k in own ? `src_${k}` : k] = v;
  }
  return out;
}

/** RFC 7946: lon/lat, outer rings counter-clockwise (checkGeometry orients them), 9 decimals (what Terra Draw keeps). */
function rfc7946(g: Geometry): Geometry {
  const fixed = checkGeometry(g).geometry ?? g;
  return mapPositions(fixed, (p): Position => [round(p[0], 9), round(p[1], 9)]);
}

export function sitesToGeoJson(sites: ExportSite[]): string {
  const fc: FeatureCollection = {
    type: 'FeatureCollection',
    features: sites.map((s): Feature => ({ type: 'Feature', id: s.id, geometry: rfc7946(s.geometry), properties: siteProperties(s) })),
  };
  return JSON.stringify(fc);
}

/** Characters XML 1.0 forbids even as references (C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates): a name
 * holding one (a DBF or a pasted note can) would make the whole KML unreadable, so each becomes U+FFFD. */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const xml = (s: string) => s.replace(NOT_XML_CHAR, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const coords = (ps: Position[]) => ps.map((p) => `${p[0]},${p[1]}`).join(' ');

function kmlGeometry(g: Geometry): string {
  const poly = (rings: Position[][]) => `<Polygon><outerBoundaryIs><LinearRing><coordinates>${coords(rings[0])}</coordinates></LinearRing></outerBoundaryIs>${rings.slice(1).map((h) => `<innerBoundaryIs><LinearRing><coordinates>${coords(h)}</coordinates></LinearRing></innerBoundaryIs>`).join('')}</Polygon>`;
  switch (g.type) {
    case 'Point': return `<Point><coordinates>${coords([g.coordinates])}</coordinates></Point>`;
    case 'LineString': return `<LineString><coordinates>${coords(g.coordinates)}</coordinates></LineString>`;
    case 'Polygon': return poly(g.coordinates);
    case 'MultiPoint': return `<MultiGeometry>${g.coordinates.map((p) => kmlGeometry({ type: 'Point', coordinates: p })).join('')}</MultiGeometry>`;
    case 'MultiLineString': return `<MultiGeometry>${g.coordinates.map((l) => kmlGeometry({ type: 'LineString', coordinates: l })).join('')}</MultiGeometry>`;
    case 'MultiPolygon': return `<MultiGeometry>${g.coordinates.map(poly).join('')}</MultiGeometry>`;
    case 'GeometryCollection': return `<MultiGeometry>${g.geometries.map(kmlGeometry).join('')}</MultiGeometry>`;
  }
}

export function sitesToKml(sites: ExportSite[], documentName = '兴国碳汇图 sites'): string {
  const placemarks = sites.map((s) => {
    const props = siteProperties(s);
    const data = Object.entries(props).map(([k, v]) => `<Data name="${xml(k)}"><value>${xml(String(v))}</value></Data>`).join('');
    return `<Placemark><name>${xml(s.name)}</name><description>${xml(s.note)}</description><ExtendedData>${data}</ExtendedData>${kmlGeometry(rfc7946(s.geometry))}</Placemark>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>${xml(documentName)}</name>${placemarks.join('\n')}</Document></kml>\n`;
}

const KIND: Record<string, string> = { Point: 'points', MultiPoint: 'points', LineString: 'lines', MultiLineString: 'lines', Polygon: 'polygons', MultiPolygon: 'polygons' };

/**
 * One zip holding base_polygons.shp/.shx/.dbf/.prj/.cpg (and _lines, _points when there are such sites), CGCS2000
 * lon/lat. Attributes in UTF-8 by default, or GBK for older desktop tools; the .cpg names the encoding either way.
 * DBF field names are at most 10 bytes: longer or clashing names are shortened to unique ones (shapefile-write.ts).
 */
export function sitesToShapefileZip(sites: ExportSite[], base = 'sites', encoding: 'utf-8' | 'gbk' = 'utf-8'): Uint8Array {
  const groups = new Map<string, Feature[]>();
  for (const s of sites) {
    const kind = KIND[s.geometry.type];
    if (!kind) continue; // GeometryCollections have no shapefile form
    if (!groups.has(kind)) groups.set(kind, []);
    groups.get(kind)!.push({ type: 'Feature', geometry: rfc7946(s.geometry), properties: siteProperties(s) });
  }
  const files: Record<string, Uint8Array> = {};
  for (const [kind, features] of groups) {
    const parts = writeShapefile(features, { crs: 4490, encoding });
    const name = groups.size === 1 ? base : `${base}_${kind}`;
    for (const [ext, data] of Object.entries(parts)) if (data) files[`${name}.${ext}`] = data;
  }
  return zipSync(files);
}

export interface CsvSite extends ExportSite { analysis?: (SiteAnalysis & SiteZonal) | null }

const BUILT_IN_CONSTRAINTS: [kind: string, header: string][] = [
  ['permanent_farmland', '永久基本农田(亩) permanent_farmland_mu'],
  ['ecological_redline', '生态保护红线(亩) ecological_redline_mu'],
  ['urban_boundary', '城镇开发边界(亩) urban_boundary_mu'],
];

/** The siting findings in one cell: 【verdict】rule area, most serious first (Chinese: the data's language). */
function sitingCell(a: SiteAnalysis): string {
  return a.siting.findings.map((f) => `【${f.verdict}】${f.text.zh}${f.layer ? `（${f.layer.name.zh}）` : ''} ${round(f.area_mu, 2)}亩`).join('；');
}

/** Whether the control lines the site was checked against are the sample's synthetic ones, or were not provided. */
function constraintDataCell(a: SiteAnalysis): string {
  const synthetic = a.siting.layers.filter((l) => l.synthetic && l.features > 0).map((l) => l.name.zh);
  const missing = a.siting.layers.filter((l) => l.features === 0).map((l) => l.name.zh);
  return [synthetic.length ? `模拟数据 synthetic: ${synthetic.join('、')}` : '', missing.length ? `未提供 not provided: ${missing.join('、')}` : ''].filter(Boolean).join('；');
}

/**
 * One row per site: measurements, then (when analysed) stands, carbon at stake, overlaps, flags and the comparison —
 * the columns as before — then the siting verdict and rules, the area in each control line, and the carbon effect by
 * the site's type (signed: negative for a loss).
 */
export function sitesToCsv(sites: CsvSite[]): string {
  // Figures at the precision they mean (亩 and 公顷 to 0.01, m³ and tCO2e to 0.1), not float noise like 61.859633775817244.
  const r = (n: number | undefined, d: number) => (n === undefined ? undefined : round(n, d));
  const over = (s: CsvSite, layer: string) => r(s.analysis?.overlaps.find((o) => o.layer === layer)?.area_mu, 2);
  const cmp = (s: CsvSite, years: number) => r(s.analysis?.comparison?.rows.find((row) => row.years === years)?.added_tCO2e, 1);
  // Land cover the sites take (the release's latest land-cover raster): one column per class any site holds.
  const classes = new Map<number, { key: string; zh: string }>();
  for (const s of sites) for (const r of landCoverOf(s.analysis?.zonal)?.rows ?? []) if (!classes.has(r.value)) classes.set(r.value, { key: r.key, zh: r.name.zh });
  const landCover: CsvColumn<CsvSite>[] = classes.size === 0 ? [] : [
    { header: '地表覆盖栅格 landcover_raster', value: (s) => landCoverOf(s.analysis?.zonal)?.raster.id },
    ...[...classes].sort((a, b) => a[0] - b[0]).map(([value, c]) => ({
      header: `地表覆盖·${c.zh}(亩) lc_${c.key}_mu`,
      value: (s: CsvSite) => { const lc = landCoverOf(s.analysis?.zonal); return lc ? round(lc.rows.find((r) => r.value === value)?.area_mu ?? 0, 2) : undefined; },
    })),
  ];
  return toCsv(sites, [
    { header: '名称 name', value: (s) => s.name },
    { header: '类型 type', value: (s) => s.type },
    { header: '备注 note', value: (s) => s.note },
    // WKT (lon/lat, CGCS2000): the importer reads it back (csv.ts), so the file is a round trip, not a dead end.
    { header: '几何 geometry', value: (s) => geometryToWkt(rfc7946(s.geometry)) },
    { header: '面积(亩) area_mu', value: (s) => round(fromSquareMetres(measureSite(s.geometry).area_m2, 'mu'), 2) },
    { header: '面积(公顷) area_ha', value: (s) => round(fromSquareMetres(measureSite(s.geometry).area_m2, 'ha'), 4) },
    { header: '周长(米) perimeter_m', value: (s) => siteProperties(s).perim_m },
    { header: '长度(米) length_m', value: (s) => siteProperties(s).length_m },
    { header: '占用小班面积(亩) stands_mu', value: (s) => r(s.analysis?.stands.area_mu, 2) },
    { header: '其中森林(亩) forest_mu', value: (s) => r(s.analysis?.stands.forest_area_mu, 2) },
    { header: '蓄积(立方米) stock_m3', value: (s) => r(s.analysis?.stands.stock_m3, 1) },
    { header: '碳储量(tCO2e) carbon_stock_tCO2e', value: (s) => r(s.analysis?.stands.carbon_stock_tCO2e, 1) },
    { header: '年碳汇(tCO2e/年) annual_sink_tCO2e', value: (s) => r(s.analysis?.stands.annual_sink_tCO2e, 2) },
    { header: '湿地(亩) wetland_mu', value: (s) => over(s, 'wetlands') },
    { header: '矿山(亩) mine_mu', value: (s) => over(s, 'mines') },
    { header: '光伏(亩) pv_mu', value: (s) => over(s, 'pv') },
    { header: '风电(亩) wind_mu', value: (s) => over(s, 'windFarms') },
    { header: '冲突 conflicts', value: (s) => s.analysis?.conflicts.map((c) => c.zh).join('；') },
    { header: '10年增汇(tCO2e) added_10y', value: (s) => cmp(s, 10) },
    { header: '20年增汇(tCO2e) added_20y', value: (s) => cmp(s, 20) },
    { header: '30年增汇(tCO2e) added_30y', value: (s) => cmp(s, 30) },
    { header: '选址结论 siting_verdict', value: (s) => (s.analysis?.areal && s.analysis.siting ? s.analysis.siting.verdict ?? '无' : undefined) },
    { header: '选址规则 siting_rules', value: (s) => (s.analysis?.areal && s.analysis.siting ? sitingCell(s.analysis) : undefined) },
    ...BUILT_IN_CONSTRAINTS.map(([kind, header]) => ({
      header,
      value: (s: CsvSite) => {
        const layers = s.analysis?.areal && s.analysis.siting ? s.analysis.siting.layers.filter((l) => l.kind === kind && l.features > 0) : [];
        return layers.length ? r(layers.reduce((sum, l) => sum + l.area_mu, 0), 2) : undefined;
      },
    })),
    { header: '其他管控图层(亩) other_constraints_mu', value: (s) => s.analysis?.siting?.layers.filter((l) => !BUILT_IN_CONSTRAINTS.some(([k]) => k === l.kind) && l.area_mu > 0).map((l) => `${l.name.zh} ${round(l.area_mu, 2)}`).join('；') },
    { header: '三区三线数据 constraint_data', value: (s) => (s.analysis?.areal && s.analysis.siting ? constraintDataCell(s.analysis) : undefined) },
    { header: '碳储量变化(tCO2e) stock_change_tCO2e', value: (s) => r(s.analysis?.carbon?.stock_change_tCO2e, 1) },
    { header: '年碳汇变化(tCO2e/年) sink_change_tCO2e', value: (s) => r(s.analysis?.carbon?.sink_change_tCO2e, 2) },
    { header: '保留的现有林地(亩) kept_forest_mu', value: (s) => r(s.analysis?.comparison ? s.analysis.carbon?.kept_mu : undefined, 2) },
    { header: '计增汇面积(亩) eligible_mu', value: (s) => r(s.analysis?.comparison ? s.analysis.carbon?.eligible_mu : undefined, 2) },
    { header: '减排量(tCO2/年,不计入碳汇) avoided_tCO2_per_yr', value: (s) => r(s.analysis?.carbon?.avoided?.avoided_tco2_per_yr, 1) },
    ...landCover,
  ]);
}
