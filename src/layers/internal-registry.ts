// The internal layers: the forest stands (小班) and their thematic views, and the constraint layers of the county's
// spatial plan (三区三线) the siting rules read. Only the bureau page, the planner, the workers and the Node scripts reach
// this file (through registry.ts); the public page never imports it, and the public build's scan
// (src/public-page/build/public-scan.ts) fails when any of these entries — their ids, names, files or the stand
// attribute names of their popups — turns up in dist-public/.
import { categorical, f, SYNTHETIC, unit } from './define.ts';
import { SPECIES_COLOURS, UPGRADE_COLOURS } from './palette.ts';
import type { LayerDef, LayerGroup, LayerSource, PopupField } from './types.ts';

const standFields: PopupField[] = [
  f('id', '小班编号', 'Stand id'),
  f('township_name', '乡镇', 'Township'),
  f('village', '村', 'Village'),
  f('lin_ban', '林班', 'Compartment', { format: 'integer' }),
  f('xiao_ban', '小班', 'Sub-compartment', { format: 'integer' }),
  f('land_class', '地类', 'Land class'),
  f('species', '优势树种', 'Dominant species'),
  f('origin', '起源', 'Origin'),
  f('age_group', '龄组', 'Age group'),
  f('canopy', '郁闭度', 'Canopy density', { format: 'ratio' }),
  f('stock_m3', '蓄积', 'Growing stock', { format: 'number', unit: unit('立方米', 'm³') }),
  f('upgrade_type', '低效林改造', 'Forest upgrade'),
  f('upgrade_year', '改造年度', 'Upgrade year', { format: 'year' }),
  f('carbon_afforestation', '碳汇造林', 'Carbon-sink afforestation', { format: 'boolean' }),
  f('oil_tea_work', '油茶项目', 'Oil-tea work'),
  f('pine_wilt', '松材线虫病', 'Pine wilt'),
];

/**
 * The stands reach the map as prebuilt vector tiles (scripts/tiles/, docs/scale.md): individual stands from z10–11
 * (depending on stand density) to z14, overzoomed beyond, and an overview of squares below. The bounds cover the county
 * with a margin; the tile builder writes every tile touching them.
 */
export const STAND_SOURCE: LayerSource = {
  file: 'stands.geojson',
  tiles: { dir: 'tiles/stands', layer: 'stands', minzoom: 6, maxzoom: 14, bounds: [114.9, 25.9, 116.0, 26.85], outlineMinzoom: 12 },
};

/** The internal layers' own group in the layer panel (registry.ts puts it after 行政区划). */
export const INTERNAL_GROUPS: LayerGroup[] = [{ id: 'planning', name: { zh: '三区三线', en: 'Planning control lines' } }];

const constraintFields: PopupField[] = [f('name', '名称', 'Name'), f('township_name', '乡镇', 'Township'), f('code', '图斑编号', 'Parcel code')];

/**
 * The three control lines (三区三线) of the county's spatial plan, as the siting rules read them (`analysis.constraint`,
 * src/core/analysis/siting-rules.ts). The sample's are synthetic (scripts/sample-data/constraints.ts); a bureau puts
 * its own in the data folder (`npm run data:import -- … --constraints <folder>`, or the files themselves). They never
 * overlap one another, as the control lines do not.
 */
export const CONSTRAINT_LAYERS: LayerDef[] = [
  {
    id: 'permanent-farmland', townshipKey: 'township_code', name: { zh: '永久基本农田', en: 'Permanent basic farmland' }, group: 'planning', note: SYNTHETIC,
    source: { file: 'permanent-farmland.geojson' }, geometry: 'polygon', audience: 'internal', visible: false,
    analysis: { constraint: { kind: 'permanent_farmland' } },
    style: { fill: { kind: 'single', colour: '#e6c229' }, fillOpacity: 0.45, outline: '#9c7c00', lineWidth: 0.8 },
    popup: { title: 'name', fields: constraintFields },
  },
  {
    id: 'ecological-redline', townshipKey: 'township_code', name: { zh: '生态保护红线', en: 'Ecological protection red line' }, group: 'planning', note: SYNTHETIC,
    source: { file: 'ecological-redline.geojson' }, geometry: 'polygon', audience: 'internal', visible: false,
    analysis: { constraint: { kind: 'ecological_redline' } },
    style: { fill: { kind: 'single', colour: '#e53935' }, fillOpacity: 0.18, outline: '#b71c1c', lineWidth: 1.4 },
    popup: { title: 'name', fields: constraintFields },
  },
  {
    id: 'urban-boundary', townshipKey: 'township_code', name: { zh: '城镇开发边界', en: 'Urban development boundary' }, group: 'planning', note: SYNTHETIC,
    source: { file: 'urban-boundary.geojson' }, geometry: 'polygon', audience: 'internal', visible: false,
    analysis: { constraint: { kind: 'urban_boundary' } },
    style: { fill: { kind: 'single', colour: '#8e24aa' }, fillOpacity: 0.1, outline: '#6a1b9a', lineWidth: 1.8, lineDash: [3, 2] },
    popup: { title: 'name', fields: constraintFields },
  },
];

/** In drawing order: above the public context layers, under the public thematic layers (registry.ts). */
export const INTERNAL_LAYERS: LayerDef[] = [
  {
    id: 'stands', townshipKey: 'township_code', name: { zh: '森林资源小班', en: 'Forest stands' }, group: 'forest', note: SYNTHETIC,
    source: STAND_SOURCE, geometry: 'polygon', audience: 'internal', visible: true,
    analysis: { plan: 'stands' },
    style: { fill: categorical('species', SPECIES_COLOURS), fillOpacity: 0.7, outline: 'rgba(40,60,40,0.35)' },
    popup: { title: 'id', fields: standFields },
  },
  {
    id: 'stands-upgrade', townshipKey: 'township_code', name: { zh: '低产低效林改造', en: 'Low-efficiency forest upgrade' }, group: 'forest', note: SYNTHETIC,
    // Its own source over the same tiles: stepping the year re-lays this layer alone (types.ts LayerSource.instance).
    source: { ...STAND_SOURCE, instance: 'year' }, geometry: 'polygon', audience: 'internal', visible: false,
    filter: ['!=', ['get', 'upgrade_type'], null],
    // Overview squares carry the year by which most of their upgraded area was done (scripts/tiles/aggregate.ts).
    time: { field: 'upgrade_year', show: 'done' },
    style: { fill: categorical('upgrade_type', UPGRADE_COLOURS), fillOpacity: 0.8 },
    popup: { title: 'id', fields: standFields },
  },
  {
    id: 'stands-pine-wilt', townshipKey: 'township_code', name: { zh: '松材线虫病疫点', en: 'Pine wilt outbreaks' }, group: 'forest', note: SYNTHETIC,
    source: STAND_SOURCE, geometry: 'polygon', audience: 'internal', visible: false,
    filter: ['!=', ['get', 'pine_wilt'], '无'],
    style: { fill: categorical('pine_wilt', { 疫点: '#c62828', 已除治: '#ff8f00' }), fillOpacity: 0.85 },
    popup: { title: 'id', fields: standFields },
  },
  ...CONSTRAINT_LAYERS,
  {
    // 监测图斑: land-cover change 2020 → 2025 that matters for carbon (src/core/raster/change-context.ts, docs/raster.md);
    // the bureau's list with check statuses is src/bureau/patches/PatchPanel.tsx.
    id: 'monitoring-patches', townshipKey: 'township_code', name: { zh: '地表覆盖变化监测图斑', en: 'Land-cover change patches' }, group: 'forest', note: SYNTHETIC,
    source: { file: 'monitoring-patches.geojson', optional: true }, geometry: 'polygon', audience: 'internal', visible: false,
    style: { fill: categorical('kind', { loss: '#d7301f', gain: '#1a9850' }), fillOpacity: 0.55, outline: '#7f0000' },
    popup: {
      title: 'id',
      fields: [
        f('township_name', '乡镇', 'Township'),
        f('area_mu', '面积', 'Area', { format: 'number', unit: unit('亩', 'mu') }),
        f('carbon_stock_tCO2e', '碳储量', 'Carbon stock', { format: 'number', unit: unit('tCO₂e', 'tCO₂e') }),
        f('explained', '有依据', 'Explained', { format: 'boolean' }),
        f('explanation_name', '变化依据', 'Explanation'),
        f('stand_ids', '涉及小班', 'Stands'),
        f('status', '核查状态', 'Status'),
      ],
    },
  },
];
