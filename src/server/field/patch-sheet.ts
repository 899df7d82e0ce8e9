// The printable report sheet of one 监测图斑 (GET /api/patches/:id/sheet): plain UTF-8 text, never HTML built from
// data, so nothing a report says can run in the reader's browser; it prints from any browser or editor on A4. It holds
// what the bureau files on paper: the 图斑 as the release describes it, its status and every change of it, each field
// report about it (answers, walked area with its error, position, review) with links to its photos, and blank lines
// for the signatures.
import { PATCH_STATUS_ZH, type PatchStatus } from '../../core/field/templates.ts';
import { M2_PER_MU } from '../../core/geo/units.ts';
import type { Queryable } from '../db.ts';
import { patchHistory, patchStatusOf } from './patches.ts';
import { listReports } from './reports.ts';

const LINE = '─'.repeat(60);
const mu = (m2: unknown) => (typeof m2 === 'number' && Number.isFinite(m2) ? (m2 / M2_PER_MU).toFixed(2) : '—');
const text = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v).replace(/[\u0000-\u0008\u000b-\u001f]/g, ' '));
const status = (s: PatchStatus) => `${PATCH_STATUS_ZH[s]} (${s})`;

export async function patchSheet(q: Queryable, dataDir: string | undefined, patchId: string, origin: string): Promise<string> {
  const { feature, status: now } = await patchStatusOf(q, dataDir, patchId);
  const p = feature.properties;
  const history = await patchHistory(q, patchId);
  const reports = (await listReports(q, { target: patchId, template: 'patch-check' }, { id: 0, username: '', role: 'viewer' })).reverse();
  const out: string[] = [];
  const row = (label: string, value: unknown) => out.push(`${label}：${text(value)}`);
  out.push('兴国县 监测图斑现场核查表 / Field check sheet of a monitoring patch', '（模拟数据 / sample data）', LINE);
  row('图斑编号 Patch', p.id);
  row('乡镇 Township', p.township_name ? `${p.township_name} (${text(p.township_code)})` : p.township_code);
  row('变化类型 Change', p.kind);
  row('时段 Years', p.from_year && p.to_year ? `${p.from_year} → ${p.to_year}` : null);
  row('地类变化 Classes', p.from_class && p.to_class ? `${p.from_class} → ${p.to_class}` : null);
  row('面积(亩) Area (mu)', typeof p.area_mu === 'number' ? p.area_mu.toFixed(2) : p.area_mu);
  row('中心经纬度 Centre', typeof p.centre_lon === 'number' ? `${p.centre_lon}, ${p.centre_lat}` : null);
  row('涉及小班 Stands', p.stand_ids);
  row('已有解释 Explained by', p.explained ? `${text(p.explanation_kind)} ${text(p.explanation_name)}` : '无 none');
  out.push(LINE);
  row('当前状态 Status', status(now.status));
  row('更新 Updated', now.updated_at ? `${now.updated_at} ${now.updated_by}` : null);
  row('说明 Comment', now.comment);
  for (const h of history) out.push(`  · ${h.changed_at}  ${h.changed_by}  → ${status(h.status)}${h.report_id ? `  报告 ${h.report_id}` : ''}${h.comment ? `  ${text(h.comment)}` : ''}`);
  out.push(LINE, `核查报告 Field reports：${reports.length}`);
  reports.forEach((r, i) => {
    out.push('', `[${i + 1}] 报告 ${r.id}  第 ${r.version} 版  状态 ${r.status}`);
    row('  核查人 Reporter', r.author);
    row('  现场时间 Made at', r.made_at);
    row('  收到时间 Received', r.created);
    row('  核查结论 Verdict', r.values.verdict);
    row('  变化原因 Cause', r.values.cause);
    row('  核实面积(亩) Verified area (mu)', r.values.verified_area_mu);
    const b = r.boundary as { area_m2?: number; error95_m2?: number } | null;
    row('  实测边界(亩) Walked boundary (mu)', b ? `${mu(b.area_m2)} ± ${mu(b.error95_m2)} (95%)` : null);
    row('  位置 Position', r.position ? `${r.position.lon.toFixed(6)}, ${r.position.lat.toFixed(6)} ±${text(r.position.accuracy)} m` : null);
    row('  备注 Notes', r.values.notes);
    row('  审核 Review', r.review ? `${r.review.by} ${text(r.review.at)} ${text(r.review.comment)}` : null);
    out.push(`  照片 Photos：${r.photos.length}`);
    for (const ph of r.photos) out.push(`    ${origin}${ph.url}  ${text(ph.name)}  ${text(ph.taken_at)}${ph.lon !== null && ph.lat !== null ? `  ${ph.lon}, ${ph.lat}` : ''}`);
  });
  out.push(LINE, '', '核查人签字 Checked by：____________________    日期 Date：____________', '', '审核人签字 Reviewed by：__________________    日期 Date：____________', '');
  return out.join('\n');
}
