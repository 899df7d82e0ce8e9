// Progress rules: how each kind of plan target is measured on the layers. Each returns the value in the target's
// base unit, an optional outlook from the layer's own project status, and an explanation for the UI as messages (a key
// and its values), which the UI words in its language (src/ui/i18n.ts, RULE_TEXT): the rule in words, not field names.
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

/** One sentence of a rule's explanation. String values are data (names, statuses) and are shown as data. */
export type RuleMessage =
  | { key: 'upgrade_area'; params: { types: string; year: number } }
  | { key: 'oil_tea_area'; params: { work: string; year: number } }
  | { key: 'forest_coverage'; params: { forest_mu: number; land_mu: number } }
  | { key: 'forest_land_area'; params: Record<string, never> }
  | { key: 'forest_stock'; params: Record<string, never> }
  | { key: 'carbon_afforestation_area'; params: { year: number } }
  | { key: 'new_energy_capacity'; params: { year: number } }
  | { key: 'pv_missing'; params: { capacity_mw: number; kind: string; township: string } }
  | { key: 'feature_status'; params: { name: string; status: string } }
  | { key: 'feature_status_year'; params: { name: string; status: string; year: number } }
  | { key: 'gas_pipeline_built'; params: { name: string } }
  | { key: 'gas_town_supplied'; params: { name: string } }
  | { key: 'gas_pipeline_planned'; params: { years: string } }
  | { key: 'gas_town_planned'; params: { name: string } }
  | { key: 'gas_missing'; params: { place: string } }
  | { key: 'mine_missing'; params: { name: string } }
  | { key: 'wetland_none'; params: { kind: string } }
  | { key: 'wetland_restored'; params: { done_mu: number; total_mu: number; kind: string; sites: number } }
  | { key: 'wetland_park'; params: { park: string; status: string } }
  | { key: 'wetland_park_missing'; params: { park: string } }
  | { key: 'substation_missing'; params: { voltage_kv: number; name: string } };

export type RuleMessageKey = RuleMessage['key'];

/** A feature's name and status, with its year when it has one. */
const statusOf = (name: string, status: string, year: number | null | undefined): RuleMessage =>
  year ? { key: 'feature_status_year', params: { name, status, year } } : { key: 'feature_status', params: { name, status } };

export interface RuleResult {
  value: number;
  outlook?: Outlook;
  detail: RuleMessage[];
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
    return { value, detail: [{ key: 'upgrade_area', params: { types: types.join('/'), year } }] };
  },
  oil_tea_area(r, t, { summary, asOfYear }) {
    const year = countedTo(t, asOfYear);
    return { value: doneBy(summary.added[`oil_tea:${r.work}`], year), detail: [{ key: 'oil_tea_area', params: { work: r.work, year } }] };
  },
  forest_coverage(_r, _t, { summary, areas }) {
    const landMu = fromSquareMetres(areas.county, 'mu');
    const value = landMu > 0 ? (summary.county.forest_area_mu / landMu) * 100 : 0;
    return { value, detail: [{ key: 'forest_coverage', params: { forest_mu: Math.round(summary.county.forest_area_mu), land_mu: Math.round(landMu) } }] };
  },
  forest_land_area(_r, _t, { summary }) {
    return { value: summary.county.area_mu, detail: [{ key: 'forest_land_area', params: {} }] };
  },
  forest_stock(_r, _t, { summary }) {
    return { value: summary.county.stock_m3, detail: [{ key: 'forest_stock', params: {} }] };
  },
  carbon_afforestation_area(_r, t, { summary, asOfYear }) {
    const year = countedTo(t, asOfYear);
    return { value: doneBy(summary.added.carbon_afforestation, year), detail: [{ key: 'carbon_afforestation_area', params: { year } }] };
  },
  new_energy_capacity(_r, t, { layers, asOfYear }) {
    const year = countedTo(t, asOfYear);
    return { value: gridConnectedKw(layers, year), detail: [{ key: 'new_energy_capacity', params: { year } }] };
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
    if (!f?.properties) return { value: 0, outlook: 'not_started', detail: [{ key: 'pv_missing', params: { capacity_mw: r.capacity_mw, kind: r.kind, township: r.township } }] };
    const p = f.properties;
    const value = p.status === GRID_CONNECTED && doneIn(p.grid_year, ctx.asOfYear) ? p.capacity_mw * 1000 : 0;
    const outlook: Outlook = p.status === '在建' || p.status === GRID_CONNECTED ? 'behind' : 'not_started';
    return { value, outlook, detail: [statusOf(p.name, p.status, p.grid_year)], feature_ids: [p.id] };
  },
  gas_supply(r, t, { layers }) {
    const pipes = (layers.gasPipelines?.features ?? []).filter((f) => f.properties?.serves?.includes(r.place));
    const town = layers.townships?.features.find((f) => f.properties?.name.startsWith(r.place));
    const built = pipes.filter((f) => f.properties?.status === '已建');
    const ids = pipes.map((f) => f.properties!.id);
    if (built.length > 0 || town?.properties?.gas_status === '已通气') {
      return { value: 1, detail: [built.length ? { key: 'gas_pipeline_built', params: { name: built[0].properties!.name } } : { key: 'gas_town_supplied', params: { name: town!.properties!.name } }], feature_ids: ids };
    }
    const planned = pipes.filter((f) => f.properties?.status === '规划');
    const deadline = t.target_year ?? Infinity;
    if (planned.length > 0) {
      const late = planned.every((f) => (f.properties!.target_year ?? Infinity) > deadline);
      return { value: 0, outlook: late ? 'behind' : 'on_track', detail: [{ key: 'gas_pipeline_planned', params: { years: planned.map((f) => f.properties!.target_year ?? '?').join(', ') } }], feature_ids: ids };
    }
    if (town?.properties?.gas_status === '规划2030') return { value: 0, outlook: 'on_track', detail: [{ key: 'gas_town_planned', params: { name: town.properties.name } }] };
    return { value: 0, outlook: 'not_started', detail: [{ key: 'gas_missing', params: { place: r.place } }] };
  },
  mine_restoration(r, _t, { layers, asOfYear }) {
    const f = layers.mines?.features.find((m) => m.properties?.name.includes(r.name));
    if (!f?.properties) return { value: 0, outlook: 'not_started', detail: [{ key: 'mine_missing', params: { name: r.name } }] };
    const p = f.properties;
    const value = p.status === '已修复' && doneIn(p.restored_year, asOfYear) ? 1 : 0;
    const outlook: Outlook = p.status === '修复中' || p.status === '已修复' ? 'on_track' : 'not_started';
    return { value, outlook, detail: [statusOf(p.name, p.status, p.restored_year)], feature_ids: [p.id] };
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
    const parkNote: RuleMessage = park ? { key: 'wetland_park', params: { park: park.name, status: park.restoration } } : { key: 'wetland_park_missing', params: { park: r.park } };
    if (total === 0) return { value: 0, outlook: 'not_started', detail: [{ key: 'wetland_none', params: { kind: r.kind } }, parkNote] };
    return {
      value: (done / total) * 100,
      outlook: active ? 'on_track' : 'not_started',
      detail: [{ key: 'wetland_restored', params: { done_mu: Math.round(fromSquareMetres(done, 'mu') * 10) / 10, total_mu: Math.round(fromSquareMetres(total, 'mu') * 10) / 10, kind: r.kind, sites: ids.length } }, parkNote],
      feature_ids: park ? [park.id, ...ids] : ids,
    };
  },
  substation(r, _t, { layers }) {
    const f = layers.substations?.features.find((s) => s.properties?.name.includes(r.name) && s.properties.voltage_kv === r.voltage_kv);
    if (!f?.properties) return { value: 0, outlook: 'not_started', detail: [{ key: 'substation_missing', params: { voltage_kv: r.voltage_kv, name: r.name } }] };
    const p = f.properties;
    return {
      value: p.status === '已建' ? 1 : 0,
      outlook: p.status === '在建' ? 'on_track' : 'not_started',
      detail: [statusOf(p.name, p.status, null)],
      feature_ids: [p.id],
    };
  },
};

export function evaluateRule(t: PlanTarget, ctx: RuleContext): RuleResult {
  const fn = RULES[t.rule.id] as (r: ProgressRule, t: PlanTarget, ctx: RuleContext) => RuleResult;
  return fn(t.rule, t, ctx);
}
