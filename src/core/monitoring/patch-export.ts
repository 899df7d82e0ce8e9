// The 监测图斑 list exported as a province's 森林督查 (forest inspection) patch list is kept: one row per patch with
// 图斑编号, 县, 乡镇, 村, 林班, 小班, the centre's 横坐标/纵坐标, 面积 (亩 and 公顷), 前期地类, 后期地类, 变化原因 and the
// check (核查状态, 核查结论, who, when, the field report). No national field list was found to copy (docs/raster.md,
// "监测图斑 export"): the DBF field names follow the pinyin abbreviations of the forestry databases (XIAN, XIANG, CUN,
// LIN_BAN, XIAO_BAN as in 林地一张图; TBBH, HZB, ZZB, BHYY …), the CSV has the Chinese headers. Coordinates are
// CGCS2000 3° Gauss-Krüger zone 38 (CM 114°E, the rasters' meridian) with the zone prefix, EPSG:4526: the shapefile's
// geometry and the HZB/ZZB attributes are in that one CRS for the whole county. Pure.
import { zipSync } from 'fflate';
import type { Feature, Geometry } from 'geojson';
import { crsByCode, fromLonLat } from '../geo/crs.ts';
import { M2_PER_HA } from '../geo/units.ts';
import { writeShapefile } from '../io/shapefile-write.ts';
import type { RasterClass } from '../raster/classes.ts';
import { toCsv } from '../table/csv.ts';
import type { PatchRow } from './patches.ts';

/** EPSG:4526, CGCS2000 / 3-degree Gauss-Kruger zone 38 (CM 114°E, false easting 38 500 000 m). */
export const PATCH_EXPORT_EPSG = 4526;
export const COUNTY_NAME = '兴国县';

const CONCLUSION: Record<string, string> = { '待核查': '', '已核查·属实': '属实', '已核查·不属实': '不属实', 合法: '合法' };
const round = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d;

export interface DuchaField {
  /** DBF field name (ASCII, ≤ 10 characters). */
  dbf: string;
  /** CSV header. */
  zh: string;
  value: (r: PatchRow) => string | number | null;
}

/** 林班 and 小班 of a stand id "<township code>-<林班>-<小班>" (the sample's and the import's form), else nulls. */
function linXiao(standIds: string | null): [string | null, string | null] {
  const first = standIds?.split(',')[0]?.trim();
  const m = first ? /^\d{9}-(\d+)-(\d+)$/.exec(first) : null;
  return m ? [m[1], m[2]] : [null, null];
}

/** The fields of a patch list, in order. `classes` names the land-cover classes (前期/后期地类). */
export function duchaFields(classes: readonly RasterClass[]): DuchaField[] {
  const project = fromLonLat(crsByCode(PATCH_EXPORT_EPSG)!.proj4);
  const gk = (r: PatchRow) => project(r.feature.properties.centre_lon, r.feature.properties.centre_lat);
  const className = (key: string) => classes.find((c) => c.key === key)?.name.zh ?? key;
  const p = (r: PatchRow) => r.feature.properties;
  return [
    { dbf: 'TBBH', zh: '图斑编号', value: (r) => p(r).id },
    { dbf: 'XIAN', zh: '县', value: () => COUNTY_NAME },
    { dbf: 'XIANG', zh: '乡镇', value: (r) => p(r).township_name },
    { dbf: 'XIANG_DM', zh: '乡镇代码', value: (r) => p(r).township_code },
    { dbf: 'CUN', zh: '村', value: () => null },
    { dbf: 'LIN_BAN', zh: '林班', value: (r) => linXiao(p(r).stand_ids)[0] },
    { dbf: 'XIAO_BAN', zh: '小班', value: (r) => linXiao(p(r).stand_ids)[1] },
    { dbf: 'HZB', zh: '横坐标', value: (r) => round(gk(r)[0], 2) },
    { dbf: 'ZZB', zh: '纵坐标', value: (r) => round(gk(r)[1], 2) },
    { dbf: 'MJ_MU', zh: '面积(亩)', value: (r) => round(p(r).area_mu, 2) },
    { dbf: 'MJ_GQ', zh: '面积(公顷)', value: (r) => round(p(r).area_m2 / M2_PER_HA, 4) },
    { dbf: 'QQ_ND', zh: '前期年度', value: (r) => p(r).from_year },
    { dbf: 'HQ_ND', zh: '后期年度', value: (r) => p(r).to_year },
    { dbf: 'QQ_DL', zh: '前期地类', value: (r) => className(p(r).from_class) },
    { dbf: 'HQ_DL', zh: '后期地类', value: (r) => className(p(r).to_class) },
    { dbf: 'BHLX', zh: '变化类型', value: (r) => (p(r).kind === 'loss' ? '林地减少' : '林地增加') },
    { dbf: 'BHYY', zh: '变化原因', value: (r) => p(r).explanation_name ?? '无依据' },
    { dbf: 'YJ_LX', zh: '依据类型', value: (r) => p(r).explanation_kind },
    { dbf: 'YJ_BH', zh: '依据编号', value: (r) => p(r).explanation_ids },
    { dbf: 'SJ_XB', zh: '涉及小班', value: (r) => p(r).stand_ids },
    { dbf: 'TCL_CO2', zh: '碳储量(tCO2e)', value: (r) => round(p(r).carbon_stock_tCO2e, 1) },
    { dbf: 'HCZT', zh: '核查状态', value: (r) => r.check.status },
    { dbf: 'HCJL', zh: '核查结论', value: (r) => CONCLUSION[r.check.status] ?? '' },
    { dbf: 'HCR', zh: '核查人', value: (r) => r.check.updated_by },
    { dbf: 'HCSJ', zh: '核查时间', value: (r) => r.check.updated_at },
    { dbf: 'BGBH', zh: '核查报告编号', value: (r) => r.check.report_id },
  ];
}

/** The list as CSV (UTF-8 with BOM, Chinese headers). */
export function patchesToCsv(rows: readonly PatchRow[], classes: readonly RasterClass[]): string {
  return toCsv(rows, duchaFields(classes).map((f) => ({ header: f.zh, value: f.value })));
}

/** The list as a zipped shapefile in EPSG:4526 with GBK attributes (what desktop tools in the bureau read). */
export function patchesToShapefileZip(rows: readonly PatchRow[], classes: readonly RasterClass[], base = 'monitoring_patches'): Uint8Array {
  const fields = duchaFields(classes);
  const features: Feature<Geometry>[] = rows.map((r) => ({
    type: 'Feature',
    geometry: r.feature.geometry,
    properties: Object.fromEntries(fields.map((f) => [f.dbf, f.value(r)])),
  }));
  const parts = writeShapefile(features, { crs: PATCH_EXPORT_EPSG, encoding: 'gbk' });
  const files: Record<string, Uint8Array> = {};
  for (const [ext, data] of Object.entries(parts)) if (data) files[`${base}.${ext}`] = data;
  return zipSync(files);
}
