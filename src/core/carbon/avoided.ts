// Avoided emissions of PV and wind: generation that displaces grid electricity. This is an estimate of emissions not
// made elsewhere, NOT a carbon sink, so it is kept in its own result type and never summed with sinks.
import type { CarbonFactors } from './factors.ts';

export const AVOIDED_LABEL = { zh: '减排量（估算）', en: 'avoided emissions (estimate)' } as const;

export type GenerationKind = 'pv' | 'wind';

export interface AvoidedEmissions {
  label: typeof AVOIDED_LABEL.en;
  capacity_mw: number;
  full_load_hours: number;
  generation_mwh: number;
  grid_factor_tco2_per_mwh: number;
  grid_factor_id: string;
  avoided_tco2_per_yr: number;
}

/** Avoided tCO2/yr = capacity (MW) × full-load hours (h/yr) × grid factor (tCO2/MWh). */
export function avoidedEmissions(
  capacityMw: number,
  kind: GenerationKind,
  f: CarbonFactors,
  gridFactorId: string = f.defaultGridFactor,
): AvoidedEmissions {
  const ef = f.gridFactors[gridFactorId];
  if (!ef) throw new Error(`unknown grid factor "${gridFactorId}" (have: ${Object.keys(f.gridFactors).join(', ')})`);
  const hours = kind === 'pv' ? f.pvFullLoadHours.value : f.windFullLoadHours.value;
  const mw = Number.isFinite(capacityMw) && capacityMw > 0 ? capacityMw : 0;
  const mwh = mw * hours;
  return {
    label: 'avoided emissions (estimate)',
    capacity_mw: mw,
    full_load_hours: hours,
    generation_mwh: mwh,
    grid_factor_tco2_per_mwh: ef.value,
    grid_factor_id: gridFactorId,
    avoided_tco2_per_yr: mwh * ef.value,
  };
}
