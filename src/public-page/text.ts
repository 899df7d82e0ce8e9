// The public page's own words, 简体中文 first, English second. Figures always come from data/public/, never from here.
import type { Lang } from '../ui/i18n-types.ts';

export const PUB_TEXT = {
  title: { zh: '兴国县碳汇与绿色发展', en: 'Xingguo County: carbon sinks and green development' },
  subtitle: { zh: '森林、湿地、矿山修复与新能源项目，以及《兴国县碳达峰实施方案》目标进展', en: 'Forests, wetlands, mine restoration and renewable projects, and progress on the county\'s carbon-peak plan' },
  sampleBadge: { zh: '示例数据', en: 'Sample data' },
  sampleNote: {
    zh: '本页为演示版本：县界、乡镇名称和规划点名项目为真实信息，乡镇界线和各项数值为模拟数据，不代表兴国县实际情况。',
    en: 'Demonstration version: the county outline, township names and the projects named in the plan are real; township boundaries and all figures are synthetic and do not describe the real county.',
  },
  language: { zh: 'English', en: '中文' },
  languageLabel: { zh: 'Switch to English', en: '切换到中文' },
  skipToTable: { zh: '跳到乡镇数据表', en: 'Skip to the township table' },
  indicator: { zh: '地图指标', en: 'Map indicator' },
  mapLabel: { zh: '兴国县乡镇指标地图（可用方向键平移，加减号缩放）', en: 'Map of township figures (arrow keys pan, + and − zoom)' },
  legend: { zh: '图例', en: 'Legend' },
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
  loading: { zh: '正在加载…', en: 'Loading…' },
  loadError: { zh: '数据加载失败', en: 'Data failed to load' },
  avoided: { zh: '新能源减排量（估算，不计入碳汇）', en: 'Avoided emissions from solar and wind (estimate, not a sink)' },
} as const satisfies Record<string, Record<Lang, string>>;

export type PubTextKey = keyof typeof PUB_TEXT;

export const FACTOR_STATUS: Record<string, Record<Lang, string>> = {
  verified: { zh: '已与来源核实', en: 'verified against the source' },
  secondary: { zh: '转引自二手来源', en: 'from a secondary source' },
  assumption: { zh: '假设值，待核实', en: 'assumption, to be checked' },
};

/** Chinese names of the method-note figures (core/carbon/method-notes.ts writes them in English). */
export const FIGURE_ZH: Record<string, string> = {
  'stand carbon stock': '林分碳储量',
  'stand gross growth': '林分总生长量',
  'stand harvest and mortality': '林分采伐与枯损（消耗）',
  'bamboo (毛竹)': '毛竹',
  油茶: '油茶',
  碳汇造林: '碳汇造林',
  wetland: '湿地',
  'mine restoration': '矿山修复',
  'avoided emissions (estimate) — not a sink': '新能源减排量（估算，非碳汇）',
};

export const PROJECT_KIND: Record<string, Record<Lang, string>> = {
  pv: { zh: '光伏', en: 'Solar PV' },
  wind: { zh: '风电', en: 'Wind' },
  wetland_park: { zh: '湿地公园', en: 'Wetland park' },
  mine: { zh: '矿山修复', en: 'Mine restoration' },
};
