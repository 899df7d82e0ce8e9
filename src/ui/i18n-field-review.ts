// A section of the one dictionary (i18n.ts): the bureau page's 外业 panel (issue 26) — tasks sent to field staff and
// the reports they file, reviewed by editors. Keys only; the panel calls t('key') and fills {slots} with fillText.
import type { PatchStatus } from '../core/field/templates.ts';
import { useLang } from './i18n.ts';
import type { Lang } from './i18n-types.ts';

export const FIELD_REVIEW_TEXT = {
  fieldSwitch: { zh: '外业', en: 'Field work' },
  fieldTitle: { zh: '外业核查', en: 'Field checks' },
  fieldSample: { zh: '监测图斑为模拟数据', en: 'The monitoring patches are sample data' },
  tabReports: { zh: '核查报告', en: 'Reports' },
  tabTasks: { zh: '任务', en: 'Tasks' },
  filterStatus: { zh: '状态', en: 'Status' },
  filterPerson: { zh: '人员', en: 'Person' },
  filterTownship: { zh: '乡镇', en: 'Township' },
  filterDate: { zh: '日期', en: 'Date' },
  filterAll: { zh: '全部', en: 'All' },
  refresh: { zh: '刷新', en: 'Refresh' },
  exportCsv: { zh: '导出 CSV', en: 'Export CSV' },
  exportShp: { zh: '导出 SHP', en: 'Export SHP' },
  noReports: { zh: '没有符合条件的报告', en: 'No reports match' },
  noTasks: { zh: '没有符合条件的任务', en: 'No tasks match' },
  reportBy: { zh: '{author} · {time}', en: '{author} · {time}' },
  reportVersion: { zh: '第 {version} 版', en: 'version {version}' },
  reportPhotos: { zh: '照片（{count}）', en: 'Photos ({count})' },
  photoTaken: { zh: '拍摄：{time}', en: 'Taken: {time}' },
  boundaryArea: { zh: '实测边界：{mu} 亩 ± {err} 亩（95%）', en: 'Walked boundary: {mu} mu ± {err} mu (95%)' },
  reviewComment: { zh: '审核意见', en: 'Review comment' },
  accept: { zh: '采纳', en: 'Accept' },
  return: { zh: '退回', en: 'Return' },
  reviewedBy: { zh: '{by} 审核：{comment}', en: 'Reviewed by {by}: {comment}' },
  acceptedPatch: { zh: '图斑状态已改为“{status}”', en: 'The patch is now “{status}”' },
  acceptedProject: { zh: '项目已按报告更新（修改记录 {audit}）', en: 'The project was updated from the report (change {audit})' },
  conflict: { zh: '这份报告已被修改：服务器上是第 {version} 版（{by}）。下方显示的是最新版本，请重新审核。', en: 'This report changed meanwhile: version {version} on the server ({by}). The latest version is shown below; review it again.' },
  conflictYours: { zh: '你看到的版本：第 {version} 版', en: 'The version you saw: {version}' },
  printSheet: { zh: '打印核查表', en: 'Print check sheet' },
  showOnMap: { zh: '在地图上查看', en: 'Show on map' },
  assignTitle: { zh: '分配任务', en: 'Assign a task' },
  assignKind: { zh: '核查对象', en: 'Target' },
  assignPatch: { zh: '监测图斑', en: 'Monitoring patch' },
  assignProject: { zh: '项目', en: 'Project' },
  assignLayer: { zh: '项目图层', en: 'Project layer' },
  assignTarget: { zh: '编号', en: 'Id' },
  assignPerson: { zh: '核查人', en: 'Assign to' },
  assignDue: { zh: '截止日期', en: 'Due date' },
  assignNote: { zh: '说明', en: 'Note' },
  assignSend: { zh: '分配', en: 'Assign' },
  assignDone: { zh: '已分配给 {person}', en: 'Assigned to {person}' },
  taskDue: { zh: '截止 {due}', en: 'due {due}' },
  taskCancel: { zh: '取消任务', en: 'Cancel task' },
  choose: { zh: '请选择', en: 'Choose' },
  // Statuses and kinds as the API names them (keys), in words.
  'reportStatus.submitted': { zh: '待审核', en: 'Submitted' },
  'reportStatus.accepted': { zh: '已采纳', en: 'Accepted' },
  'reportStatus.returned': { zh: '已退回', en: 'Returned' },
  'taskStatus.open': { zh: '进行中', en: 'Open' },
  'taskStatus.done': { zh: '已完成', en: 'Done' },
  'taskStatus.cancelled': { zh: '已取消', en: 'Cancelled' },
  'patchStatus.pending': { zh: '待核查', en: 'To check' },
  'patchStatus.verified_true': { zh: '已核查·属实', en: 'Checked: real' },
  'patchStatus.verified_false': { zh: '已核查·不属实', en: 'Checked: not real' },
  'patchStatus.legal': { zh: '合法', en: 'Lawful' },
  'template.patch-check': { zh: '监测图斑核查', en: 'Patch check' },
  'template.project-progress': { zh: '项目进度核查', en: 'Project progress check' },
  'template.stand-survey': { zh: '小班调查', en: 'Stand survey' },
  'answer.verdict': { zh: '核查结论', en: 'Finding' },
  'answer.cause': { zh: '变化原因', en: 'Cause' },
  'answer.verified_area_mu': { zh: '核实面积（亩）', en: 'Verified area (mu)' },
  'answer.status': { zh: '项目状态', en: 'Project status' },
  'answer.year': { zh: '年份', en: 'Year' },
  'answer.species': { zh: '优势树种', en: 'Species' },
  'answer.canopy': { zh: '郁闭度', en: 'Canopy' },
  'answer.height_m': { zh: '平均树高（米）', en: 'Mean height (m)' },
  'answer.dbh_cm': { zh: '平均胸径（厘米）', en: 'Mean DBH (cm)' },
  'answer.notes': { zh: '备注', en: 'Notes' },
} as const satisfies Record<string, Record<Lang, string>>;

export type FieldReviewKey = keyof typeof FIELD_REVIEW_TEXT;

export function fieldReviewText(key: FieldReviewKey, lang: Lang): string {
  return FIELD_REVIEW_TEXT[key][lang];
}

/** The label of a dynamic key (`reportStatus.<s>`, `answer.<field>` …), or the raw value when the dictionary has none. */
export function fieldReviewLabel(prefix: string, value: string, lang: Lang): string {
  const key = `${prefix}.${value}`;
  return Object.hasOwn(FIELD_REVIEW_TEXT, key) ? FIELD_REVIEW_TEXT[key as FieldReviewKey][lang] : value;
}

export const patchStatusLabel = (s: PatchStatus, lang: Lang) => fieldReviewLabel('patchStatus', s, lang);

export function useFieldReviewT(): (key: FieldReviewKey) => string {
  const lang = useLang();
  return (key) => FIELD_REVIEW_TEXT[key][lang];
}
