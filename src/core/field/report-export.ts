// Field reports as files for the bureau: CSV (Excel-safe, core/table/csv.ts) and zipped shapefiles (core/io's writer):
// the reports' positions as points and their walked boundaries as polygons, each row with the report's answers and
// links to its photos. Columns come from the templates, so a new field is exported without touching this file.
import { zipSync } from 'fflate';
import type { Feature, Geometry } from 'geojson';
import { writeShapefile } from '../io/shapefile-write.ts';
import { M2_PER_MU } from '../geo/units.ts';
import { toCsv, type CsvColumn } from '../table/csv.ts';
import { REPORT_TEMPLATES } from './templates.ts';

export interface ExportReport {
  id: string;
  template: string;
  target: { kind: string; layer: string | null; id: string | null; name: string };
  township_code: string | null;
  author: string;
  status: string;
  made_at: string | null;
  created: string;
  values: Record<string, string | number | null>;
  boundary: { geometry: Geometry; area_m2?: number; error95_m2?: number } | null;
  position: { lon: number; lat: number; accuracy: number | null } | null;
  review: { by: string; at: string | null; comment: string | null } | null;
  /** Absolute links to the photos. */
  photo_urls: string[];
}

/** Every plain field of every template, once, in template order (the export's answer columns). */
export function answerFields(): string[] {
  const out: string[] = [];
  for (const t of REPORT_TEMPLATES) for (const f of t.fields) if (f.kind !== 'photos' && f.kind !== 'boundary' && !out.includes(f.id)) out.push(f.id);
  return out;
}

const round = (v: number | undefined | null, d: number) => (v === undefined || v === null || !Number.isFinite(v) ? null : Math.round(v * 10 ** d) / 10 ** d);

export function reportsToCsv(reports: readonly ExportReport[]): string {
  const columns: CsvColumn<ExportReport>[] = [
    { header: '报告编号 id', value: (r) => r.id },
    { header: '表单 template', value: (r) => r.template },
    { header: '对象类型 target_kind', value: (r) => r.target.kind },
    { header: '图层 target_layer', value: (r) => r.target.layer },
    { header: '对象编号 target_id', value: (r) => r.target.id },
    { header: '对象名称 target_name', value: (r) => r.target.name },
    { header: '乡镇代码 township_code', value: (r) => r.township_code },
    { header: '报告人 author', value: (r) => r.author },
    { header: '状态 status', value: (r) => r.status },
    { header: '现场填报时间 made_at', value: (r) => r.made_at },
    { header: '收到时间 received', value: (r) => r.created },
    ...answerFields().map((f): CsvColumn<ExportReport> => ({ header: `answer.${f}`, value: (r) => r.values[f] ?? null })),
    { header: '边界面积(亩) boundary_mu', value: (r) => round(r.boundary?.area_m2 && r.boundary.area_m2 / M2_PER_MU, 2) },
    { header: '面积误差95%(亩) error95_mu', value: (r) => round(r.boundary?.error95_m2 && r.boundary.error95_m2 / M2_PER_MU, 2) },
    { header: '经度 lon', value: (r) => round(r.position?.lon, 7) },
    { header: '纬度 lat', value: (r) => round(r.position?.lat, 7) },
    { header: '定位精度(米) accuracy_m', value: (r) => round(r.position?.accuracy, 1) },
    { header: '审核人 reviewed_by', value: (r) => r.review?.by },
    { header: '审核时间 reviewed_at', value: (r) => r.review?.at },
    { header: '审核意见 review_comment', value: (r) => r.review?.comment },
    { header: '照片 photos', value: (r) => r.photo_urls.join(' ') },
  ];
  return toCsv(reports, columns);
}

/** DBF attributes: short names (≤ 10 bytes), one photo link per column (a DBF text field holds 254 bytes). */
function attributes(r: ExportReport): Record<string, string | number | null> {
  const a: Record<string, string | number | null> = {
    id: r.id, template: r.template, tgt_kind: r.target.kind, tgt_layer: r.target.layer, tgt_id: r.target.id, tgt_name: r.target.name,
    township: r.township_code, author: r.author, status: r.status, made_at: r.made_at, received: r.created,
  };
  // Answers as a_<field> (the writer shortens names to 10 bytes and keeps them unique).
  for (const f of answerFields()) a[`a_${f}`] = r.values[f] ?? null;
  a.bnd_mu = round(r.boundary?.area_m2 && r.boundary.area_m2 / M2_PER_MU, 2);
  a.err95_mu = round(r.boundary?.error95_m2 && r.boundary.error95_m2 / M2_PER_MU, 2);
  a.reviewer = r.review?.by ?? null;
  a.review = r.review?.comment ?? null;
  r.photo_urls.slice(0, 8).forEach((u, i) => { a[`photo${i + 1}`] = u; });
  return a;
}

/** A zip with reports_points.* (where each report was made) and reports_boundaries.* (walked boundaries), CGCS2000. */
export function reportsToShapefileZip(reports: readonly ExportReport[]): Uint8Array {
  const points: Feature[] = reports.filter((r) => r.position).map((r) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [r.position!.lon, r.position!.lat] }, properties: attributes(r) }));
  const polys: Feature[] = reports.filter((r) => r.boundary).map((r) => ({ type: 'Feature', geometry: r.boundary!.geometry, properties: attributes(r) }));
  const files: Record<string, Uint8Array> = {};
  for (const [name, features] of [['reports_points', points], ['reports_boundaries', polys]] as const) {
    if (!features.length) continue;
    const parts = writeShapefile(features, { crs: 4490, encoding: 'utf-8' });
    for (const [ext, data] of Object.entries(parts)) if (data) files[`${name}.${ext}`] = data;
  }
  return zipSync(files);
}
