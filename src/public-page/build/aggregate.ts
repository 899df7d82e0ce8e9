// From the full layers and their computed progress to the public aggregates: per-township figures, plan progress
// and project markers. Pure (runs in Node for scripts/build-public-data.ts and in tests); the page never imports it.
// Nothing per stand leaves this module: stands are only summed by township.
import { pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, Point } from 'geojson';
import { CO2_PER_C, type CarbonFactors } from '../../core/carbon/factors.ts';
import { methodNotes } from '../../core/carbon/method-notes.ts';
import { fromSquareMetres } from '../../core/geo/units.ts';
import type { AreaCache, PlanLayers } from '../../core/plan/layers.ts';
import type { PlanProgress } from '../../core/plan/progress.ts';
import { upgradeDoneByTownship } from '../../core/plan/rollups.ts';
import type { PlanProgressFile, PublicProject, PublicTarget, TownshipStats } from '../public-data.ts';

export const UPGRADE_TARGET_ID = 'low_yield_forest_upgrade';

const round = (v: number, digits: number) => {
  const k = 10 ** digits;
  return Math.round((Number.isFinite(v) ? v : 0) * k) / k;
};


export interface PublicMeta {
  /** Any synthetic layer in the input (sample data): the page shows the badge. */
  sampleData: boolean;
  dataVersion: string | null;
}

export interface PublicData {
  townshipStats: FeatureCollection<Geometry, TownshipStats>;
  projects: FeatureCollection<Point, PublicProject>;
  planProgress: PlanProgressFile;
}

/**
 * Per-township figures, taken as they are from core/plan's township rows (the same numbers as `npm run targets` and the
 * dashboard), so that the townships add up to the county totals the cards show. Nothing is recomputed here.
 */
function townshipFigures(layers: PlanLayers, areas: AreaCache, progress: PlanProgress, deadline: number): TownshipStats[] {
  // Upgrade done by the plan's deadline, as the county target counts it (undated records count as done).
  const upgrade = upgradeDoneByTownship(layers.stands, areas.stands, deadline);
  const polygons = layers.townships?.features ?? [];
  const names = new Map(polygons.map((f) => [f.properties?.code, f.properties?.name_en ?? '']));
  return progress.by_township
    // stands outside every township polygon stay in the county totals only; without a township layer (an import that
    // matched stands to the built-in township list) every matched township has a row
    .filter((r) => (polygons.length ? names.has(r.code) : r.code !== 'unknown'))
    .map((r) => {
      const land = r.land_area_mu ?? 0;
      const stock = r.carbon_stock_tCO2e;
      const up = upgrade.get(r.code) ?? 0;
      return {
        id: r.code,
        code: r.code,
        name: r.name,
        name_en: names.get(r.code) ?? '',
        land_area_mu: round(land, 1),
        forest_land_mu: round(r.forest_land_mu, 1),
        forest_area_mu: round(r.forest_area_mu, 1),
        coverage_pct: round(r.coverage_pct ?? 0, 2),
        carbon_stock_tCO2e: round(stock, 0),
        carbon_stock_lo_tCO2e: round(r.uncertainty.carbon_stock_tCO2e[0], 0),
        carbon_stock_hi_tCO2e: round(r.uncertainty.carbon_stock_tCO2e[1], 0),
        carbon_density_tC_per_ha: round(r.carbon_density_tC_per_ha, 1),
        carbon_density_tCO2e_per_ha: round(r.carbon_density_tC_per_ha * CO2_PER_C, 1),
        annual_sink_tCO2e: round(r.annual_sink_tCO2e, 0),
        annual_sink_lo_tCO2e: round(r.uncertainty.annual_sink_tCO2e[0], 0),
        annual_sink_hi_tCO2e: round(r.uncertainty.annual_sink_tCO2e[1], 0),
        upgrade_mu: round(up, 1),
        upgrade_share_pct: round(r.forest_land_mu > 0 ? (up / r.forest_land_mu) * 100 : 0, 2),
      };
    });
}

function publicTargets(progress: PlanProgress): PublicTarget[] {
  // Deliberately field by field: `detail` names stand fields and `feature_ids` may hold stand ids.
  return progress.targets.map((t) => ({
    id: t.id, section: t.section, text_zh: t.text_zh, text_en: t.text_en, quote: t.quote, unit: t.unit,
    target: t.target, target_year: t.target_year, comparator: t.comparator,
    value: round(t.value, 2), ratio: t.ratio === null ? null : round(t.ratio, 4), status: t.status, shortfall: round(t.shortfall, 2),
    ...(t.note ? { note: t.note } : {}),
  }));
}

const STATUS_EN: Record<string, string> = { 并网: 'grid-connected', 在建: 'under construction', 规划: 'planned', 已修复: 'restored', 修复中: 'being restored', 待修复: 'to be restored', 无: 'no work', 实施中: 'under way', 已完成: 'completed' };
const statusEn = (s: string) => STATUS_EN[s] ?? s;

/** One marker per published project: plan-named PV, every wind farm, the wetland park(s), plan-named mines. */
function projectMarkers(layers: PlanLayers, areas: AreaCache): FeatureCollection<Point, PublicProject> {
  const towns = new Map((layers.townships?.features ?? []).map((f) => [f.properties?.code, f.properties]));
  const out: Feature<Point, PublicProject>[] = [];
  const push = (f: Feature<Geometry | null, unknown>, p: Omit<PublicProject, 'township' | 'township_en'>, code: string | undefined) => {
    if (!f.geometry) return;
    const t = code ? towns.get(code) : undefined;
    const at = pointOnFeature(f as Feature<Geometry>).geometry.coordinates.map((c) => round(c, 6));
    out.push({
      type: 'Feature', id: out.length + 1, geometry: { type: 'Point', coordinates: at },
      properties: { ...p, township: t?.name ?? '', township_en: t?.name_en ?? '' },
    });
  };
  for (const f of layers.pv?.features ?? []) {
    const p = f.properties;
    if (!p || !p.plan_named) continue;
    const en = (p as { name_en?: string }).name_en ?? p.name;
    push(f, {
      id: `pv:${p.id}`, kind: 'pv', name: p.name, name_en: en, status: p.status, capacity_mw: p.capacity_mw, year: p.grid_year, area_mu: null, plan_named: true,
      description_zh: `${p.kind}光伏电站，装机${p.capacity_mw}兆瓦，状态：${p.status}${p.grid_year ? `，${p.grid_year}年并网` : ''}。《兴国县碳达峰实施方案》点名项目；发电替代电网用电，减少排放，但不属于碳汇。`,
      description_en: `${p.kind === '渔光互补' ? 'Fishery–PV' : 'Agri–PV'} solar plant, ${p.capacity_mw} MW, status: ${statusEn(p.status)}${p.grid_year ? `, on the grid since ${p.grid_year}` : ''}. Named in the county's carbon-peak plan; it avoids grid emissions but is not a carbon sink.`,
    }, p.township_code);
  }
  for (const f of layers.windFarms?.features ?? []) {
    const p = f.properties;
    if (!p) continue;
    const en = (p as { name_en?: string }).name_en ?? p.name;
    push(f, {
      id: `wind:${p.id}`, kind: 'wind', name: p.name, name_en: en, status: p.status, capacity_mw: p.capacity_mw, year: p.grid_year, area_mu: null, plan_named: false,
      description_zh: `风电场，装机${p.capacity_mw}兆瓦，状态：${p.status}${p.grid_year ? `，${p.grid_year}年并网` : ''}。位置与规模为模拟示例。`,
      description_en: `Wind farm, ${p.capacity_mw} MW, status: ${statusEn(p.status)}${p.grid_year ? `, on the grid since ${p.grid_year}` : ''}. Position and size are a synthetic example.`,
    }, p.township_code);
  }
  (layers.wetlands?.features ?? []).forEach((f, i) => {
    const p = f.properties;
    if (!p || p.kind !== '湿地公园') return;
    const mu = round(fromSquareMetres(areas.wetlands?.[i] ?? 0, 'mu'), 0);
    const en = (p as { name_en?: string }).name_en ?? p.name;
    push(f, {
      id: `wetland:${p.id}`, kind: 'wetland_park', name: p.name, name_en: en, status: p.restoration, capacity_mw: null, year: p.restoration_year, area_mu: mu, plan_named: true,
      description_zh: `国家湿地公园，面积约${mu.toLocaleString('zh-CN')}亩，修复状态：${p.restoration}。湿地沉积物每年埋藏有机碳，是碳汇的一部分；方案要求推进园内小微湿地恢复工程。`,
      description_en: `National wetland park, about ${mu.toLocaleString('en-US')} mu, restoration ${statusEn(p.restoration)}. Wetland sediments bury organic carbon every year (a sink); the plan calls for restoring its small wetlands.`,
    }, p.township_code);
  });
  (layers.mines?.features ?? []).forEach((f, i) => {
    const p = f.properties;
    if (!p || !p.plan_named) return;
    const mu = round(fromSquareMetres(areas.mines?.[i] ?? 0, 'mu'), 0);
    push(f, {
      id: `mine:${p.id}`, kind: 'mine', name: p.name, name_en: `Mine restoration: ${p.name}`, status: p.status, capacity_mw: null, year: p.restored_year, area_mu: mu, plan_named: true,
      description_zh: `废弃矿山生态修复，面积约${mu.toLocaleString('zh-CN')}亩，状态：${p.status}${p.restored_year ? `（${p.restored_year}年完成）` : ''}。复绿后植被和土壤重新固碳。方案点名项目。`,
      description_en: `Abandoned-mine restoration, about ${mu.toLocaleString('en-US')} mu, status: ${statusEn(p.status)}${p.restored_year ? ` (${p.restored_year})` : ''}. Replanted land takes up carbon again in plants and soil. Named in the plan.`,
    }, p.township_code);
  });
  return { type: 'FeatureCollection', features: out };
}

export function publicData(layers: PlanLayers, areas: AreaCache, progress: PlanProgress, factors: CarbonFactors, meta: PublicMeta): PublicData {
  // Upgrade counted by the plan's deadline, or by the end of the chosen year when that comes first (year control).
  const deadline = Math.min(progress.targets.find((t) => t.id === UPGRADE_TARGET_ID)?.target_year ?? progress.as_of_year, progress.as_of_year);
  const rows = townshipFigures(layers, areas, progress, deadline);
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const townshipStats: PublicData['townshipStats'] = {
    type: 'FeatureCollection',
    features: (layers.townships?.features ?? []).flatMap((f, i): Feature<Geometry, TownshipStats>[] => {
      const row = f.properties && byCode.get(f.properties.code);
      return row && f.geometry ? [{ type: 'Feature', id: i + 1, geometry: f.geometry, properties: row }] : [];
    }),
  };
  const c = progress.county;
  const planProgress: PlanProgressFile = {
    schema: 'xingguo-public-plan-progress-1',
    title: { zh: '兴国县碳达峰实施方案 — 目标进展', en: 'Xingguo County carbon-peak plan — progress on the targets' },
    sample_data: meta.sampleData,
    as_of_year: progress.as_of_year,
    data_version: meta.dataVersion,
    source: {
      zh: '《兴国县碳达峰实施方案》（2023）目标；兴国县林业、自然资源与能源图层汇总（乡镇级）。',
      en: 'Targets: Xingguo County carbon-peak implementation plan (2023). Figures: county forestry, land and energy layers, summed by township.',
    },
    method: progress.method,
    method_label: progress.method_label,
    factors_version: progress.factors_version,
    unverified_share: {
      carbon_stock: round(c.provenance.unverified_share.carbon_stock, 4),
      annual_sink: round(c.provenance.unverified_share.annual_sink, 4),
    },
    upgrade_deadline: deadline,
    county: {
      land_area_mu: round(c.land_area_mu, 1),
      forest_land_mu: round(c.forest_land_mu, 1),
      forest_area_mu: round(c.forest_area_mu, 1),
      coverage_pct: round(c.coverage_pct, 2),
      growing_stock_m3: round(c.stock_m3, 0),
      carbon_stock_tCO2e: round(c.carbon_stock_tCO2e, 0),
      carbon_density_tC_per_ha: round(c.carbon_density_tC_per_ha, 1),
      carbon_density_tCO2e_per_ha: round(c.carbon_density_tC_per_ha * CO2_PER_C, 1),
      annual_sink_tCO2e: round(c.annual_sink_tCO2e, 0),
      gross_growth_tCO2e: round(c.gross_growth_tCO2e, 0),
      harvest_tCO2e: round(c.harvest_tCO2e, 0),
      mortality_tCO2e: round(c.mortality_tCO2e, 0),
      uncertainty: {
        carbon_stock_tCO2e: [round(c.uncertainty.carbon_stock_tCO2e[0], 0), round(c.uncertainty.carbon_stock_tCO2e[1], 0)],
        annual_sink_tCO2e: [round(c.uncertainty.annual_sink_tCO2e[0], 0), round(c.uncertainty.annual_sink_tCO2e[1], 0)],
        method: c.uncertainty.method,
        draws: c.uncertainty.draws,
        seed: c.uncertainty.seed,
      },
      avoided_tCO2_per_yr: round(c.avoided_emissions.total_tco2_per_yr, 0),
      grid_connected_kw: round(c.avoided_emissions.grid_connected_kw, 0),
    },
    targets: publicTargets(progress),
    townships: rows,
    method_notes: methodNotes(factors, progress.method, Object.keys(progress.summary.bySpeciesAge).map((k) => k.split('|')[0])),
  };
  return { townshipStats, projects: projectMarkers(layers, areas), planProgress };
}
