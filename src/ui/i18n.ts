// UI strings in 简体中文 (primary) and English. Components call t('key'); data values go through value-names.ts.
import { createContext, useContext } from 'react';
import type { Lang } from './i18n-types.ts';

export const UI_TEXT = {
  appTitle: { zh: '兴国碳汇图', en: 'Xingguo Carbon-Sink Map' },
  appSubtitle: { zh: '兴国县碳汇与国土项目一张图', en: 'Carbon sinks and land projects of Xingguo County' },
  sampleBadge: { zh: '示例数据', en: 'Sample data' },
  sampleBadgeDetail: {
    zh: '县界、乡镇名称与代码、规划点名项目为真实信息；乡镇界线、小班及其他图层均为模拟数据，仅供演示。',
    en: 'The county outline, township names and codes, and the projects named in the plan are real; township boundaries, stands and all other layers are synthetic.',
  },
  layers: { zh: '图层', en: 'Layers' },
  legend: { zh: '图例', en: 'Legend' },
  opacity: { zh: '透明度', en: 'Opacity' },
  zoomToTownship: { zh: '定位乡镇', en: 'Zoom to township' },
  wholeCounty: { zh: '全县', en: 'Whole county' },
  cursor: { zh: '经纬度', en: 'Lon/Lat' },
  language: { zh: 'English', en: '中文' },
  loading: { zh: '正在加载…', en: 'Loading…' },
  measuredArea: { zh: '椭球面积', en: 'Ellipsoidal area' },
  yes: { zh: '是', en: 'yes' },
  no: { zh: '否', en: 'no' },
  close: { zh: '关闭', en: 'Close' },
  dataError: { zh: '数据加载失败', en: 'Data failed to load' },
  offlineNote: { zh: '离线底图', en: 'Offline basemap' },
  // Project features in the bureau page (issue 16): draw, import and retire, for editors. {x} is filled in by the caller.
  projectTools: { zh: '项目要素（编辑）', en: 'Project features (editing)' },
  projectLayer: { zh: '图层', en: 'Layer' },
  projectDraw: { zh: '绘制新要素', en: 'Draw a new feature' },
  projectDrawPolygon: { zh: '在地图上单击放置顶点，再单击第一个顶点结束。', en: 'Click on the map to place the vertices, then click the first one to finish.' },
  projectDrawPoint: { zh: '在地图上单击放置该点。', en: 'Click on the map to place the point.' },
  projectDrawLine: { zh: '在地图上单击放置顶点，双击最后一个顶点结束。', en: 'Click on the map to place the vertices; double-click the last one to finish.' },
  projectDrawPlannerOpen: { zh: '请先关闭规划工作台再绘制。', en: 'Close the planner before drawing.' },
  projectDrawRefused: { zh: '多边形自相交，已拒绝：请不要让边交叉。', en: 'Self-intersecting polygon refused: edges must not cross.' },
  projectImport: { zh: '从文件导入', en: 'Import from a file' },
  projectImportFound: { zh: '{file}：读取到 {n} 个要素，将添加到“{layer}”。', en: '{file}: {n} feature(s) read, to be added to “{layer}”.' },
  projectImportNone: { zh: '{file}：文件中没有可用的几何要素。', en: '{file}: the file has no usable geometry.' },
  projectImportWrongKind: { zh: '{file}：第 {i} 个要素是 {got}，该图层只接受 {want}。', en: '{file}: feature {i} is a {got}; this layer takes {want} only.' },
  projectImportTooMany: { zh: '{file}：一次最多导入 {n} 个要素。', en: '{file}: at most {n} features at a time.' },
  projectImportDone: { zh: '{file}：已添加 {n} 个要素。', en: '{file}: {n} feature(s) added.' },
  projectImportFailed: { zh: '{file}：第 {i} 个要素未添加（{reason}）；此前的 {n} 个已添加。', en: '{file}: feature {i} was not added ({reason}); the {n} before it were.' },
  projectImportNameHint: { zh: '名称取自文件的 name / 名称 字段，没有时用下面的名称加序号。', en: 'Names come from the file’s name / 名称 field; otherwise the name below with a number.' },
  projectName: { zh: '名称', en: 'Name' },
  projectStatus: { zh: '状态', en: 'Status' },
  projectYear: { zh: '年份', en: 'Year' },
  projectCapacity: { zh: '容量（MW）', en: 'Capacity (MW)' },
  projectNotes: { zh: '备注', en: 'Notes' },
  projectArea: { zh: '面积', en: 'Area' },
  projectLength: { zh: '长度', en: 'Length' },
  projectSave: { zh: '保存', en: 'Save' },
  projectCancel: { zh: '取消', en: 'Cancel' },
  projectAdded: { zh: '已添加：{name}', en: 'Added: {name}' },
  projectRetire: { zh: '停用', en: 'Retire' },
  projectRetireConfirm: { zh: '确认停用“{name}”？停用后不再显示在地图上、不再计入统计；可在修改记录中撤销。', en: 'Retire “{name}”? It leaves the map and the figures; the change can be reverted from its history.' },
  projectRetireReason: { zh: '停用原因（必填）', en: 'Reason (required)' },
  projectRetireNeedsReason: { zh: '请填写停用原因。', en: 'Please give a reason.' },
  projectRetireYes: { zh: '确认停用', en: 'Retire it' },
  projectRetiredNote: { zh: '该要素已停用。', en: 'This feature is retired.' },
  projectRetiredList: { zh: '已停用的要素', en: 'Retired features' },
  projectRestore: { zh: '恢复', en: 'Restore' },
  projectReason: { zh: '原因', en: 'Reason' },
  projectRecent: { zh: '本图层最近的修改', en: 'Recent changes in this layer' },
  projectRevert: { zh: '撤销', en: 'Revert' },
  projectActionCreate: { zh: '新建', en: 'created' },
  projectActionEdit: { zh: '修改', en: 'edited' },
  projectActionRetire: { zh: '停用', en: 'retired' },
  projectActionUnretire: { zh: '恢复', en: 'restored' },
  projectActionRevert: { zh: '撤销', en: 'reverted' },
} as const satisfies Record<string, Record<Lang, string>>;

export type TextKey = keyof typeof UI_TEXT;

export const LangContext = createContext<Lang>('zh');

export function useLang(): Lang {
  return useContext(LangContext);
}

export function useT(): (key: TextKey) => string {
  const lang = useLang();
  return (key) => UI_TEXT[key][lang];
}
