// The layers progress is computed from (data/README.md contract) and a cache of their ellipsoidal areas.
// Areas are the expensive part (200k stands); they are computed once with computeAreas() and passed back in,
// so a worker can keep them while the user changes the method or the grid factor.
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { StandProperties } from '../inventory/schema.ts';
import { geodesicArea } from '../geo/measure.ts';

export type FC<P> = FeatureCollection<Geometry | null, P>;

export interface TownshipProps { id: string; code: string; name: string; name_en?: string; gas_status?: string }
export interface CountyProps { id: string; name: string; area_m2?: number }
export interface PvProps {
  id: string; name: string; township_code: string; capacity_mw: number; kind: string; status: string;
  grid_year: number | null; plan_named?: boolean;
}
export interface WindFarmProps { id: string; name: string; township_code: string; capacity_mw: number; status: string; grid_year: number | null }
export interface GasPipelineProps { id: string; name: string; status: string; target_year: number | null; serves: string }
export interface MineProps {
  id: string; name: string; township_code: string; status: string; restored_year: number | null; plan_named?: boolean;
}
export interface WetlandProps {
  id: string; name: string; kind: string; township_code: string; restoration: string; restoration_year: number | null;
}
export interface SubstationProps { id: string; name: string; voltage_kv: number; status: string; plan_named?: boolean }
export interface CarbonPilotProps { id: string; name: string; township_code: string; planted_year: number | null; species?: string }
export interface OilTeaBaseProps { id: string; name: string; township_code: string; kind: string; year: number | null }

/** Stand properties as read: schema fields, possibly with the raw 二类 species kept aside by field-mapping. */
export type StandLike = StandProperties & { species_raw?: string | null };

export interface PlanLayers {
  stands: FC<StandLike>;
  county: FC<CountyProps>;
  townships?: FC<TownshipProps>;
  pv?: FC<PvProps>;
  windFarms?: FC<WindFarmProps>;
  gasPipelines?: FC<GasPipelineProps>;
  mines?: FC<MineProps>;
  wetlands?: FC<WetlandProps>;
  substations?: FC<SubstationProps>;
  carbonPilots?: FC<CarbonPilotProps>;
  oilTeaBases?: FC<OilTeaBaseProps>;
}

/** The members every figure needs (PlanLayers' required ones), stands first: a data folder without them is refused; the
 *  others may be missing from a release. */
export const REQUIRED_PLAN_LAYERS: ReadonlySet<keyof PlanLayers> = new Set<keyof PlanLayers>(['stands', 'county']);

/** Per-feature areas in m², index-aligned with each layer's features. */
export interface AreaCache {
  stands: Float64Array;
  county: number;
  townships?: Float64Array;
  mines?: Float64Array;
  wetlands?: Float64Array;
  pv?: Float64Array;
  carbonPilots?: Float64Array;
  oilTeaBases?: Float64Array;
}

export function featureAreas(features: readonly Feature<Geometry | null, unknown>[]): Float64Array {
  const out = new Float64Array(features.length);
  for (let i = 0; i < features.length; i++) {
    try {
      out[i] = geodesicArea(features[i].geometry);
    } catch (e) {
      // name the feature: "vertex 3 is NaN" alone does not help anyone find it in a 200k-stand file
      const id = (features[i].properties as { id?: unknown } | null)?.id ?? features[i].id ?? '';
      throw new Error(`feature ${i + 1}${id !== '' ? ` (id ${String(id)})` : ''}: ${(e as Error).message}`);
    }
  }
  return out;
}

/** The area pass: geodesicArea (CGCS2000 ellipsoid) for every polygon of every layer, once. */
export function computeAreas(layers: PlanLayers): AreaCache {
  const opt = <P>(fc?: FC<P>) => (fc ? featureAreas(fc.features) : undefined);
  return {
    stands: featureAreas(layers.stands.features),
    county: layers.county.features.reduce((s, f) => s + geodesicArea(f.geometry), 0),
    townships: opt(layers.townships),
    mines: opt(layers.mines),
    wetlands: opt(layers.wetlands),
    pv: opt(layers.pv),
    carbonPilots: opt(layers.carbonPilots),
    oilTeaBases: opt(layers.oilTeaBases),
  };
}
