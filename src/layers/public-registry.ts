// The public layers: everything the public page may draw, and the public layers of the bureau's map. The public build
// imports this file alone (src/public-page/layers.ts); the internal layers live in internal-registry.ts, which only the
// bureau and the planner reach through registry.ts. test/public-scan.ts checks that none of them is in dist-public/.
// A layer is declared once here (or in internal-registry.ts); every other list of layers is derived (registry.ts,
// analysis-roles.ts).
import { categorical, f, SYNTHETIC, unit } from './define.ts';
import { STATUS_COLOURS } from './palette.ts';
import type { LayerDef, LayerGroup, LayerNote, TimeRule } from './types.ts';

export const LAYER_GROUPS: LayerGroup[] = [
  { id: 'admin', name: { zh: '行政区划', en: 'Administrative' } },
  { id: 'forest', name: { zh: '森林资源', en: 'Forest' } },
  { id: 'wetland', name: { zh: '湿地', en: 'Wetlands' } },
  { id: 'restoration', name: { zh: '矿山修复', en: 'Mine restoration' } },
  { id: 'energy', name: { zh: '新能源', en: 'Renewable energy' } },
  { id: 'infrastructure', name: { zh: '天然气管网', en: 'Gas supply' } },
  // Raster layers: the data folder's rasters.json (raster-layers.ts) and intranet tile services (extra-layers.json).
  { id: 'imagery', name: { zh: '影像与遥感', en: 'Imagery and rasters' } },
  // Public aggregates built by scripts/build-public-data.ts (data/public/); shown on the public page.
  { id: 'public', name: { zh: '公开统计', en: 'Public figures' } },
];

const projectStatus = categorical('status', { 并网: STATUS_COLOURS.done, 已建: STATUS_COLOURS.done, 在建: STATUS_COLOURS.underway, 规划: STATUS_COLOURS.planned });

// How each time-aware layer follows the year control (types.ts TimeRule, src/map/time-filter.ts).
const GRID_CONNECTED: TimeRule = { field: 'grid_year', done: ['==', ['get', 'status'], '并网'], show: 'all', pendingColour: STATUS_COLOURS.underway };

const BOUNDARIES_SYNTHETIC: LayerNote = { zh: '界线为模拟', en: 'boundaries synthetic', sampleOnly: true };

/** In drawing order (context layers first; registry.ts puts the internal stand layers between these and the rest). */
export const PUBLIC_LAYERS: LayerDef[] = [
  // Context (basemap) layers: drawn under everything, no panel entry.
  {
    id: 'neighbours', name: { zh: '周边县市', en: 'Neighbouring counties' }, group: 'admin', context: true,
    source: { file: 'neighbours.geojson' }, geometry: 'polygon', audience: 'public', visible: true,
    style: { fill: { kind: 'single', colour: '#eceae4' }, fillOpacity: 1, outline: '#b8b4aa', label: { zh: 'name', en: 'name_en', size: 13, colour: '#8a857a' } },
    popup: { title: 'name', fields: [] },
  },
  {
    id: 'county', name: { zh: '兴国县界', en: 'Xingguo County' }, group: 'admin', context: true,
    source: { file: 'county.geojson' }, geometry: 'polygon', audience: 'public', visible: true,
    analysis: { plan: 'county' },
    style: { fill: { kind: 'single', colour: '#f7f6f1' }, fillOpacity: 1, outline: '#5d4037' },
    popup: { title: 'name', fields: [] },
  },
  {
    id: 'water', name: { zh: '水域', en: 'Water' }, group: 'wetland', context: true,
    source: { file: 'water.geojson' }, geometry: 'polygon', audience: 'public', visible: true,
    style: { fill: { kind: 'single', colour: '#a8d1ef' }, fillOpacity: 1 },
    popup: { title: 'name', fields: [] },
  },
  {
    id: 'rivers', name: { zh: '河流', en: 'Rivers' }, group: 'wetland', context: true,
    source: { file: 'rivers.geojson' }, geometry: 'line', audience: 'public', visible: true,
    style: { lineColour: { kind: 'single', colour: '#6fb1e3' }, lineWidth: 1.6, label: { zh: 'name', en: 'name_en', size: 11, colour: '#2a6fa8', minzoom: 10 } },
    popup: { title: 'name', fields: [] },
  },

  // Forest (the stand layers are internal: internal-registry.ts)
  {
    id: 'carbon-pilots', townshipKey: 'township_code', name: { zh: '碳汇造林试点', en: 'Carbon-sink afforestation pilots' }, group: 'forest', note: SYNTHETIC,
    source: { file: 'carbon-pilots.geojson' }, geometry: 'polygon', audience: 'public', visible: true,
    analysis: { plan: 'carbonPilots', overlap: true },
    time: { field: 'planted_year', show: 'done' },
    style: { fill: { kind: 'single', colour: '#00c853' }, fillOpacity: 0.55, outline: '#1b5e20' },
    popup: { title: 'name', fields: [f('planted_year', '造林年度', 'Planted', { format: 'year' }), f('species', '树种', 'Species')] },
  },
  {
    id: 'oil-tea-bases', townshipKey: 'township_code', name: { zh: '油茶基地', en: 'Oil-tea bases' }, group: 'forest', note: SYNTHETIC,
    source: { file: 'oil-tea-bases.geojson' }, geometry: 'polygon', audience: 'public', visible: false,
    analysis: { plan: 'oilTeaBases', overlap: true },
    time: { field: 'year', show: 'done' },
    style: { fill: categorical('kind', { 新造高产: '#6d4c41', 低产改造: '#bcaaa4' }), fillOpacity: 0.7, outline: '#4e342e' },
    popup: { title: 'name', fields: [f('kind', '类型', 'Kind'), f('year', '年度', 'Year', { format: 'year' })] },
  },

  // Wetlands
  {
    id: 'wetlands', townshipKey: 'township_code', name: { zh: '湿地', en: 'Wetlands' }, group: 'wetland',
    source: { file: 'wetlands.geojson' }, geometry: 'polygon', audience: 'public', visible: true,
    analysis: { plan: 'wetlands', overlap: true },
    time: { field: 'restoration_year', done: ['==', ['get', 'restoration'], '已完成'], show: 'all' },
    style: { fill: categorical('kind', { 湿地公园: '#0277bd', 河流湿地: '#4fc3f7', 小微湿地: '#26c6da', 库塘湿地: '#81d4fa' }), fillOpacity: 0.6, outline: '#01579b', label: { zh: 'name', en: 'name_en', size: 11, minzoom: 10, colour: '#01579b' } },
    popup: { title: 'name', fields: [f('kind', '类型', 'Kind'), f('restoration', '修复', 'Restoration'), f('restoration_year', '修复年度', 'Restoration year', { format: 'year' })] },
  },

  // Mine restoration
  {
    id: 'mines', townshipKey: 'township_code', name: { zh: '矿山生态修复', en: 'Mine restoration sites' }, group: 'restoration',
    source: { file: 'mines.geojson' }, geometry: 'polygon', audience: 'public', visible: true,
    analysis: { plan: 'mines', overlap: true },
    time: { field: 'restored_year', done: ['==', ['get', 'status'], '已修复'], show: 'all', pendingColour: STATUS_COLOURS.underway },
    style: { fill: categorical('status', { 已修复: STATUS_COLOURS.done, 修复中: STATUS_COLOURS.underway, 待修复: STATUS_COLOURS.todo }), fillOpacity: 0.75, outline: '#3e2723' },
    popup: { title: 'name', fields: [f('mineral', '矿种', 'Mineral'), f('status', '状态', 'Status'), f('restored_year', '修复年度', 'Restored', { format: 'year' }), f('plan_named', '规划点名项目', 'Named in the plan', { format: 'boolean' })] },
  },

  // Renewable energy
  {
    id: 'pv', townshipKey: 'township_code', name: { zh: '光伏电站', en: 'Solar PV' }, group: 'energy',
    source: { file: 'pv.geojson' }, geometry: 'polygon', audience: 'public', visible: true, time: GRID_CONNECTED,
    analysis: { plan: 'pv', overlap: true },
    style: { fill: projectStatus, fillOpacity: 0.7, outline: '#e65100', label: { zh: 'name', en: 'name_en', size: 11, minzoom: 9.5, colour: '#bf360c' } },
    popup: { title: 'name', fields: [f('kind', '类型', 'Kind'), f('capacity_mw', '装机容量', 'Capacity', { format: 'number', unit: unit('兆瓦', 'MW') }), f('status', '状态', 'Status'), f('grid_year', '并网年度', 'Grid year', { format: 'year' }), f('plan_named', '规划点名项目', 'Named in the plan', { format: 'boolean' })] },
  },
  {
    id: 'wind-farms', townshipKey: 'township_code', name: { zh: '风电场', en: 'Wind farms' }, group: 'energy', note: SYNTHETIC,
    source: { file: 'wind-farms.geojson' }, geometry: 'polygon', audience: 'public', visible: true, time: GRID_CONNECTED,
    analysis: { plan: 'windFarms', overlap: true },
    style: { fill: projectStatus, fillOpacity: 0.25, outline: '#00838f' },
    popup: { title: 'name', fields: [f('capacity_mw', '装机容量', 'Capacity', { format: 'number', unit: unit('兆瓦', 'MW') }), f('turbines', '风机数', 'Turbines', { format: 'integer' }), f('status', '状态', 'Status'), f('grid_year', '并网年度', 'Grid year', { format: 'year' })] },
  },
  {
    id: 'wind-turbines', name: { zh: '风机', en: 'Wind turbines' }, group: 'energy', note: SYNTHETIC,
    source: { file: 'wind-turbines.geojson' }, geometry: 'point', audience: 'public', visible: true, minzoom: 9,
    style: { circleColour: { kind: 'single', colour: '#00838f' }, circleRadius: 3.5 },
    popup: { title: 'id', fields: [f('farm_id', '所属风电场', 'Wind farm'), f('capacity_mw', '单机容量', 'Unit capacity', { format: 'number', unit: unit('兆瓦', 'MW') }), f('hub_height_m', '轮毂高度', 'Hub height', { format: 'number', unit: unit('米', 'm') })] },
  },
  {
    id: 'substations', name: { zh: '变电站', en: 'Substations' }, group: 'energy',
    source: { file: 'substations.geojson' }, geometry: 'point', audience: 'public', visible: true,
    analysis: { plan: 'substations' },
    style: { circleColour: categorical('voltage_kv', { 220: '#6a1b9a', 110: '#ad1457' }), circleRadius: 6, label: { zh: 'name', size: 11, minzoom: 9, colour: '#4a148c' } },
    popup: { title: 'name', fields: [f('voltage_kv', '电压等级', 'Voltage', { format: 'integer', unit: unit('千伏', 'kV') }), f('status', '状态', 'Status'), f('plan_named', '规划点名项目', 'Named in the plan', { format: 'boolean' })] },
  },

  // Gas
  {
    id: 'gas-pipelines', name: { zh: '天然气管道', en: 'Gas pipelines' }, group: 'infrastructure',
    source: { file: 'gas-pipelines.geojson' }, geometry: 'line', audience: 'public', visible: false,
    analysis: { plan: 'gasPipelines' },
    time: { field: 'built_year', done: ['==', ['get', 'status'], '已建'], show: 'all' },
    style: { lineColour: categorical('status', { 已建: '#ef6c00', 规划: '#ffb74d' }), lineWidth: 2.5 },
    popup: { title: 'name', fields: [f('status', '状态', 'Status'), f('serves', '供气范围', 'Serves'), f('target_year', '目标年度', 'Target year', { format: 'year' })] },
  },

  // Gas coverage by township: supplied (已通气) townships filled; those the plan supplies by 2030 drawn as planned after
  // the as-of year. The data give no year for the supply, so supplied townships count in every year.
  {
    id: 'gas-coverage', townshipKey: 'code', name: { zh: '乡镇通气情况', en: 'Gas supply by township' }, group: 'infrastructure', note: BOUNDARIES_SYNTHETIC,
    source: { file: 'townships.geojson' }, geometry: 'polygon', audience: 'public', visible: false,
    filter: ['!=', ['get', 'gas_status'], '未规划'],
    time: { field: 'gas_year', done: ['==', ['get', 'gas_status'], '已通气'], show: 'all' },
    style: { fill: categorical('gas_status', { 已通气: '#ef6c00', 规划2030: '#ffcc80' }), fillOpacity: 0.45 },
    popup: { title: 'name', fields: [f('gas_status', '天然气', 'Gas supply')] },
  },

  // Townships on top, so their outlines and labels stay readable over the stands.
  {
    id: 'townships', name: { zh: '乡镇界', en: 'Townships' }, group: 'admin', note: BOUNDARIES_SYNTHETIC,
    source: { file: 'townships.geojson' }, labels: { file: 'township-labels.geojson' }, geometry: 'polygon', audience: 'public', visible: true,
    analysis: { plan: 'townships' },
    style: { outline: '#6d4c41', lineWidth: 1.4, lineDash: [3, 2], label: { zh: 'name', en: 'name_en', size: 13, colour: '#3e2723', halo: '#ffffff' } },
    popup: { title: 'name', fields: [f('code', '乡镇代码', 'Code'), f('kind', '类型', 'Kind'), f('gas_status', '天然气', 'Gas supply')] },
  },

  // Public aggregates (scripts/build-public-data.ts → data/public/). Off by default in the bureau; the public page turns
  // them on and colours the township fill by the indicator the visitor picks (src/public-page/choropleth.ts).
  {
    id: 'township-stats', name: { zh: '乡镇碳汇指标', en: 'Township carbon figures' }, group: 'public', note: { zh: '乡镇汇总，界线为模拟', en: 'township totals, boundaries synthetic', sampleOnly: true },
    source: { file: 'public/township-stats.geojson' }, labels: { file: 'township-labels.geojson' }, geometry: 'polygon', audience: 'public', visible: false,
    style: { fill: { kind: 'single', colour: '#a5d6a7' }, fillOpacity: 0.8, outline: '#5d4037', lineWidth: 1, label: { zh: 'name', en: 'name_en', size: 12, colour: '#3e2723', halo: '#ffffff' } },
    popup: {
      title: 'name',
      fields: [
        f('coverage_pct', '森林覆盖率', 'Forest coverage', { format: 'number', unit: unit('%', '%') }),
        f('carbon_stock_tCO2e', '碳储量', 'Carbon stock', { format: 'integer', unit: unit('吨CO₂e', 't CO₂e') }),
        f('carbon_stock_lo_tCO2e', '碳储量95%区间下限', 'Carbon stock, 95 % low', { format: 'integer', unit: unit('吨CO₂e', 't CO₂e') }),
        f('carbon_stock_hi_tCO2e', '碳储量95%区间上限', 'Carbon stock, 95 % high', { format: 'integer', unit: unit('吨CO₂e', 't CO₂e') }),
        f('carbon_density_tC_per_ha', '森林碳密度', 'Forest carbon density', { format: 'number', unit: unit('吨碳/公顷森林', 't C/ha of forest') }),
        f('carbon_density_tCO2e_per_ha', '森林碳密度（CO₂当量）', 'Forest carbon density (CO₂e)', { format: 'number', unit: unit('吨CO₂e/公顷森林', 't CO₂e/ha of forest') }),
        f('annual_sink_tCO2e', '年净碳汇量', 'Net annual sink', { format: 'integer', unit: unit('吨CO₂e/年', 't CO₂e/yr') }),
        f('annual_sink_lo_tCO2e', '年净碳汇95%区间下限', 'Net sink, 95 % low', { format: 'integer', unit: unit('吨CO₂e/年', 't CO₂e/yr') }),
        f('annual_sink_hi_tCO2e', '年净碳汇95%区间上限', 'Net sink, 95 % high', { format: 'integer', unit: unit('吨CO₂e/年', 't CO₂e/yr') }),
        f('upgrade_mu', '低效林改造面积', 'Forest upgraded', { format: 'integer', unit: unit('亩', 'mu') }),
        f('upgrade_share_pct', '改造面积占林地', 'Upgraded share of forest land', { format: 'number', unit: unit('%', '%') }),
      ],
    },
  },
  {
    id: 'public-neighbours', name: { zh: '周边县市（简化）', en: 'Neighbouring counties (simplified)' }, group: 'public', context: true,
    source: { file: 'public/neighbours.geojson' }, geometry: 'polygon', audience: 'public', visible: false,
    style: { fill: { kind: 'single', colour: '#eceae4' }, fillOpacity: 1, outline: '#b8b4aa', label: { zh: 'name', en: 'name_en', size: 13, colour: '#8a857a' } },
    popup: { title: 'name', fields: [] },
  },
  {
    id: 'public-projects', name: { zh: '规划项目', en: 'Plan projects' }, group: 'public',
    source: { file: 'public/projects.geojson' }, geometry: 'point', audience: 'public', visible: false,
    // Connected (并网) projects count from their year; after the as-of year the others show as planned (hollow).
    time: { field: 'year', done: ['==', ['get', 'status'], '并网'], show: 'all' },
    style: {
      circleColour: {
        kind: 'categorical', property: 'kind', fallback: '#757575',
        values: [
          { value: 'pv', colour: '#f57c00', label: { zh: '光伏电站', en: 'Solar PV' } },
          { value: 'wind', colour: '#00838f', label: { zh: '风电场', en: 'Wind farm' } },
          { value: 'wetland_park', colour: '#0277bd', label: { zh: '湿地公园', en: 'Wetland park' } },
          { value: 'mine', colour: '#6d4c41', label: { zh: '矿山修复', en: 'Mine restoration' } },
        ],
      },
      circleRadius: 8, label: { zh: 'name', en: 'name_en', size: 11, minzoom: 10.5, colour: '#263238' },
    },
    popup: { title: 'name', fields: [f('township', '乡镇', 'Township'), f('status', '状态', 'Status'), f('capacity_mw', '装机容量', 'Capacity', { format: 'number', unit: unit('兆瓦', 'MW') })] },
  },
];
