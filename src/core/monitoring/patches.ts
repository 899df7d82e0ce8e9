// 监测图斑 (monitoring patches) as the bureau works through them: the patches of monitoring-patches.geojson (made by
// src/core/raster/change-context.ts, docs/raster.md) joined with their check statuses from the server
// (GET /api/patches → {patches: [{id, status, updated_at, updated_by, report_id}]}; a patch the server does not list is
// 待核查), filtered as the list's controls ask, and totalled (the dashboard's verified forest loss). Pure.
import type { Feature, MultiPolygon, Polygon } from 'geojson';

export const PATCH_STATUSES = ['待核查', '已核查·属实', '已核查·不属实', '合法'] as const;
export type PatchStatus = (typeof PATCH_STATUSES)[number];
export const DEFAULT_STATUS: PatchStatus = '待核查';

/** A feature's properties in monitoring-patches.geojson (flat, for CSV/SHP). */
export interface PatchProps {
  id: string;
  kind: 'loss' | 'gain';
  from_year: number;
  to_year: number;
  from_class: string;
  to_class: string;
  transitions: string;
  pixels: number;
  area_mu: number;
  area_m2: number;
  township_code: string | null;
  township_name: string | null;
  stand_ids: string | null;
  carbon_stock_tC: number;
  carbon_stock_tCO2e: number;
  explained: boolean;
  explanation_kind: string | null;
  explanation_share: number | null;
  explanation_ids: string | null;
  explanation_name: string | null;
  status: string;
  centre_lon: number;
  centre_lat: number;
}

export type PatchFeature = Feature<Polygon | MultiPolygon, PatchProps>;

/** The server's record of a patch's check (the field-work issue's contract). */
export interface PatchStatusRecord {
  id: string;
  status: PatchStatus;
  updated_at: string | null;
  updated_by: string | null;
  report_id: string | null;
}

/** A patch in the list: its feature and its current check. */
export interface PatchRow {
  feature: PatchFeature;
  check: PatchStatusRecord;
}

export const isPatchStatus = (s: unknown): s is PatchStatus => (PATCH_STATUSES as readonly unknown[]).includes(s);

/** The field server's stable ASCII keys of the statuses (issue 26); the Chinese is what the list shows. */
export const STATUS_KEYS: Record<PatchStatus, string> = { 待核查: 'pending', '已核查·属实': 'verified_true', '已核查·不属实': 'verified_false', 合法: 'legal' };
const STATUS_OF_KEY = new Map(Object.entries(STATUS_KEYS).map(([zh, key]) => [key, zh as PatchStatus]));

/** A status as the server wrote it (Chinese or its ASCII key), or null when it is neither. */
export function statusOf(value: unknown): PatchStatus | null {
  if (isPatchStatus(value)) return value;
  return (typeof value === 'string' && STATUS_OF_KEY.get(value)) || null;
}

/** Reads monitoring-patches.geojson; throws a message naming the file and the feature that is wrong. */
export function parsePatches(text: string, file: string): PatchFeature[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const features = (json as { features?: unknown })?.features;
  if (!Array.isArray(features)) throw new Error(`${file}: not a GeoJSON FeatureCollection`);
  return features.map((f, i) => {
    const p = (f as PatchFeature)?.properties;
    const g = (f as PatchFeature)?.geometry;
    if (!p || typeof p.id !== 'string' || (p.kind !== 'loss' && p.kind !== 'gain') || !Number.isFinite(p.area_mu)) {
      throw new Error(`${file}: feature ${i + 1} is not a 监测图斑 (needs id, kind loss/gain, area_mu)`);
    }
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) throw new Error(`${file}: 图斑 ${p.id} has no polygon`);
    return f as PatchFeature;
  });
}

/**
 * Reads GET /api/patches. The agreed contract is {patches: [{id, status, updated_at, updated_by, report_id}]}; a
 * FeatureCollection whose properties carry id, status, status_at, status_by and status_report (the field server's
 * ?format=geojson) is read too. Statuses may be the Chinese labels or the field server's ASCII keys (pending,
 * verified_true, verified_false, legal). A record with an unknown status is an error naming it (never shown as another).
 */
export function parseStatusList(json: unknown): Map<string, PatchStatusRecord> {
  const body = json as { patches?: unknown; type?: unknown; features?: unknown };
  let list: unknown[];
  if (Array.isArray(body?.patches)) list = body.patches;
  else if (body?.type === 'FeatureCollection' && Array.isArray(body.features)) {
    list = body.features.map((f) => {
      const p = ((f as Feature)?.properties ?? {}) as Record<string, unknown>;
      return { id: p.id, status: p.status, updated_at: p.status_at ?? null, updated_by: p.status_by ?? null, report_id: p.status_report ?? null };
    });
  } else throw new Error('/api/patches: expected {"patches": [ … ]}');
  const out = new Map<string, PatchStatusRecord>();
  for (const [i, raw] of list.entries()) {
    const r = raw as Partial<PatchStatusRecord>;
    if (typeof r?.id !== 'string') throw new Error(`/api/patches: entry ${i + 1} has no id`);
    const status = statusOf(r.status);
    if (!status) throw new Error(`/api/patches: 图斑 ${r.id} has an unknown status ${JSON.stringify(r.status)}`);
    out.set(r.id, { id: r.id, status, updated_at: r.updated_at ?? null, updated_by: r.updated_by ?? null, report_id: r.report_id ?? null });
  }
  return out;
}

/** Every patch with its check: the server's when it has one, else 待核查. */
export function withStatuses(features: readonly PatchFeature[], statuses: ReadonlyMap<string, PatchStatusRecord> | null): PatchRow[] {
  return features.map((feature) => ({
    feature,
    check: statuses?.get(feature.properties.id) ?? { id: feature.properties.id, status: DEFAULT_STATUS, updated_at: null, updated_by: null, report_id: null },
  }));
}

export interface PatchFilter {
  status: PatchStatus | 'all';
  /** A 9-digit township code, or 'all'. */
  township: string;
  kind: 'loss' | 'gain' | 'all';
  explained: 'yes' | 'no' | 'all';
  /** Area bounds in 亩 (inclusive); null = no bound. */
  minMu: number | null;
  maxMu: number | null;
}

export const NO_FILTER: PatchFilter = { status: 'all', township: 'all', kind: 'all', explained: 'all', minMu: null, maxMu: null };

export function matches(row: PatchRow, f: PatchFilter): boolean {
  const p = row.feature.properties;
  if (f.status !== 'all' && row.check.status !== f.status) return false;
  if (f.township !== 'all' && p.township_code !== f.township) return false;
  if (f.kind !== 'all' && p.kind !== f.kind) return false;
  if (f.explained !== 'all' && p.explained !== (f.explained === 'yes')) return false;
  if (f.minMu !== null && p.area_mu < f.minMu) return false;
  if (f.maxMu !== null && p.area_mu > f.maxMu) return false;
  return true;
}

/** The rows the filter keeps, largest first (the list's order and the exports'). */
export function filterPatches(rows: readonly PatchRow[], f: PatchFilter): PatchRow[] {
  return rows.filter((r) => matches(r, f)).sort((a, b) => b.feature.properties.area_mu - a.feature.properties.area_mu || a.feature.properties.id.localeCompare(b.feature.properties.id));
}

export interface PatchTotal {
  count: number;
  area_mu: number;
  carbon_stock_tCO2e: number;
}

export function totalOf(rows: readonly PatchRow[]): PatchTotal {
  let area = 0, carbon = 0;
  for (const r of rows) {
    area += r.feature.properties.area_mu;
    carbon += r.feature.properties.carbon_stock_tCO2e ?? 0;
  }
  return { count: rows.length, area_mu: area, carbon_stock_tCO2e: carbon };
}

/** Forest loss in a township (or the county, code null): confirmed by a check (已核查·属实), and still to be checked. */
export function forestLoss(rows: readonly PatchRow[], township: string | null): { confirmed: PatchTotal; pending: PatchTotal } {
  const loss = rows.filter((r) => r.feature.properties.kind === 'loss' && (township === null || r.feature.properties.township_code === township));
  return {
    confirmed: totalOf(loss.filter((r) => r.check.status === '已核查·属实')),
    pending: totalOf(loss.filter((r) => r.check.status === '待核查')),
  };
}

/** The townships the patches lie in, by name, for the filter. */
export function patchTownships(features: readonly PatchFeature[]): { code: string; name: string }[] {
  const m = new Map<string, string>();
  for (const f of features) if (f.properties.township_code) m.set(f.properties.township_code, f.properties.township_name ?? f.properties.township_code);
  return [...m].map(([code, name]) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code));
}
