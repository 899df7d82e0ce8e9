// The one dictionary: UI strings in 简体中文 (primary) and English for the bureau page, the planner and the public page,
// and the one locale helper. Components call t('key'); data values go through value-names.ts. The public page imports
// this module too (src/ui is shared; it never imports src/bureau or src/planner).
import { createContext, useContext } from 'react';
import type { RuleMessage, RuleMessageKey } from '../core/plan/rules.ts';
import type { Lang } from './i18n-types.ts';
import { PLANNER_TOOLS_TEXT } from './i18n-planner-tools.ts';
import { CARBON_PROJECT_TEXT } from './i18n-carbon-project.ts';
import { valueName } from './value-names.ts';
import { RASTER_TEXT } from './i18n-raster.ts';

// Sections of the dictionary kept in files of their own (no React there: the sign-in page uses them too).
export { ACCOUNT_TEXT, accountText, type AccountTextKey } from './account-text.ts';

/** The colon after a label: full-width in Chinese, ": " in English. */
export function colonOf(lang: Lang): string {
  return lang === 'zh' ? '：' : ': ';
}

/** Text in brackets: full-width in Chinese, " (…)" in English. */
export function inParens(text: string, lang: Lang): string {
  return lang === 'zh' ? `（${text}）` : ` (${text})`;
}

const ZH_NUMERALS = '一二三四五六七八九十';

/** The plan's section numbers ("三(八)2") in Arabic figures for the English UI ("3(8)2"); kept as they are in Chinese. */
export function sectionText(section: string, lang: Lang): string {
  if (lang === 'zh') return section;
  return section.replace(/[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九]/g, (n) => {
    if (!n.includes('十')) return String(ZH_NUMERALS.indexOf(n) + 1);
    const [tens, ones] = n.split('十');
    return String((tens ? ZH_NUMERALS.indexOf(tens) + 1 : 1) * 10 + (ones ? ZH_NUMERALS.indexOf(ones) + 1 : 0));
  });
}

/** The locale for numbers and dates in each UI language (one place, so zh and en never format two ways). */
export function localeOf(lang: Lang): string {
  return lang === 'zh' ? 'zh-CN' : 'en-US';
}

export const UI_TEXT = {
  ...RASTER_TEXT,
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
  // Raster layers: the swipe comparison (src/bureau/RasterSwipe.tsx).
  swipe: { zh: '卷帘对比', en: 'Swipe comparison' },
  swipeLeft: { zh: '左侧', en: 'Left' },
  swipeRight: { zh: '右侧', en: 'Right' },
  swipeHandle: { zh: '卷帘分隔线（左右方向键移动）', en: 'Swipe divider (arrow keys move it)' },
  swipeValue: { zh: '左侧{left}，右侧{right}，分隔线在{percent}%处', en: '{left} on the left, {right} on the right, divider at {percent} %' },
  swipeFollowsYear: { zh: '右侧随年份变化', en: 'Right side follows the year' },
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
  otherFields: { zh: '其他字段（按原文件）', en: 'Other fields (as imported)' },
  // The project popup's history and revert (issue 22): field names and values in the UI language, a revert of one
  // change's own fields, and a question when later changes touched the same fields. {x} filled by the caller.
  projectEdit: { zh: '编辑', en: 'Edit' },
  projectHistory: { zh: '修改记录', en: 'History' },
  projectNoChanges: { zh: '暂无修改', en: 'No changes yet' },
  projectSaved: { zh: '已保存', en: 'Saved' },
  projectRetiredValue: { zh: '已停用', en: 'retired' },
  projectInUseValue: { zh: '恢复使用', en: 'back in use' },
  projectCreatedSummary: { zh: '新建要素', en: 'feature created' },
  projectFieldChange: { zh: '{field}：{before} → {after}', en: '{field}: {before} → {after}' },
  projectRevertAsk: { zh: '撤销这次修改（{fields}）会覆盖此后的修改：', en: 'Reverting this change ({fields}) would overwrite later changes:' },
  projectRevertLater: { zh: '{when} · {user} 改了 {fields}', en: '{when} · {user} changed {fields}' },
  projectRevertKeptNote: { zh: '其他字段不受影响。', en: 'Other fields are not affected.' },
  projectRevertYes: { zh: '仍然撤销', en: 'Revert anyway' },
  projectReverted: { zh: '已撤销：{fields}', en: 'Reverted: {fields}' },
  projectRevertedKept: { zh: '已撤销：{fields}；此后 {count} 次修改（{keptFields}）保留不变', en: 'Reverted: {fields}; {count} later change(s) ({keptFields}) kept' },
  projectRevertedOverwrote: { zh: '已撤销：{fields}（覆盖了此后 {count} 次修改）', en: 'Reverted: {fields} (overwrote {count} later change(s))' },
  serverUnreachable: { zh: '无法连接服务器', en: 'The server cannot be reached' },
  signOut: { zh: '退出', en: 'Sign out' },
  publish: { zh: '发布', en: 'Publish' },
  publishing: { zh: '发布中…', en: 'Publishing…' },
  publishHint: { zh: '用当前项目状态更新公众页面', en: 'Update the public page from the current project state' },
  published: { zh: '已发布第 {n} 版', en: 'Published snapshot {n}' },
  roleEditor: { zh: '编辑', en: 'editor' },
  rolePlanner: { zh: '规划', en: 'planner' },
  roleViewer: { zh: '只读', en: 'viewer' },
  // The public page (formerly its own dictionary, text.ts in its folder; key names kept).
  title: { zh: '兴国县碳汇与绿色发展', en: 'Xingguo County: carbon sinks and green development' },
  subtitle: { zh: '森林、湿地、矿山修复与新能源项目，以及《兴国县碳达峰实施方案》目标进展', en: 'Forests, wetlands, mine restoration and renewable projects, and progress on the county\'s carbon-peak plan' },
  sampleNote: {
    zh: '本页为演示版本：县界、乡镇名称和规划点名项目为真实信息，乡镇界线和各项数值为模拟数据，不代表兴国县实际情况。',
    en: 'Demonstration version: the county outline, township names and the projects named in the plan are real; township boundaries and all figures are synthetic and do not describe the real county.',
  },
  languageLabel: { zh: 'Switch to English', en: '切换到中文' },
  skipToTable: { zh: '跳到乡镇数据表', en: 'Skip to the township table' },
  indicator: { zh: '地图指标', en: 'Map indicator' },
  mapLabel: { zh: '兴国县乡镇指标地图（可用方向键平移，加减号缩放）', en: 'Map of township figures (arrow keys pan, + and − zoom)' },
  noData: { zh: '无数据', en: 'no data' },
  boundariesSynthetic: { zh: '乡镇界线为模拟，仅示意', en: 'Township boundaries are synthetic, for illustration only' },
  projects: { zh: '规划项目', en: 'Projects in the plan' },
  projectsHint: { zh: '点击项目名称，在地图上定位并查看说明。', en: 'Choose a project to find it on the map and read about it.' },
  picked: { zh: '所选', en: 'Selected' },
  pickHint: { zh: '点击地图上的乡镇或项目，查看数值。', en: 'Click a township or a project on the map to see its figures.' },
  progress: { zh: '规划目标进展', en: 'Progress on the plan\'s targets' },
  moreTargets: { zh: '更多目标', en: 'More targets' },
  countyTotals: { zh: '全县概况', en: 'County overview' },
  table: { zh: '乡镇数据表', en: 'Township figures' },
  tableCaption: { zh: '各乡镇森林覆盖率、碳储量、年碳汇量与低效林改造进度（地图的文字版）', en: 'Forest coverage, carbon stock, annual sink and forest upgrade by township (the map as text)' },
  township: { zh: '乡镇', en: 'Township' },
  county: { zh: '全县', en: 'County' },
  upgradeMu: { zh: '低效林改造面积（亩）', en: 'Forest upgraded (mu)' },
  explainTitle: { zh: '什么是碳汇？数字怎么算？', en: 'What is a carbon sink, and how are the figures estimated?' },
  explainSink: {
    zh: '树木、竹林和湿地通过光合作用吸收空气中的二氧化碳，把碳储存在树干、根系和土壤里，这就是“碳汇”。碳储量是目前已储存的碳（换算为二氧化碳当量，吨CO₂e）；年净碳汇量是每年新增储存的数量：林木生长量减去采伐和自然枯损。光伏和风电不吸收二氧化碳，它们替代火电而减少排放，本页单独列为“减排量”，不计入碳汇。',
    en: 'Trees, bamboo and wetlands take carbon dioxide out of the air and store the carbon in wood, roots and soil: that is a carbon sink. The carbon stock is what is stored now (as CO₂ equivalent, t CO₂e); the net annual sink is what is added to the store each year: growth minus harvest and natural mortality. Solar and wind farms absorb nothing: they avoid emissions by replacing coal power, so this page reports them separately as avoided emissions, never as a sink.',
  },
  explainMethod: {
    zh: '估算方法：森林碳储量按林分蓄积量乘以木材密度、生物量扩展因子、根茎比和含碳率（IPCC第二层级方法；参数为对《省级温室气体清单编制指南（试行）》参数表的回忆值，尚未与指南原文核对），或按方精云生物量—蓄积量函数（参数转引自李银等2016）；年净碳汇 = 蓄积生长量 − 采伐量 − 枯损量（生长率按龄组、消耗率按树种组和起源，均为待核实的假设值）；毛竹按林分碳密度和净储量变化率（被采伐的竹材不计入碳汇）；油茶和碳汇造林新造林从造林年份起按生长曲线累积，有实测蓄积的按蓄积计算；湿地按每公顷每年埋藏碳量；修复矿山按造林生长曲线乘以立地系数并计土壤碳积累。碳乘以44/12换算为二氧化碳。碳密度 = 森林小班碳储量 ÷ 森林面积（吨碳/公顷）。95%区间由蒙特卡罗模拟（IPCC 2006 第1卷第3章 方法2，1000次抽样）得出。面积均为椭球面积（CGCS2000），1亩 = 1/15公顷。每个系数的来源、核实状态和不确定性见下表。',
    en: "Method: forest carbon stock = growing stock × wood density × biomass expansion factor × (1 + root:shoot ratio) × carbon fraction (IPCC Tier 2; the parameters are recalled values of the table in China's provincial GHG inventory guideline and have not yet been checked against it), or Fang's biomass–volume functions (taken from Li Yin et al. 2016, a secondary source). Net annual sink = volume growth − harvest − natural mortality (growth by age group, consumption by species group and origin: assumptions still to be checked). Moso bamboo: stand carbon density and a net stock-change rate (culms cut each year are not a sink). New oil-tea and carbon-sink plantings grow along a curve from their planting year; plots with a measured volume use it. Wetlands: a burial rate per hectare per year; restored mines: a planting growth curve times a site factor plus soil accrual. Carbon × 44/12 gives CO₂. Carbon density = carbon of forest stands ÷ forest area (t C/ha). The 95 % intervals come from a Monte Carlo simulation (IPCC 2006 Vol. 1 Ch. 3, Approach 2, 1,000 draws). Areas are ellipsoidal (CGCS2000); 1 mu = 1/15 ha. The table below gives each factor's source, verification status and uncertainty.",
  },
  unverified: { zh: '依据未经核实系数的比例', en: 'Share resting on unverified factors' },
  unverifiedValue: { zh: '碳储量 {stock}，年净碳汇 {sink}', en: 'stock {stock}, net sink {sink}' },
  interval: { zh: '95%区间', en: '95 %' },
  stockInterval: { zh: '碳储量95%区间（吨CO₂e）', en: 'Carbon stock 95 % interval (t CO₂e)' },
  sinkInterval: { zh: '年净碳汇95%区间（吨CO₂e/年）', en: 'Net sink 95 % interval (t CO₂e/yr)' },
  grossGrowth: { zh: '林木总生长固碳（未扣除采伐和枯损）', en: 'Gross growth (before harvest and mortality)' },
  density: { zh: '森林碳密度', en: 'Forest carbon density' },
  uncertaintyCol: { zh: '不确定性', en: 'uncertainty' },
  factorsTitle: { zh: '公式与系数（含来源和核实状态）', en: 'Formulas and factors (with source and verification status)' },
  factorStatus: { zh: '核实状态', en: 'status' },
  dataDate: { zh: '数据日期', en: 'Data date' },
  asOf: { zh: '截至{year}年', en: 'as of {year}' },
  source: { zh: '数据来源', en: 'Source' },
  factorsVersion: { zh: '系数表版本', en: 'Factor table' },
  share: { zh: '分享本视图', en: 'Share this view' },
  shareHint: { zh: '链接包含当前地图位置、指标和语言。', en: 'The link keeps the map position, the indicator and the language.' },
  copy: { zh: '复制链接', en: 'Copy link' },
  copied: { zh: '已复制', en: 'Copied' },
  loadError: { zh: '数据加载失败', en: 'Data failed to load' },
  avoided: { zh: '新能源减排量（估算，不计入碳汇）', en: 'Avoided emissions from solar and wind (estimate, not a sink)' },
} as const satisfies Record<string, Record<Lang, string>>;

export type TextKey = keyof typeof UI_TEXT;

/**
 * The planner's strings (src/planner): one entry per text, looked up with pt(lang, key) from src/planner/text.ts.
 * {name} slots are filled by fillText (src/ui/fill-text.ts) with values already formatted by the caller.
 */
export const PLANNER_TEXT = {
  // Issue 24's strings (coordinates and DMS, CRS names, picking and merging, 界址点, the list, the report): a section.
  ...PLANNER_TOOLS_TEXT,
  ...CARBON_PROJECT_TEXT,
  modeStatic: { zh: '浏览', en: 'Browse' },
  modeMeasure: { zh: '测距', en: 'Distance' },
  modePolygon: { zh: '多边形', en: 'Polygon' },
  modeRectangle: { zh: '矩形', en: 'Rectangle' },
  modeCircle: { zh: '圆', en: 'Circle' },
  modeLinestring: { zh: '线', en: 'Line' },
  modePoint: { zh: '点', en: 'Point' },
  modeFreehand: { zh: '手绘', en: 'Freehand' },
  modeSelect: { zh: '选择/编辑', en: 'Select/edit' },
  // One line under the toolbar saying what a drag does in the current mode.
  modeHintStatic: { zh: '浏览：拖动地图即平移，地块不会被改动。要改形状请点「选择/编辑」。', en: 'Browse: dragging pans the map; sites cannot change. To reshape a site, choose Select/edit.' },
  modeHintSelect: { zh: '编辑：点选地块后拖动节点或整块移动；Ctrl+Z 撤销；Esc 退出编辑。', en: 'Edit: click a site, then drag its vertices or the whole site; Ctrl+Z undoes; Esc leaves editing.' },
  modeHintMeasure: { zh: '测距：单击逐点量测，再次单击末点或按 Enter 结束；不会保存为地块；Esc 退出。', en: 'Distance: click point by point; click the last point again or press Enter to finish; not saved as a site; Esc leaves.' },
  modeHintDraw: { zh: '绘制：单击加点，单击首点闭合；拖动地图仍是平移；Esc 取消/退出。', en: 'Draw: click to add points, click the first point to close; dragging still pans; Esc cancels or leaves.' },
  typeCoordinates: { zh: '输入坐标…', en: 'Type coordinates…' },
  coordinatesTypedIn: { zh: '坐标按 {crsName}（{crs}）输入', en: 'Coordinates typed in {crsName} ({crs})' },
  asALine: { zh: '作为线', en: 'As a line' },
  addAsASite: { zh: '添加为地块', en: 'Add as a site' },
  cancel: { zh: '取消', en: 'Cancel' },
  noSitesYet: { zh: '工作区还没有地块', en: 'No sites yet' },
  name: { zh: '名称', en: 'Name' },
  type: { zh: '类型', en: 'Type' },
  duplicate: { zh: '复制', en: 'Duplicate' },
  delete: { zh: '删除', en: 'Delete' },
  note: { zh: '备注', en: 'Note' },
  importedAttributes: { zh: '导入属性（{attributeCount}）', en: 'Imported attributes ({attributeCount})' },
  class: { zh: '类别', en: 'Class' },
  areaMu: { zh: '面积(亩)', en: 'Area (mu)' },
  stockM3: { zh: '蓄积(m³)', en: 'Stock (m³)' },
  notArealNoAnalysis: { zh: '点和线没有面积，只给出量测；请绘制面状地块进行分析。', en: 'Points and lines have no area; draw a polygon for the analysis.' },
  standLandTaken: { zh: '占用林地（小班）', en: 'Stand land taken' },
  mu: { zh: '亩', en: 'mu' },
  stands: { zh: '个小班', en: 'stands' },
  ofWhichForest: { zh: '其中森林', en: 'of which forest' },
  standingStock: { zh: '蓄积', en: 'Standing stock' },
  carbonStockAtStake: { zh: '碳储量', en: 'Carbon stock at stake' },
  netAnnualSinkLost: { zh: '年净碳汇损失', en: 'Net annual sink lost' },
  yr: { zh: '年', en: 'yr' },
  grossGrowth: { zh: '总生长', en: 'gross growth' },
  factorTable: { zh: '因子表 ', en: 'Factor table ' },
  unverifiedFactorShares: { zh: '；依据未核实系数（二手来源或假设值）的比例：碳储量 {carbon_stock}%，年净碳汇 {annual_sink}%', en: '; resting on unverified factors (secondary or assumed): stock {carbon_stock} %, net sink {annual_sink} %' },
  noConflictsFound: { zh: '未发现冲突', en: 'No conflicts found' },
  bySpeciesGroup: { zh: '按树种组', en: 'By species group' },
  byAgeGroup: { zh: '按龄组', en: 'By age group' },
  byLandClass: { zh: '按地类', en: 'By land class' },
  byTownship: { zh: '按乡镇', en: 'By township' },
  overlapWithOtherLayersBy: { zh: '与其他图层重叠（按乡镇）', en: 'Overlap with other layers (by township)' },
  layer: { zh: '图层', en: 'Layer' },
  township: { zh: '乡镇', en: 'Township' },
  names: { zh: '名称', en: 'Names' },
  none: { zh: '无', en: 'None' },
  withWithoutCaption: { zh: '有/无项目对比（可造林面积 {plantable_mu} 亩，{start_year} 年起）', en: 'With vs without project (plantable {plantable_mu} mu from {start_year})' },
  years: { zh: '年限', en: 'Years' },
  withProject: { zh: '有项目', en: 'With' },
  withoutProject: { zh: '无项目', en: 'Without' },
  addedTco2e: { zh: '增加(tCO₂e)', en: 'Added (tCO₂e)' },
  analysisMethodNote: { zh: '方法：小班与地块求交（平面裁剪，椭球面积），蓄积按面积比例分摊，碳储量与年净碳汇（生长 − 采伐 − 枯损）按 {method}（{year} 年）；有/无项目对比按造林生长曲线{mineNote}，已有森林与湿地不计入可造林面积。示例数据，仅供演示。', en: 'Method: stands clipped by the site (planar clip, ellipsoidal area), stock pro rata by area, carbon and net annual sink (growth − harvest − mortality) by {method} ({year}); with/without by the afforestation growth curve{mineNote}; existing forest and wetland are not counted as plantable. Sample data.' },
  compareSites: { zh: '比较地块…', en: 'Compare sites…' },
  siteComparison: { zh: '地块比较', en: 'Site comparison' },
  compareSelected: { zh: '比较所选（{pickedCount}）', en: 'Compare selected ({pickedCount})' },
  close: { zh: '收起', en: 'Close' },
  tickAtLeastTwoSites: { zh: '至少勾选两个地块。', en: 'Tick at least two sites.' },
  measure: { zh: '指标', en: 'Measure' },
  compareCarbonNote: { zh: '有/无项目碳储量仅对造林、修复类地块计算（按生长曲线）；“—”表示不适用或分析失败。', en: 'With/without-project carbon is computed for afforestation and restoration sites only (growth curves); "—" means not applicable or the analysis failed.' },
  referenceLayers: { zh: '参考图层', en: 'Reference layers' },
  referenceLayerNotSavedIn: { zh: '参考图层未能保存到本机（{fault}），仅本次有效', en: 'Reference layer not saved in this browser ({fault}); it lasts this session only' },
  featureCount: { zh: '{count} 个要素', en: '{count} features' },
  zoomTo: { zh: '定位', en: 'Zoom to' },
  remove: { zh: '移除', en: 'Remove' },
  referenceClickHelp: { zh: '浏览模式下点击参考图层中的要素可查看属性，并可设为地块。', en: 'In browse mode, click a feature of a reference layer to see its attributes and make it a site.' },
  makeItASite: { zh: '设为地块', en: 'Make it a site' },
  moreFeaturesHere: { zh: '此处还有 {moreCount} 个要素（显示最小的一个）', en: '{moreCount} more feature(s) here (showing the smallest)' },
  drawing: { zh: '正在绘制', en: 'Drawing' },
  measurement: { zh: '量测', en: 'Measurement' },
  areaUnit: { zh: '面积单位', en: 'Area unit' },
  drawOrPickSite: { zh: '在地图上绘制或从列表选择地块', en: 'Draw on the map or pick a site' },
  area: { zh: '面积', en: 'Area' },
  perimeter: { zh: '周长', en: 'Perimeter' },
  length: { zh: '长度', en: 'Length' },
  vertices: { zh: '节点', en: 'Vertices' },
  ellipsoidalAreaNote: { zh: '椭球面积（CGCS2000），1 亩 = 666.67 平方米', en: 'Ellipsoidal (CGCS2000); 1 mu = 666.67 m²' },
  reading: { zh: '读取', en: 'Reading' },
  parsingWorker: { zh: '解析（后台线程）', en: 'Parsing (worker)' },
  importFiles: { zh: '导入文件', en: 'Import files' },
  dropFilesHereOr: { zh: '拖放文件到这里，或', en: 'Drop files here, or' },
  chooseFiles: { zh: '选择文件', en: 'choose files' },
  crs: { zh: '坐标系', en: 'CRS' },
  encoding: { zh: '编码', en: 'Encoding' },
  featureNumber: { zh: '第 {number} 个要素：', en: 'Feature {number}: ' },
  largeImportAsReference: { zh: '共 {count} 个要素，多于 {threshold} 个：作为参考图层加入工作区（地图上显示，点击要素可查看属性并设为地块），而不是一次生成这么多地块。', en: '{count} features, more than {threshold}: added to the workspace as a reference layer (drawn on the map; click a feature to see its attributes and make it a site) rather than as that many sites.' },
  addAsAReferenceLayer: { zh: '添加为参考图层', en: 'Add as a reference layer' },
  addFeaturesToTheWorkspace: { zh: '添加 {usableCount} 个要素到工作区', en: 'Add {usableCount} features to the workspace' },
  siteReport: { zh: '地块分析报告', en: 'Site report' },
  printed: { zh: '打印日期', en: 'Printed' },
  siteMap: { zh: '地块位置图', en: 'Site map' },
  northArrow: { zh: '指北针', en: 'North arrow' },
  thisSite: { zh: '本地块', en: 'This site' },
  centreCgcs2000: { zh: '中心点（CGCS2000）', en: 'Centre (CGCS2000)' },
  gaussKrugerZone: { zh: '3° 高斯-克吕格 {zone} 带（EPSG:{epsg}）', en: '3° Gauss-Krüger zone {zone} (EPSG:{epsg})' },
  listComma: { zh: '，', en: ', ' },
  analysisNotReady: { zh: '（分析尚未完成）', en: '(analysis not ready)' },
  dataYearAndSampleNote: { zh: '数据基准年：{asOfYear} 年（示例数据：县界与乡镇名称为真实信息，小班、项目与乡镇界线为模拟）。方法：面积为 CGCS2000 椭球面积（1 亩 = 10000/15 平方米）；碳储量按 IPCC 二级蓄积—生物量法（C = V × D × BEF × (1+R) × CF），因子见碳汇方法说明。结果仅供规划初筛，不作审批依据。', en: 'Data year: {asOfYear} (sample data: the county outline and township names are real; stands, projects and township boundaries are synthetic). Methods: areas are ellipsoidal on CGCS2000 (1 mu = 10000/15 m²); carbon by the IPCC Tier 2 volume–biomass method (C = V × D × BEF × (1+R) × CF), factors as listed in the method notes. For screening only, not for approval.' },
  site: { zh: '地块', en: 'Site' },
  copy: { zh: '副本', en: 'copy' },
  drawingTools: { zh: '绘制工具', en: 'Drawing tools' },
  undo: { zh: '撤销', en: 'Undo' },
  redo: { zh: '重做', en: 'Redo' },
  snapToStandsTownships: { zh: '吸附小班/乡镇界', en: 'Snap to stands/townships' },
  undoDelete: { zh: '撤销删除「{name}」', en: 'Undo delete "{name}"' },
  storageProblem: { zh: '存储问题：', en: 'Storage: ' },
  workspace: { zh: '工作区', en: 'Workspace' },
  savedInThisBrowser: { zh: '已保存到本机', en: 'saved in this browser' },
  memoryOnly: { zh: '仅内存', en: 'memory only' },
  importFilesEllipsis: { zh: '导入文件…', en: 'Import files…' },
  siteAnalysis: { zh: '地块分析', en: 'Site analysis' },
  analysing: { zh: '正在分析…', en: 'Analysing…' },
  versionRestored: { zh: '已恢复第 {version} 版', en: 'version {version} restored' },
  waitingToSync: { zh: '等待同步', en: 'waiting to sync' },
  syncing: { zh: '正在同步…', en: 'syncing…' },
  syncedWithTheServer: { zh: '已与服务器同步', en: 'synced with the server' },
  serverUnreachable: { zh: '服务器不可达，修改保存在本机，恢复后自动同步', en: 'server unreachable: changes are kept here and synced when it is back' },
  sharingAndHistory: { zh: '共享与历史', en: 'Sharing and history' },
  share: { zh: '共享', en: 'Share' },
  history: { zh: '历史', en: 'History' },
  deleted: { zh: '（已删除）', en: '(deleted)' },
  restore: { zh: '恢复此版本', en: 'Restore' },
  wasChangedOnTheServer: { zh: '「{name}」在服务器上已被 {updated_by} 修改', en: '"{name}" was changed on the server by {updated_by}' },
  areaMuFullWidth: { zh: '面积（亩）', en: 'Area (mu)' },
  time: { zh: '时间', en: 'Time' },
  thisBrowser: { zh: '本机版本', en: 'This browser' },
  server: { zh: '服务器版本', en: 'Server' },
  keepMine: { zh: '保留本机版本', en: 'Keep mine' },
  takeTheServers: { zh: '采用服务器版本', en: 'Take the server’s' },
  sharing: { zh: '共享', en: 'Sharing' },
  onlyMe: { zh: '仅自己', en: 'Only me' },
  namedUsers: { zh: '指定用户', en: 'Named users' },
  everyoneSignedIn: { zh: '所有登录用户', en: 'Everyone signed in' },
  save: { zh: '保存', en: 'Save' },
  exportAndShare: { zh: '导出与分享', en: 'Export and share' },
  allSites: { zh: '全部（{sitesCount}）', en: 'All ({sitesCount})' },
  selectedSite: { zh: '选中地块', en: 'Selected site' },
  printReport: { zh: '打印报告', en: 'Print report' },
  shareLink: { zh: '分享链接', en: 'Share link' },
  shareLinkTruncated: { zh: '链接只放得下 {fitting} / {total} 个地块：链接最长 {maxChars} 个字符（浏览器和聊天软件截断更长的链接），放不下的是最大的 {dropped} 个。要分享全部地块，请发送文件：', en: 'The link holds {fitting} of {total} sites: a link is at most {maxChars} characters (browsers and chat apps cut longer ones), and the {dropped} largest did not fit. To share every site, send a file:' },
  downloadAllSitesGeojson: { zh: '下载全部 {total} 个地块（GeoJSON）', en: 'Download all {total} sites (GeoJSON)' },
  linkCopied: { zh: '链接已复制；打开即可恢复视图与地块（不经过服务器）。', en: 'Link copied; opening it restores the view and the sites (nothing goes to a server).' },
  methodFang: { zh: '方精云生物量—蓄积函数', en: "Fang's biomass–volume functions" },
  methodIpccTier2: { zh: 'IPCC 二级材积—生物量法', en: 'IPCC Tier 2 volume–biomass' },
  mineRestorationNote: { zh: '（矿山修复：立地系数与土壤碳累积）', en: ' (mine restoration: site factor and soil accrual)' },
  changeCreated: { zh: '新建', en: 'created' },
  changeEdited: { zh: '修改', en: 'edited' },
  changeDeleted: { zh: '删除', en: 'deleted' },
  changeRestored: { zh: '恢复', en: 'restored' },
  // Sync status (issue 24): one status that says where the work is, never "synced" while a site is not.
  syncedExceptSome: { zh: '已同步，但有 {count} 个地块未同步（原因见下）', en: 'synced, except {count} site(s) (reasons below)' },
  syncedNoLocalStore: { zh: '已与服务器同步（本浏览器无法保存地块：刷新后从服务器重新载入）', en: 'synced with the server (this browser cannot store sites: a reload fetches them from the server again)' },
  serverUnreachableMemory: { zh: '服务器不可达，本浏览器也无法保存：修改只在本页内存中，关闭或刷新页面即丢失——请先导出', en: 'server unreachable and this browser cannot store sites: changes live only in this page’s memory and are lost when it is closed or reloaded; export them first' },
  serverAnsweredError: { zh: '服务器未能同步（{reason}），修改保存在本机，稍后重试', en: 'the server could not sync ({reason}); changes are kept here and tried again' },
  serverAnsweredErrorMemory: { zh: '服务器未能同步（{reason}），本浏览器也无法保存：修改只在本页内存中——请先导出', en: 'the server could not sync ({reason}) and this browser cannot store sites: changes live only in this page’s memory; export them first' },
  problemRefused: { zh: '「{name}」被服务器拒绝：{reason}。修改后会再次提交', en: '"{name}" refused by the server: {reason}. It is sent again once changed' },
  problemTransient: { zh: '「{name}」暂未同步：{reason}。稍后重试', en: '"{name}" not synced yet: {reason}. Tried again later' },
  problemReadOnly: { zh: '「{name}」是共享给你的只读地块：你的修改只留在本浏览器', en: '"{name}" is shared with you read-only: your change stays in this browser' },
  problemViewerLocal: { zh: '「{name}」只在本浏览器中：只读账号不能把地块保存到服务器', en: '"{name}" is only in this browser: a viewer cannot save sites to the server' },
  problemConflict: { zh: '「{name}」在服务器和本机都被修改，等待你选择', en: '"{name}" was changed here and on the server: waiting for your choice' },
  siteNotSynced: { zh: '未同步：{reason}', en: 'Not synced: {reason}' },
  // Sharing (issue 22): the form opens on the current sharing, users are picked from a list, changes are confirmed.
  sharingPrivate: { zh: '仅自己可见', en: 'only the owner' },
  sharingEveryone: { zh: '所有登录用户可见', en: 'everyone signed in' },
  sharingUsers: { zh: '共享给 {users}', en: 'shared with {users}' },
  sharedBy: { zh: '{owner} 共享给你', en: 'shared with you by {owner}' },
  shareChangeAsk: { zh: '将「{name}」从“{from}”改为“{to}”？', en: 'Change "{name}" from “{from}” to “{to}”?' },
  shareConfirm: { zh: '确认更改', en: 'Confirm' },
  shareSavedNow: { zh: '已保存：「{name}」现在{to}', en: 'Saved: "{name}" is now {to}' },
  shareUsersLoading: { zh: '正在读取用户列表…', en: 'Reading the user list…' },
  shareUsersFailed: { zh: '无法读取用户列表：{reason}', en: 'Could not read the user list: {reason}' },
  shareNoOtherUsers: { zh: '没有其他用户', en: 'No other users' },
  sharePickUsers: { zh: '请至少选择一位用户', en: 'Pick at least one user' },
  shareUserGone: { zh: '{name}（账号不可用）', en: '{name} (account unavailable)' },
  shareViewerRole: { zh: '{name}（只读）', en: '{name} (viewer)' },
  shareOwnerOnly: { zh: '只有所有者 {owner} 可以更改共享', en: 'Only the owner, {owner}, can change the sharing' },
  versionChanged: { zh: '改了 {fields}', en: 'changed {fields}' },
  restoreAsk: { zh: '恢复第 {version} 版会替换此后的 {count} 个版本：', en: 'Restoring version {version} replaces the {count} later version(s):' },
  restoreYes: { zh: '确认恢复', en: 'Restore it' },
  // Deleting, and what a viewer may do.
  deleteNotOwner: { zh: '「{name}」由 {owner} 共享给你：只有所有者可以删除它', en: '"{name}" is shared with you by {owner}: only the owner can delete it' },
  viewerNote: { zh: '只读账号：可浏览、测距（不保存）、查看和导出共享给你的地块；不能新建或修改地块。', en: 'Viewer account: browse, measure distances (not saved), view and export the sites shared with you; sites cannot be added or changed.' },
  viewerShareLink: { zh: '已打开分享链接的视图；只读账号不能添加地块，链接中的 {count} 个地块未添加。', en: 'The share link’s view is open; a viewer cannot add sites, so its {count} site(s) were not added.' },
  // Storage faults (IndexedDB) in the UI language; {detail} is the browser's reason.
  storeMissing: { zh: '此浏览器没有本机存储（IndexedDB）：地块不会保存在本浏览器', en: 'this browser has no IndexedDB: sites are not stored in this browser' },
  storeUnavailable: { zh: '本机存储（IndexedDB）无法打开（{detail}）：地块不会保存在本浏览器', en: 'IndexedDB could not be opened ({detail}): sites are not stored in this browser' },
  storeBlocked: { zh: '本机存储被本应用的另一个标签页占用：请关闭其他标签页后刷新', en: 'the database is blocked by another tab of this app; close the other tabs and reload' },
  storeQuota: { zh: '本机存储已满：此地块及之后的修改没有保存到本浏览器——请导出保存', en: 'storage is full: this site and later changes are not stored in this browser; export them to keep them' },
  storeWrite: { zh: '无法保存到本机（{detail}）：之后的修改不会保存在本浏览器', en: 'could not save ({detail}): later changes are not stored in this browser' },
  storeVersionChange: { zh: '另一个标签页升级了本机存储：本页之后的修改不会保存在本浏览器——请导出后刷新', en: 'another tab upgraded the saved-sites database: this tab no longer stores its changes; export them, then reload' },
  storeCorrupt: { zh: '{count} 个已保存的地块无法读取，已跳过（仍留在存储中，未删除）', en: '{count} saved site(s) could not be read and were skipped (left in storage, not deleted): {reasons}' },
  storeReadFailed: { zh: '无法读取已保存的地块（{detail}）', en: 'could not read saved sites ({detail})' },
  storeDenied: { zh: '浏览器拒绝访问', en: 'access denied by the browser' },
  storeUnknownError: { zh: '浏览器未说明原因', en: 'no reason given by the browser' },
} as const satisfies Record<string, Record<Lang, string>>;

export type PlannerTextKey = keyof typeof PLANNER_TEXT;

export const LangContext = createContext<Lang>('zh');

export function useLang(): Lang {
  return useContext(LangContext);
}

export function useT(): (key: TextKey) => string {
  const lang = useLang();
  return (key) => UI_TEXT[key][lang];
}

export const FACTOR_STATUS: Record<string, Record<Lang, string>> = {
  verified: { zh: '已与来源核实', en: 'verified against the source' },
  secondary: { zh: '转引自二手来源', en: 'from a secondary source' },
  assumption: { zh: '假设值，待核实', en: 'assumption, to be checked' },
};

/** The factor tables' figures and formulas (keyed by core/carbon/method-notes.ts's figure), {conv} = the method's
 *  volume-to-carbon factor. */
export const METHOD_NOTE_TEXT: Record<string, { figure: Record<Lang, string>; formula: Record<Lang, string>; formulaFang?: Record<Lang, string> }> = {
  'stand carbon stock': {
    figure: { zh: '林分碳储量', en: 'Stand carbon stock' },
    formula: { zh: 'IPCC第二层级材积—生物量法：C = V × D × BEF × (1+R) × CF（参数为对《省级温室气体清单编制指南（试行）》2011参数表的回忆值，尚未与原文核对）', en: 'IPCC Tier 2 volume–biomass: C = V × D × BEF × (1+R) × CF (parameters recalled from the 2011 provincial inventory guideline table, not yet checked against it)' },
    formulaFang: { zh: '方精云生物量—蓄积量函数：每公顷 B = a·V + b，C = B × CF（a、b取自李银等2016表1）', en: "Fang's biomass–volume function B = a·V + b per hectare, C = B × CF (a, b from Li Yin et al. 2016, Table 1)" },
  },
  'stand gross growth': {
    figure: { zh: '林分总生长量', en: 'Stand gross growth' },
    formula: { zh: 'V × 蓄积总生长率（龄组）× {conv}', en: 'V × gross growth rate (age group) × {conv}' },
  },
  'stand harvest and mortality': {
    figure: { zh: '林分采伐与枯损（消耗）', en: 'Stand harvest and mortality' },
    formula: { zh: 'V × （采伐率 + 枯损率）（树种组、起源）× {conv}；年净碳汇 = 总生长 − 采伐 − 枯损（碳汇造林地块不计采伐）', en: 'V × (harvest + mortality rate) (species group, origin) × {conv}; net sink = gross growth − harvest − mortality (no harvest on carbon-sink afforestation plots)' },
  },
  'bamboo (毛竹)': {
    figure: { zh: '毛竹', en: 'Moso bamboo' },
    formula: { zh: '碳储量 = 碳密度 × 面积；年净碳汇 = 净储量变化率 × 面积；总生产力计为总生长，竹材采伐 = 总生产力 − 净变化', en: 'stock = density × area; net sink = net stock-change rate × area; gross production reported as gross growth, culm harvest = gross − net' },
  },
  油茶: {
    figure: { zh: '油茶', en: 'Oil tea' },
    formula: { zh: '已成林：碳密度 × 面积，净碳汇率 × 面积；新造高产林：C(t) = 碳密度 × (1 − e^(−k·t))²，年碳汇 = C(t) − C(t−1)', en: 'established: density × area, net rate × area; new high-yield planting: C(t) = density × (1 − e^(−k·t))², sink = C(t) − C(t−1)' },
  },
  碳汇造林: {
    figure: { zh: '碳汇造林', en: 'Carbon-sink afforestation' },
    formula: { zh: '无实测蓄积：每公顷 C(t) = A·(1 − e^(−k·t))^c，t 为造林后年数（有专属曲线的树种组用其 A、k，其余用人工杉木曲线；碳汇项目的层按立地等级系数调整 A）；年碳汇 = C(t) − C(t−1)。有实测蓄积：按一般林分计算，不计采伐', en: "without recorded volume: C(t) = A·(1 − e^(−k·t))^c per ha, t = years since planting (a species group's own A, k where it has them, else the planted Chinese-fir curve; A × site-class factor for a carbon-sink project stratum); sink = C(t) − C(t−1). With recorded volume: as any stand, no harvest" },
  },
  wetland: {
    figure: { zh: '湿地', en: 'Wetland' },
    formula: { zh: '埋藏速率 × 面积（不估算碳储量）', en: 'burial rate × area (stock not modelled)' },
  },
  'mine restoration': {
    figure: { zh: '矿山修复', en: 'Mine restoration' },
    formula: { zh: 'C(t) × 立地系数 + 土壤碳积累 × min(t, 土壤积累年数)', en: 'C(t) × site factor + soil accrual × min(t, soil years)' },
  },
  'avoided emissions (estimate) — not a sink': {
    figure: { zh: '新能源减排量（估算，非碳汇）', en: 'Avoided emissions (estimate) — not a sink' },
    formula: { zh: '装机兆瓦 × 满负荷小时数 × 电网排放因子', en: 'MW × full-load hours × grid factor' },
  },
};

/** The stand method's one-line description (core/carbon/stand.ts METHOD_LABELS, in words for each language). */
export const METHOD_LABEL_TEXT: Record<string, Record<Lang, string>> = {
  ipcc_bef: {
    zh: 'IPCC第二层级材积—生物量法，C = V × D × BEF × (1+R) × CF（参数为对2011年《省级温室气体清单编制指南（试行）》参数表的回忆值，尚未核对）；年净碳汇 = 总生长 − 采伐 − 自然枯损（生长按树种组 × 龄组，消耗按树种组 × 起源）',
    en: 'IPCC Tier 2 volume–biomass, C = V × D × BEF × (1+R) × CF (parameters recalled from the 2011 provincial inventory guideline table, not yet checked against it); annual sink = gross growth − harvest − natural mortality (growth by species group × age group, consumption by species group × origin)',
  },
  fang: {
    zh: '方精云生物量—蓄积量函数，每公顷 B = a·V + b，C = B × CF（a、b取自李银等2016表1）；年净碳汇 = 总生长 − 采伐 − 自然枯损，按 a × CF 换算',
    en: "Fang's biomass–volume function B = a·V + b per hectare, C = B × CF (a, b from Li Yin et al. 2016, Table 1); annual sink = gross growth − harvest − natural mortality, converted at a × CF",
  },
};

/** English words of the factor tables' parameter names, units and uncertainties, in Chinese. */
export const METHOD_WORDS_ZH: Record<string, string> = {
  'gross volume growth ': '蓄积总生长率 ',
  'other groups': '其他树种组',
  'harvest ': '采伐率 ',
  'mortality ': '枯损率 ',
  'net stock change': '净储量变化率',
  'gross production': '总生产力',
  'net sink (established)': '净碳汇（已成林）',
  'gross growth (established)': '总生长（已成林）',
  'k (new planting)': 'k（新造林）',
  density: '碳密度',
  burial: '埋藏速率',
  'site factor': '立地系数',
  'soil accrual': '土壤碳积累',
  'soil years': '土壤积累年数',
  'PV hours': '光伏满负荷小时数',
  'wind hours': '风电满负荷小时数',
  'grid ': '电网排放因子 ',
  ' row)': '行）',
  ' function)': '函数）',
  ' (': '（',
  'fraction of standing volume per year': '占活立木蓄积的比例/年',
  multiplier: '倍数',
  'multiplier on the curve asymptote A': '曲线渐近值 A 的倍数',
  'site class ': '立地等级 ',
  "none (the curves' own data)": '无（即曲线所依据的数据）',
  '(shape c = 2)': '（形状参数 c = 2）',
  'h/yr': '小时/年',
  '1/yr': '1/年',
  '/yr': '/年',
  '1 SD, normal)': '1倍标准差，正态分布）',
  'triangular)': '三角分布）',
  'none stated': '未给出',
  'held fixed (shape)': '固定不变（形状参数）',
};

/** Chinese terms of the factor tables that are neither species groups nor data values, in English. */
export const TERMS_EN: Record<string, string> = {
  木荷樟: 'Schima–camphor',
  其他松类: 'other pines',
  '（': ' (',
  '）': ')',
};

export const PROJECT_KIND: Record<string, Record<Lang, string>> = {
  pv: { zh: '光伏', en: 'Solar PV' },
  wind: { zh: '风电', en: 'Wind' },
  wetland_park: { zh: '湿地公园', en: 'Wetland park' },
  mine: { zh: '矿山修复', en: 'Mine restoration' },
};

/**
 * How each plan target was measured (core/plan/rules.ts gives a key and values): the rule in words, in both languages.
 * String values are data (names, statuses); in English they go through valueName, names stay as they are.
 */
export const RULE_TEXT: Record<RuleMessageKey, Record<Lang, string>> = {
  upgrade_area: { zh: '低效林改造（{types}）在{year}年底前完成的小班面积（椭球面积）', en: 'Area of stands upgraded ({types}) by the end of {year} (ellipsoidal area)' },
  oil_tea_area: { zh: '油茶{work}在{year}年底前完成的小班面积', en: 'Area of oil-tea stands with {work} done by the end of {year}' },
  forest_coverage: { zh: '森林面积 {forest_mu} 亩 ÷ 全县土地面积 {land_mu} 亩', en: 'Forest area {forest_mu} mu ÷ county land area {land_mu} mu' },
  forest_land_area: { zh: '全部小班面积之和（小班均为林地）', en: 'Area of all stands (every stand is forest land)' },
  forest_stock: { zh: '全部小班蓄积量之和', en: 'Growing stock of all stands, summed' },
  carbon_afforestation_area: { zh: '{year}年底前造林的碳汇造林小班面积', en: 'Area of carbon-sink afforestation stands planted by the end of {year}' },
  new_energy_capacity: { zh: '{year}年底前已并网的光伏与风电装机容量', en: 'Solar and wind capacity connected to the grid by the end of {year}' },
  pv_missing: { zh: '光伏图层中没有{township}的{capacity_mw}兆瓦{kind}项目', en: 'No {capacity_mw} MW {kind} project in {township} on the solar layer' },
  feature_status: { zh: '{name}：{status}', en: '{name}: {status}' },
  feature_status_year: { zh: '{name}：{status}（{year}年）', en: '{name}: {status} ({year})' },
  gas_pipeline_built: { zh: '燃气管道{name}已建成', en: 'Gas pipeline {name} is built' },
  gas_town_supplied: { zh: '{name}已通气', en: '{name} has piped gas' },
  gas_pipeline_planned: { zh: '燃气管道已规划（计划{years}年）', en: 'Gas pipeline planned (for {years})' },
  gas_town_planned: { zh: '{name}：规划2030年前通气', en: '{name}: piped gas planned by 2030' },
  gas_missing: { zh: '燃气管道图层中没有通往{place}的管道', en: 'No gas pipeline serving {place} on the pipeline layer' },
  mine_missing: { zh: '矿山图层中没有名为{name}的矿山', en: 'No mine named {name} on the mine layer' },
  wetland_none: { zh: '湿地图层中没有正在修复的{kind}', en: 'No {kind} under restoration on the wetland layer' },
  wetland_restored: { zh: '{kind}已修复 {done_mu} / {total_mu} 亩（{sites} 处）', en: '{done_mu} of {total_mu} mu of {kind} restored ({sites} sites)' },
  wetland_park: { zh: '{park}本身：{status}', en: '{park} itself: {status}' },
  wetland_park_missing: { zh: '湿地图层中没有{park}', en: 'No {park} on the wetland layer' },
  substation_missing: { zh: '变电站图层中没有{voltage_kv}千伏{name}变电站', en: 'No {voltage_kv} kV {name} substation on the substation layer' },
};

/**
 * The siting rules and what a site type means for carbon (src/planner/SitingView.tsx, the report, the comparison): one
 * entry per text, looked up with st(lang, key) from src/planner/siting-text.ts. The rules' own lines and citations are
 * data of src/core/analysis/siting-rules.ts (each in both languages); the verdicts are data values (value-names.ts).
 */
export const SITING_TEXT = {
  sitingTitle: { zh: '选址规则（三区三线与地类）', en: 'Siting rules (control lines and land classes)' },
  sitingVerdict: { zh: '选址结论', en: 'Siting verdict' },
  sitingNone: { zh: '未触及任何选址规则', en: 'No siting rule applies' },
  sitingVerdictCol: { zh: '结论', en: 'Verdict' },
  sitingRuleCol: { zh: '规则', en: 'Rule' },
  sitingAreaCol: { zh: '面积(亩)', en: 'Area (mu)' },
  sitingBasisCol: { zh: '依据', en: 'Basis' },
  sitingBasisQuoted: { zh: '已对照公开文本', en: 'checked against a published text' },
  sitingBasisRecalled: { zh: '凭记忆引用，待核对', en: 'cited from memory, to be checked' },
  sitingBasisAssumption: { zh: '本系统假设', en: "this app's assumption" },
  sitingBasisBureau: { zh: '局规则', en: 'bureau rule' },
  sitingOutsideInventory: { zh: '其中小班以外的土地 {mu} 亩', en: 'of which {mu} mu outside the forest inventory' },
  sitingSynthetic: { zh: '{layers}为模拟数据，仅供演示，不是兴国县的真实三区三线。', en: '{layers}: synthetic sample data for the demonstration, not the county’s real control lines.' },
  sitingNotProvided: { zh: '未提供“{layer}”图层，无法核查。', en: '“{layer}” was not provided: not checked.' },
  sitingMapNote: { zh: '地图上按结论着色显示受影响的部分（红：禁止，橙：需审批，黄：注意，绿：允许）。', en: 'The map shows the affected parts coloured by verdict (red: forbidden, orange: needs approval, yellow: caution, green: allowed).' },
  sitingScreeningNote: { zh: '结果仅供选址初筛，以主管部门审查为准。', en: 'For screening only; the authorities’ review decides.' },
  carbonTitle: { zh: '碳影响（按地块类型）', en: 'Carbon effect (by site type)' },
  purpose光伏: { zh: '光伏：地块内林分视为清除，碳储量和年净碳汇计为损失；发电减排量单独列出，不计入碳汇。', en: 'PV: the stands in the site are cleared, their carbon stock and net annual sink count as losses; avoided emissions from generation are listed apart, never as a sink.' },
  purpose风电: { zh: '风电：地块内林分视为清除（按整个地块计，为上限），碳储量和年净碳汇计为损失；发电减排量单独列出，不计入碳汇。', en: 'Wind: the stands in the site count as cleared (the whole site, an upper bound), their carbon stock and net annual sink as losses; avoided emissions are listed apart, never as a sink.' },
  purpose造林: { zh: '造林：在可造林地（宜林地、迹地、疏林地、一般灌木林地和小班以外未被禁止的土地）上按造林生长曲线计增汇；已有森林不符合造林条件，单独标注，不计损失，也不计增汇。', en: 'Afforestation: the gain follows the afforestation growth curve on land that can be planted (land for afforestation, cut-over, sparse and other shrub land, and land outside the inventory no rule forbids); existing forest is not eligible: flagged, counted neither as a loss nor as a gain.' },
  purpose碳汇造林: { zh: '碳汇造林：与造林相同，按造林生长曲线计增汇；已有森林不符合碳汇造林项目条件。', en: 'Carbon-sink afforestation: as afforestation, the gain follows the growth curve; existing forest is not eligible for the project.' },
  purpose修复: { zh: '修复：在可修复土地上按矿山修复模型（立地系数与土壤碳积累）计增汇；现有林分保留，不计损失。', en: 'Restoration: the gain follows the mine-restoration model (site factor and soil accrual) on land that can be restored; existing stands are kept, not a loss.' },
  purpose其他: { zh: '其他：地块内林分视为清除，碳储量和年净碳汇计为损失。', en: 'Other: the stands in the site are cleared; their carbon stock and net annual sink count as losses.' },
  stockChange: { zh: '碳储量变化', en: 'Carbon stock change' },
  sinkChange: { zh: '年净碳汇变化', en: 'Net annual sink change' },
  keptForest: { zh: '保留的现有林地（不符合造林条件，不计损失）', en: 'Existing forest kept (not eligible, not a loss)' },
  eligibleLand: { zh: '计增汇面积', en: 'Land the gain is counted on' },
  gainAfter: { zh: '{years} 年增汇（有项目 − 无项目）', en: 'Gain after {years} years (with − without)' },
  avoided: { zh: '减排量（估算，不计入碳汇）', en: 'Avoided emissions (estimate, not a sink)' },
  avoidedDetail: { zh: '装机按 {haPerMw} 公顷/兆瓦估算为 {mw} 兆瓦 × {hours} 小时/年 × 电网排放因子 {grid} 吨/兆瓦时', en: '{mw} MW estimated at {haPerMw} ha/MW × {hours} h/yr × grid factor {grid} t/MWh' },
  standsInSite: { zh: '地块内林地（小班）', en: 'Stand land in the site' },
  standsNetSink: { zh: '地块内林分年净碳汇（保留）', en: 'Net annual sink of the stands in the site (kept)' },
  compareVerdict: { zh: '选址结论', en: 'Siting verdict' },
  compareRules: { zh: '选址规则（面积，亩）', en: 'Siting rules (area, mu)' },
  compareConstraint: { zh: '{layer}（亩）', en: '{layer} (mu)' },
  compareStandSink: { zh: '地块内林分年净碳汇（tCO₂e/年）', en: 'Net annual sink of the stands in the site (tCO₂e/yr)' },
  compareStockChange: { zh: '碳储量变化（tCO₂e）', en: 'Carbon stock change (tCO₂e)' },
  compareSinkChange: { zh: '年净碳汇变化（tCO₂e/年）', en: 'Net annual sink change (tCO₂e/yr)' },
  compareKept: { zh: '保留的现有林地（亩）', en: 'Existing forest kept (mu)' },
  compareEligible: { zh: '计增汇面积（亩）', en: 'Land the gain is counted on (mu)' },
  compareAvoided: { zh: '减排量（tCO₂e/年，不计入碳汇）', en: 'Avoided emissions (tCO₂e/yr, not a sink)' },
  constraintData: { zh: '三区三线数据', en: 'Control-line data' },
  constraintDataSynthetic: { zh: '模拟数据', en: 'synthetic sample' },
} as const satisfies Record<string, Record<Lang, string>>;

export type SitingTextKey = keyof typeof SITING_TEXT;

/** Fills {name} slots: numbers in the language's locale, strings as data values (translated where they are enumerations). */
export function fillText(template: string, params: Readonly<Record<string, string | number>>, lang: Lang): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const v = params[key];
    if (v === undefined) return whole;
    // A year is never grouped (2,025); other numbers are.
    if (typeof v === 'number') return /year/.test(key) ? String(v) : v.toLocaleString(localeOf(lang), { maximumFractionDigits: 1 });
    // "更新/补植" and "2030, 2035": each part is a value of its own.
    return v.split(/(\/|, )/).map((part) => (part === '/' || part === ', ' ? part : valueName(part, lang))).join('');
  });
}

/** A target's rule line in the UI language: its messages joined as sentences. */
export function ruleDetailText(detail: readonly RuleMessage[], lang: Lang): string {
  return detail.map((m) => fillText(RULE_TEXT[m.key][lang], m.params as Record<string, string | number>, lang)).join(lang === 'zh' ? '；' : '; ');
}
