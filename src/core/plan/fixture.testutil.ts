// A small hand-made county for tests: squares on a lon/lat grid near Xingguo, with known attributes.
// Areas for expectations are computed in the tests with GeographicLib directly (refArea), not with measure.ts.
import geodesicModule from 'geographiclib-geodesic';
import type { Feature, FeatureCollection, LineString, Polygon } from 'geojson';
import type { StandProperties } from '../inventory/schema.ts';
import type { PlanLayers } from './layers.ts';

const geod = new geodesicModule.Geodesic.Geodesic(6378137, 1 / 298.257222101);

/** Reference ellipsoidal area (m²) of a simple polygon ring, straight from GeographicLib. */
export function refArea(ring: number[][]): number {
  const p = geod.Polygon(false);
  for (const [lon, lat] of ring.slice(0, -1)) p.AddPoint(lat, lon);
  return Math.abs(p.Compute(false, true).area ?? 0);
}

export const MU = 10000 / 15;

/** Closed square ring with its south-west corner at (lon, lat) and side `d` degrees. */
export function square(lon: number, lat: number, d: number): number[][] {
  return [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]];
}

const poly = <P>(ring: number[][], properties: P, id: number): Feature<Polygon, P> => ({
  type: 'Feature', id, geometry: { type: 'Polygon', coordinates: [ring] }, properties,
});
// properties are checked against PlanLayers by the final cast; here each feature may differ in its nulls
const fc = <G extends Polygon | LineString>(features: Feature<G, unknown>[]): FeatureCollection<G, unknown> => ({ type: 'FeatureCollection', features });

const base: StandProperties = {
  id: '', township_code: '360732100', township_name: '潋江镇', village: '村', lin_ban: 1, xiao_ban: 1,
  land_class: '乔木林地', species: '杉木', origin: '人工', age_group: '中龄林', canopy: 0.6, stock_m3: 0,
  upgrade_type: null, upgrade_year: null, carbon_afforestation: false, afforestation_year: null,
  oil_tea_work: null, oil_tea_year: null, pine_wilt: '无',
};

/** Stand spec: [column, row, side (deg), overrides]. Stands sit on a 0.01° grid from (115.30, 26.30). */
type StandSpec = [number, number, number, Partial<StandProperties>];
export const STAND_SPECS: StandSpec[] = [
  [0, 0, 0.005, { stock_m3: 500 }], // 杉木 中龄林, forest
  [1, 0, 0.006, { species: '马尾松', age_group: '幼龄林', stock_m3: 300, upgrade_type: '补植', upgrade_year: 2022 }],
  [2, 0, 0.004, { species: '硬阔', canopy: 0.15, stock_m3: 100, upgrade_type: '补植', upgrade_year: 2026 }], // too late; canopy < 0.2 → not forest
  [3, 0, 0.007, { land_class: '竹林地', species: '毛竹', age_group: null, township_code: '360732101', township_name: '高兴镇', upgrade_type: '抚育', upgrade_year: 2024 }],
  [0, 1, 0.005, { species: '油茶', age_group: null, oil_tea_work: '新造高产', oil_tea_year: 2023, township_code: '360732101', township_name: '高兴镇' }],
  [1, 1, 0.003, { species: '油茶', age_group: null, oil_tea_work: '低产改造', oil_tea_year: 2021 }],
  [2, 1, 0.008, { age_group: '幼龄林', carbon_afforestation: true, afforestation_year: 2022, township_code: '360732101', township_name: '高兴镇' }],
  [3, 1, 0.004, { land_class: '宜林地', species: '无', age_group: null, canopy: 0 }],
  [0, 2, 0.006, { land_class: '特灌林地', species: '灌木', age_group: null, canopy: 0.5, upgrade_type: '封育', upgrade_year: 2025 }],
  [1, 2, 0.005, { species: '阔叶混', age_group: '成熟林', stock_m3: 800, upgrade_type: '更新', upgrade_year: 2021 }],
];

export function standRing(spec: StandSpec): number[][] {
  return square(115.3 + spec[0] * 0.01, 26.3 + spec[1] * 0.01, spec[2]);
}

export const COUNTY_RING = square(115.29, 26.29, 0.06);
const TOWN_A = [[115.29, 26.29], [115.32, 26.29], [115.32, 26.35], [115.29, 26.35], [115.29, 26.29]];
const TOWN_B = [[115.32, 26.29], [115.35, 26.29], [115.35, 26.35], [115.32, 26.35], [115.32, 26.29]];

export function fixtureLayers(): PlanLayers {
  const stands = fc(STAND_SPECS.map((s, i) =>
    poly(standRing(s), { ...base, ...s[3], id: `S${i}`, lin_ban: 1, xiao_ban: i + 1 }, i + 1)));
  const line = (coords: number[][], properties: Record<string, unknown>, id: number): Feature<LineString, never> =>
    ({ type: 'Feature', id, geometry: { type: 'LineString', coordinates: coords }, properties: properties as never });
  return {
    stands,
    county: fc([poly(COUNTY_RING, { id: '360732', name: '兴国县' }, 1)]),
    townships: fc([
      poly(TOWN_A, { id: '360732100', code: '360732100', name: '潋江镇', gas_status: '已通气' }, 1),
      poly(TOWN_B, { id: '360732101', code: '360732101', name: '高兴镇', gas_status: '规划2030' }, 2),
      poly(square(115.4, 26.4, 0.01), { id: '360732102', code: '360732102', name: '长冈乡', gas_status: '未规划' }, 3),
      poly(square(115.42, 26.4, 0.01), { id: '360732103', code: '360732103', name: '埠头乡', gas_status: '未规划' }, 4),
    ]),
    pv: fc([
      poly(square(115.4, 26.4, 0.002), { id: 'pv1', name: '长冈乡农光互补', township_code: '360732102', capacity_mw: 200, kind: '农光互补', status: '并网', grid_year: 2024, plan_named: true }, 1),
      poly(square(115.33, 26.3, 0.002), { id: 'pv2', name: '高兴镇农光互补', township_code: '360732101', capacity_mw: 100, kind: '农光互补', status: '在建', grid_year: null, plan_named: true }, 2),
      poly(square(115.42, 26.4, 0.002), { id: 'pv3', name: '埠头乡渔光互补', township_code: '360732103', capacity_mw: 50, kind: '渔光互补', status: '并网', grid_year: 2023, plan_named: true }, 3),
      poly(square(115.43, 26.4, 0.002), { id: 'pv4', name: '埠头乡农光互补', township_code: '360732103', capacity_mw: 50, kind: '农光互补', status: '规划', grid_year: null, plan_named: true }, 4),
    ]),
    windFarms: fc([
      poly(square(115.34, 26.34, 0.005), { id: 'w1', name: '风电场', township_code: '360732101', capacity_mw: 48, status: '并网', grid_year: 2025 }, 1),
      poly(square(115.3, 26.34, 0.005), { id: 'w2', name: '风电场二期', township_code: '360732100', capacity_mw: 50, status: '并网', grid_year: 2026 }, 2),
    ]),
    gasPipelines: fc([
      line([[115.3, 26.3], [115.4, 26.4]], { id: 'g1', name: '长冈支线', status: '已建', target_year: 2024, serves: '长冈乡' }, 1),
      line([[115.3, 26.3], [115.33, 26.3]], { id: 'g2', name: '高铁片区支线', status: '规划', target_year: 2028, serves: '高铁片区' }, 2),
      line([[115.3, 26.3], [115.42, 26.4]], { id: 'g3', name: '埠头支线', status: '规划', target_year: 2032, serves: '埠头乡' }, 3),
    ]),
    mines: fc([
      poly(square(115.31, 26.33, 0.003), { id: 'm1', name: '兴莲乡方岭排页岩矿', township_code: '360732100', mineral: '页岩', status: '修复中', restored_year: null, plan_named: true }, 1),
      poly(square(115.33, 26.33, 0.004), { id: 'm2', name: '某废弃矿', township_code: '360732101', mineral: '稀土', status: '已修复', restored_year: 2021, plan_named: false }, 2),
    ]),
    wetlands: fc([
      poly(square(115.3, 26.32, 0.004), { id: 'w1', name: '潋江国家湿地公园', kind: '湿地公园', township_code: '360732100', restoration: '实施中', restoration_year: null }, 1),
      poly(square(115.31, 26.32, 0.006), { id: 'w2', name: '某村小微湿地', kind: '小微湿地', township_code: '360732100', restoration: '实施中', restoration_year: null }, 2),
      poly(square(115.33, 26.32, 0.005), { id: 'w3', name: '另村小微湿地', kind: '小微湿地', township_code: '360732101', restoration: '已完成', restoration_year: 2024 }, 3),
    ]),
    substations: {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 1, geometry: { type: 'Point', coordinates: [115.3, 26.3] }, properties: { id: 'sub1', name: '南外变电站', voltage_kv: 110, status: '已建', plan_named: true } },
        { type: 'Feature', id: 2, geometry: { type: 'Point', coordinates: [115.4, 26.4] }, properties: { id: 'sub2', name: '长冈变电站', voltage_kv: 220, status: '在建', plan_named: true } },
      ],
    },
  } as PlanLayers;
}
