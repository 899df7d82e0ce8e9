// The 碳汇项目 panel's project as it is edited (a project file, docs/carbon-projects.md, with the parcels the planner
// added) and what the panel makes of the core's report: the parcels on the map coloured by eligibility, the per-year
// CSV. Pure: tested beside it.
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import type { ParcelSource, PlantingDesign, ProjectFile, ProjectParcel } from '../../core/projects/format.ts';
import { PROJECT_FORMAT, PROJECT_FORMAT_VERSION } from '../../core/projects/format.ts';
import type { ProjectReport } from '../../core/projects/run.ts';

/** A new project: one design (杉木 70 % + 木荷 30 %, 2,500 stems/ha, planted in the start year, site class II), 30 years. */
export function newProject(name: string, startYear: number): ProjectFile {
  return {
    format: PROJECT_FORMAT, version: PROJECT_FORMAT_VERSION, id: null, name, start_date: `${startYear}-03-01`, crediting_years: 30,
    pools: ['trees', 'shrubs'],
    designs: [newDesign('D1', startYear)],
    parcels: [],
    value: { price_cny_per_tCO2e: null, discount_rate: null, costs: [] },
    options: { uncertainty_deduction: 'ar-tool14', mc_draws: 1000, mc_seed: 20261130 },
  };
}

export function newDesign(id: string, year: number): PlantingDesign {
  return { id, species: [{ group: '杉木', share: 0.7 }, { group: '木荷', share: 0.3 }], density_per_ha: 2500, planting_year: year, site_class: 'II' };
}

/** The next free id with a prefix: P1, P2 … / D1, D2 … */
export function nextId(prefix: string, taken: readonly string[]): string {
  let n = 1;
  while (taken.includes(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

export const isAreal = (g: Geometry | null | undefined): g is Polygon | MultiPolygon => g?.type === 'Polygon' || g?.type === 'MultiPolygon';

/** A parcel added to `p` (the first design, default shrub removal, organic soil not known); `p` is not changed. */
export function withParcel(p: ProjectFile, name: string, geometry: Polygon | MultiPolygon, source: ParcelSource): ProjectFile {
  const parcel: ProjectParcel = {
    id: nextId('P', p.parcels.map((x) => x.id)), name, design: p.designs[0]?.id ?? 'D1', geometry, source,
    shrub_removal_share: 0.2, organic_soil: null, leakage: { displaced_ha: 0, destination_tCO2e_per_ha: 0 },
  };
  return { ...p, parcels: [...p.parcels, parcel] };
}

/** The parcels for the map: properties.status eligible / failing / pending (no report for it yet), label = id + name. */
export function parcelsOnMap(p: ProjectFile, report: ProjectReport | null): FeatureCollection {
  const byId = new Map(report?.eligibility.parcels.map((e) => [e.id, e]) ?? []);
  return {
    type: 'FeatureCollection',
    features: p.parcels.map((x): Feature => {
      const e = byId.get(x.id);
      return { type: 'Feature', geometry: x.geometry, properties: { id: x.id, label: `${x.id} ${x.name}`, status: !e ? 'pending' : e.eligible ? 'eligible' : 'failing' } };
    }),
  };
}

/** All parcels as one geometry, to frame the map on (the printed document). */
export function parcelsGeometry(p: ProjectFile): MultiPolygon {
  return { type: 'MultiPolygon', coordinates: p.parcels.flatMap((x) => (x.geometry.type === 'Polygon' ? [x.geometry.coordinates] : x.geometry.coordinates)) };
}

/** The CSV columns of the per-year table: the report's `years` fields (docs/carbon-projects.md), then the value. */
export const YEAR_COLUMNS = [
  't', 'year', 'tree_project_tCO2e', 'shrub_project_tCO2e', 'project_tCO2e', 'ghg_e_tCO2e', 'actual_tCO2e', 'tree_baseline_tCO2e', 'shrub_baseline_tCO2e',
  'baseline_tCO2e', 'leakage_tCO2e', 'deduction_project_tCO2e', 'deduction_baseline_tCO2e', 'net_tCO2e', 'net_95_low', 'net_95_high',
  'cumulative_net_tCO2e', 'cumulative_95_low', 'cumulative_95_high', 'tree_stock_tCO2e',
  'revenue_cny_low', 'revenue_cny_central', 'revenue_cny_high', 'present_revenue_cny_central',
] as const;

const csvCell = (v: string | number): string => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * The per-year table as CSV (UTF-8 with a BOM so spreadsheet programs read 中文), full precision, one row per
 * crediting year, with the methodology and the project named in the first lines (comment rows starting with #).
 */
export function yearsCsv(r: ProjectReport): string {
  const value = new Map(r.value.by_year.map((v) => [v.year, v]));
  const rows = r.years.map((y) => {
    const v = value.get(y.year);
    const cell: Record<(typeof YEAR_COLUMNS)[number], number> = {
      t: y.t, year: y.year, tree_project_tCO2e: y.tree_project_tCO2e, shrub_project_tCO2e: y.shrub_project_tCO2e, project_tCO2e: y.project_tCO2e,
      ghg_e_tCO2e: y.ghg_e_tCO2e, actual_tCO2e: y.actual_tCO2e, tree_baseline_tCO2e: y.tree_baseline_tCO2e, shrub_baseline_tCO2e: y.shrub_baseline_tCO2e,
      baseline_tCO2e: y.baseline_tCO2e, leakage_tCO2e: y.leakage_tCO2e, deduction_project_tCO2e: y.deduction_project_tCO2e,
      deduction_baseline_tCO2e: y.deduction_baseline_tCO2e, net_tCO2e: y.net_tCO2e, net_95_low: y.net_95[0], net_95_high: y.net_95[1],
      cumulative_net_tCO2e: y.cumulative_net_tCO2e, cumulative_95_low: y.cumulative_95[0], cumulative_95_high: y.cumulative_95[1], tree_stock_tCO2e: y.tree_stock_tCO2e,
      revenue_cny_low: v?.revenue_cny.low ?? 0, revenue_cny_central: v?.revenue_cny.central ?? 0, revenue_cny_high: v?.revenue_cny.high ?? 0,
      present_revenue_cny_central: v?.present_revenue_cny.central ?? 0,
    };
    return YEAR_COLUMNS.map((c) => csvCell(cell[c])).join(',');
  });
  const head = [`# ${r.project.name}`, `# ${r.methodology.label}`].map(csvCell);
  return `\uFEFF${[...head, YEAR_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

/**
 * What a report was computed for: the project with sorted keys and without its id — saving it gives it an id and the
 * server's copy comes back with its keys in another order (jsonb), and neither changes a figure.
 */
export function projectKey(p: ProjectFile): string {
  const sorted = (v: unknown): unknown => (Array.isArray(v) ? v.map(sorted)
    : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])])) : v);
  return JSON.stringify(sorted({ ...p, id: null }));
}
