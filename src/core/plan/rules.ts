// Progress rules: how each kind of plan target is measured on the layers. Each returns the value in the target's
// base unit, an optional outlook from the layer's own project status, and a one-line explanation for the UI.
import { fromSquareMetres } from '../geo/units.ts';
import { UPGRADE_TYPES, type UpgradeType } from '../inventory/schema.ts';
import type { AreaCache, PlanLayers } from './layers.ts';
import type { StandSummary } from './stand-summary.ts';
import { doneBy } from './stand-summary.ts';
import type { Outlook } from './status.ts';
import type { PlanTarget, ProgressRule } from './targets.ts';

export interface RuleContext {
  layers: PlanLayers;
  areas: AreaCache;
  summary: StandSummary;
  asOfYear: number;
}

export interface RuleResult {
  value: number;
  outlook?: Outlook;
  detail: string;
  /** ids of the features the value came from (for highlighting on the map). */
  feature_ids?: string[];
}

const GRID_CONNECTED = '并网';

/** Work counted for a target: done by the end of the assessed year, and never past the target's own deadline. */
const countedTo = (t: PlanTarget, asOfYear: number) => Math.min(t.target_year ?? Infinity, asOfYear);

/** A dated record done after the assessed year did not exist yet (undated records count, as doneBy does). */
const doneIn = (year: number | null | undefined, asOfYear: number) => year == null || !(year > asOfYear);

function townshipCode(ctx: RuleContext, name: string): string | null {
  const f = ctx.layers.townships?.features.find((t) => t.properties?.name === name);
  return f?.properties?.code ?? null;
}

/** Grid-connected PV + wind capacity (kW) by the end of `year`; records without a year count if grid-connected. */
export function gridConnectedKw(layers: PlanLayers, year: number): number {
  let mw = 0;
  for (const f of [...(layers.pv?.features ?? []), ...(layers.windFarms?.features ?? [])]) {
    const p = f.properties;
    if (!p || p.status !== GRID_CONNECTED) continue;
    if (p.grid_year != null && p.grid_year > year) continue;
    if (Number.isFinite(p.capacity_mw) && p.capacity_mw > 0) mw += p.capacity_mw;
  }
  return mw * 1000;
}

const RULES: { [K in ProgressRule['id']]: (r: Extract<ProgressRule, { id: K }>, t: PlanTarget, ctx: RuleContext) => RuleResult } = {
  upgrade_area(r, t, { summary, asOfYear }) {
    const year = countedTo(t, asOfYear);
    const types: readonly UpgradeType[] = r.upgrade_type ? [r.upgrade_type] : UPGRADE_TYPES;
    const value = types.reduce((s, u) => s + doneBy(summary.added[`upgrade:${u}`], year), 0);
    return { value, detail: `stands with upgrade_type ${r.upgrade_type ?? '更新/补植/抚育/封育'} and upgrade_year ≤ ${year}, ellipsoidal area` };
  },
  oil_tea_area(r, t, { summary, asOfYear }) {
    const year = countedTo(t, asOfYear);
    return { value: doneBy(summary.added[`oil_tea:${r.work}`], year), detail: `stands with oil_tea_work ${r.work} and oil_tea_year ≤ ${year}` };
  },
  forest_coverage(_r, _t, { summary, areas }) {
    const landMu = fromSquareMetres(areas.county, 'mu');
    const value = landMu > 0 ? (summary.county.forest_area_mu / landMu) * 100 : 0;
    return { value, detail: `forest area ${summary.county.forest_area_mu.toFixed(0)} mu / county land area ${landMu.toFixed(0)} mu` };
  },
  forest_land_area(_r, _t, { summary }) {
    return { value: summary.county.area_mu, detail: 'area of all stands (every stand land class is 林地)' };
  },
  forest_stock(_r, _t, { summary }) {
    return { value: summary.county.stock_m3, detail: 'sum of stand stock_m3 (蓄积)' };
  },
  carbon_afforestation_area(_r, t, { summary, asOfYear }) {
    const year = countedTo(t, asOfYear);
    return { value: doneBy(summary.added.carbon_afforestation, year), detail: `stands flagged carbon_afforestation, planted ≤ ${year}` };
  },
  new_energy_capacity(_r, t, { layers, asOfYear }) {
    const year = countedTo(t, asOfYear);
    return { value: gridConnectedKw(layers, year), detail: `grid-connected (并网) PV + wind capacity, grid_year ≤ ${year}` };
  },
  pv_project(r, _t, ctx) {
    const code = townshipCode(ctx, r.township);
    const short = r.township.replace(/[乡镇]$/, '');
    const matches = (ctx.layers.pv?.features ?? []).filter((f) => {
      const p = f.properties;
      if (!p || p.kind !== r.kind || Math.abs(p.capacity_mw - r.capacity_mw) > 1e-6) return false;
      return code ? p.township_code === code : p.name.includes(short);
    });
    const f = matches.find((m) => m.properties?.plan_named) ?? matches[0];
    if (!f?.properties) return { value: 0, outlook: 'not_started', detail: `no ${r.capacity_mw} MW ${r.kind} project in ${r.township} in pv.geojson` };
    const p = f.properties;
    const value = p.status === GRID_CONNECTED && doneIn(p.grid_year, ctx.asOfYear) ? p.capacity_mw * 1000 : 0;
    const outlook: Outlook = p.status === '在建' || p.status === GRID_CONNECTED ? 'behind' : 'not_started';
    return { value, outlook, detail: `${p.name}: ${p.status}${p.grid_year ? ` (${p.grid_year})` : ''}`, feature_ids: [p.id] };
  },
  gas_supply(r, t, { layers }) {
    const pipes = (layers.gasPipelines?.features ?? []).filter((f) => f.properties?.serves?.includes(r.place));
    const town = layers.townships?.features.find((f) => f.properties?.name.startsWith(r.place));
    const built = pipes.filter((f) => f.properties?.status === '已建');
    const ids = pipes.map((f) => f.properties!.id);
    if (built.length > 0 || town?.properties?.gas_status === '已通气') {
      return { value: 1, detail: built.length ? `pipeline ${built[0].properties!.name} 已建` : `${town!.properties!.name} 已通气`, feature_ids: ids };
    }
    const planned = pipes.filter((f) => f.properties?.status === '规划');
    const deadline = t.target_year ?? Infinity;
    if (planned.length > 0) {
      const late = planned.every((f) => (f.properties!.target_year ?? Infinity) > deadline);
      return { value: 0, outlook: late ? 'behind' : 'on_track', detail: `pipeline planned (${planned.map((f) => f.properties!.target_year ?? '?').join(', ')})`, feature_ids: ids };
    }
    if (town?.properties?.gas_status === '规划2030') return { value: 0, outlook: 'on_track', detail: `${town.properties.name}: 规划2030` };
    return { value: 0, outlook: 'not_started', detail: `no pipeline serving ${r.place} in gas-pipelines.geojson` };
  },
  mine_restoration(r, _t, { layers, asOfYear }) {
    const f = layers.mines?.features.find((m) => m.properties?.name.includes(r.name));
    if (!f?.properties) return { value: 0, outlook: 'not_started', detail: `no mine named ${r.name} in mines.geojson` };
    const p = f.properties;
    const value = p.status === '已修复' && doneIn(p.restored_year, asOfYear) ? 1 : 0;
    const outlook: Outlook = p.status === '修复中' || p.status === '已修复' ? 'on_track' : 'not_started';
    return { value, outlook, detail: `${p.name}: ${p.status}${p.restored_year ? ` (${p.restored_year})` : ''}`, feature_ids: [p.id] };
  },
  wetland_restoration(r, _t, { layers, areas, asOfYear }) {
    let total = 0;
    let done = 0;
    let active = false;
    const ids: string[] = [];
    const wetlands = layers.wetlands?.features ?? [];
    wetlands.forEach((f, i) => {
      const p = f.properties;
      if (!p || p.kind !== r.kind || p.restoration === '无') return;
      const a = areas.wetlands?.[i] ?? 0;
      total += a;
      ids.push(p.id);
      if (p.restoration === '已完成' && doneIn(p.restoration_year, asOfYear)) done += a;
      if (p.restoration === '实施中' || p.restoration === '已完成') active = true;
    });
    const park = wetlands.find((f) => f.properties?.name.includes(r.park))?.properties;
    const parkNote = park ? `; ${park.name} itself: ${park.restoration}` : `; no ${r.park} in wetlands.geojson`;
    if (total === 0) return { value: 0, outlook: 'not_started', detail: `no ${r.kind} under restoration in wetlands.geojson${parkNote}` };
    return {
      value: (done / total) * 100,
      outlook: active ? 'on_track' : 'not_started',
      detail: `${fromSquareMetres(done, 'mu').toFixed(1)} of ${fromSquareMetres(total, 'mu').toFixed(1)} mu of ${r.kind} restored (${ids.length} sites)${parkNote}`,
      feature_ids: park ? [park.id, ...ids] : ids,
    };
  },
  substation(r, _t, { layers }) {
    const f = layers.substations?.features.find((s) => s.properties?.name.includes(r.name) && s.properties.voltage_kv === r.voltage_kv);
    if (!f?.properties) return { value: 0, outlook: 'not_started', detail: `no ${r.voltage_kv} kV ${r.name} substation in substations.geojson` };
    const p = f.properties;
    return {
      value: p.status === '已建' ? 1 : 0,
      outlook: p.status === '在建' ? 'on_track' : 'not_started',
      detail: `${p.name}: ${p.status}`,
      feature_ids: [p.id],
    };
  },
};

export function evaluateRule(t: PlanTarget, ctx: RuleContext): RuleResult {
  const fn = RULES[t.rule.id] as (r: ProgressRule, t: PlanTarget, ctx: RuleContext) => RuleResult;
  return fn(t.rule, t, ctx);
}
