// Carbon per feature and in total for any stand file the importers read — the core of `npm run carbon`.
// Attributes may use the schema's names or real 二类 names (优势树种, 龄组, 蓄积 … / YSSZ, LZ, XJ …).
import type { Feature, Geometry } from 'geojson';
import { geodesicArea } from '../geo/measure.ts';
import { detectFields, mapStand, type FieldMap } from '../inventory/field-mapping.ts';
import type { CarbonFactors } from './factors.ts';
import { METHOD_LABELS, standCarbon, type FeatureMethod, type StandMethod } from './stand.ts';

export interface CarbonFeatureRow {
  index: number;
  species_group: string;
  area_mu: number;
  stock_m3: number;
  carbon_stock_tC: number;
  carbon_stock_tCO2e: number;
  annual_sink_tCO2e: number;
}

export type CarbonTotals = Omit<CarbonFeatureRow, 'index' | 'species_group'>;

/** The exact JSON shape of `npm run carbon -- file --json`. */
export interface CarbonReport {
  method: string;
  features: CarbonFeatureRow[];
  total: CarbonTotals;
}

export interface CarbonRun {
  report: CarbonReport;
  /** Which formula each feature used (bamboo, 油茶, 碳汇造林 curve …), index-aligned with report.features. */
  featureMethods: FeatureMethod[];
  fieldMap: FieldMap;
  unmappedFields: string[];
  /** Human-readable problems: unknown species, unreadable values. Never fatal on their own. */
  issues: string[];
}

export class StandFileError extends Error {}

/**
 * Compute carbon for each feature. `sourceIndex[i]` is feature i's position in the file (the importer may reject some);
 * `areasM2` may be passed when already computed. Throws StandFileError when the file has no species attribute at all.
 */
export function carbonForFeatures(
  features: readonly Feature<Geometry | null>[],
  factors: CarbonFactors,
  opt: { method: StandMethod; year: number; sourceIndex?: readonly number[]; areasM2?: Float64Array },
): CarbonRun {
  const keys = new Set<string>();
  for (const f of features) for (const k of Object.keys(f.properties ?? {})) keys.add(k);
  const { map, unmapped } = detectFields(keys);
  if (features.length > 0 && map.species === undefined) {
    throw new StandFileError(
      `no dominant-species attribute found (looked for species, 优势树种, YSSZ …); attributes present: ${[...keys].join(', ') || 'none'}`,
    );
  }
  if (features.length > 0 && map.stock_m3 === undefined && map.stock_per_ha === undefined && map.stock_per_mu === undefined) {
    unmapped.push('(no 蓄积 attribute: tree stands will show zero stock)');
  }
  const issues: string[] = [];
  const rows: CarbonFeatureRow[] = [];
  const featureMethods: FeatureMethod[] = [];
  const total: CarbonTotals = { area_mu: 0, stock_m3: 0, carbon_stock_tC: 0, carbon_stock_tCO2e: 0, annual_sink_tCO2e: 0 };
  const unknownSpecies = new Map<string, number>();

  features.forEach((f, i) => {
    const index = opt.sourceIndex?.[i] ?? i;
    let area: number;
    try {
      area = opt.areasM2?.[i] ?? geodesicArea(f.geometry);
    } catch (e) {
      throw new StandFileError(`feature ${index}: ${(e as Error).message}`);
    }
    const { stand, issues: own } = mapStand((f.properties ?? {}) as Record<string, unknown>, map, area);
    for (const m of own) issues.push(`feature ${index}: ${m}`);
    const c = standCarbon(
      {
        species: stand.species_raw ?? stand.species ?? null,
        age_group: stand.age_group ?? null,
        stock_m3: stand.stock_m3 ?? 0,
        area_m2: area,
        carbon_afforestation: stand.carbon_afforestation,
        afforestation_year: stand.afforestation_year,
      },
      factors,
      opt,
    );
    if (c.kind === 'unknown') {
      const s = stand.species_raw ?? '(empty)';
      unknownSpecies.set(s, (unknownSpecies.get(s) ?? 0) + 1);
    }
    featureMethods.push(c.method);
    rows.push({
      index,
      species_group: c.species_group,
      area_mu: c.area_mu,
      stock_m3: c.stock_m3,
      carbon_stock_tC: c.carbon_stock_tC,
      carbon_stock_tCO2e: c.carbon_stock_tCO2e,
      annual_sink_tCO2e: c.annual_sink_tCO2e,
    });
    total.area_mu += c.area_mu;
    total.stock_m3 += c.stock_m3;
    total.carbon_stock_tC += c.carbon_stock_tC;
    total.carbon_stock_tCO2e += c.carbon_stock_tCO2e;
    total.annual_sink_tCO2e += c.annual_sink_tCO2e;
  });
  for (const [s, n] of unknownSpecies) issues.push(`species "${s}" not recognised in ${n} feature(s): counted as zero carbon`);
  return {
    report: { method: `${opt.method}: ${METHOD_LABELS[opt.method]}`, features: rows, total },
    featureMethods,
    fieldMap: map,
    unmappedFields: unmapped,
    issues,
  };
}
