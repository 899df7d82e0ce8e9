// The internal layers: the forest stands (小班) and their thematic views. Only the bureau page, the planner, the workers
// and the Node scripts reach this file (through registry.ts); the public page never imports it, and the public build's
// scan (src/public-page/build/public-scan.ts) fails when any of these entries — their ids, names, files or the stand
// attribute names of their popups — turns up in dist-public/.
import { categorical, f, SYNTHETIC, unit } from './define.ts';
import { SPECIES_COLOURS, UPGRADE_COLOURS } from './palette.ts';
import type { LayerDef, LayerSource, PopupField } from './types.ts';

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
  {
    // 监测图斑: land-cover change 2020 → 2025 that matters for carbon (src/core/raster/change-context.ts, docs/raster.md);
    // the bureau's list with check statuses is src/bureau/patches/PatchPanel.tsx.
    id: 'monitoring-patches', townshipKey: 'township_code', name: { zh: '地表覆盖变化监测图斑', en: 'Land-cover change patches' }, group: 'forest', note: SYNTHETIC,
    source: { file: 'monitoring-patches.geojson' }, geometry: 'polygon', audience: 'internal', visible: false,
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
