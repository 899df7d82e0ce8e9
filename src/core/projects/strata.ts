// Baseline of each eligible parcel from what the inventory shows there today, and the strata: eligible parcels grouped
// by planting design and baseline kind (AR-ACM0003 stratifies the ex-ante estimate by planting and by pre-project
// vegetation). Pure: reads the overlays.
import { curveFor, siteFactor } from '../carbon/curves.ts';
import { CO2_PER_C, type CarbonFactors, type FactorStatus } from '../carbon/factors.ts';
import { SPECIES_GROUPS, speciesGroupOf } from '../carbon/species-groups.ts';
import { standCarbon, type StandCarbon, type StandMethod } from '../carbon/stand.ts';
import { fromSquareMetres } from '../geo/units.ts';
import type { PlantingDesign, ProjectParcel } from './format.ts';
import type { ParcelOverlay } from './overlay.ts';
import { PROJECT_PARAMETERS, type ProjectParameters } from './parameters.ts';

export type BaselineKind = 'bare' | 'shrubs' | 'sparse_trees' | 'trees_and_shrubs';

export interface ParcelBaseline {
  id: string;
  kind: BaselineKind;
  /** Pre-project trees (stands under the parcel that are not forest but hold volume, e.g. 疏林地), clipped, kept standing. */
  trees: StandCarbon[];
  tree_stock_tCO2e: number;
  /** Their yearly growth less mortality (no harvest: the project keeps them), t CO2e/yr. */
  tree_removal_tCO2e_per_yr: number;
  shrub_area_ha: number;
  /** AR-TOOL14 Eq. (26)–(27) stock of the shrubs under the parcel, t CO2e. */
  shrub_stock_tCO2e: number;
}

/** Below this cover shrubs count as none (AR-TOOL14: strata with < 5 % cover count as zero). */
const MIN_SHRUB_COVER = 0.05;

/** AR-TOOL14 Eq. (26)–(27) for one piece: 44/12 × CF_S × (1 + R_S) × A × BDR_SF × b_FOREST × CC. */
export function shrubStock(ha: number, cover: number, p: ProjectParameters = PROJECT_PARAMETERS): number {
  if (!(cover >= MIN_SHRUB_COVER) || !(ha > 0)) return 0;
  return CO2_PER_C * p.shrubCF.value * (1 + p.shrubR.value) * ha * p.shrubBDR.value * p.forestAGB.value * cover;
}

export function parcelBaseline(o: ParcelOverlay, f: CarbonFactors, method: StandMethod, startYear: number, p: ProjectParameters = PROJECT_PARAMETERS): ParcelBaseline {
  const trees: StandCarbon[] = [];
  let shrubHa = 0, shrubStockSum = 0;
  for (const h of o.stands) {
    if (h.forest || !(h.area_m2 > 0)) continue;
    const s = h.stand;
    const group = speciesGroupOf(s.species_raw ?? s.species);
    const kind = group ? SPECIES_GROUPS[group].kind : 'unknown';
    const frac = h.stand_area_m2 > 0 ? Math.min(1, h.area_m2 / h.stand_area_m2) : 0;
    if (kind === 'tree' && s.stock_m3 > 0) {
      trees.push(standCarbon({
        species: s.species_raw ?? s.species, age_group: s.age_group, stock_m3: s.stock_m3 * frac, area_m2: h.area_m2, origin: s.origin, no_harvest: true,
      }, f, { method, year: startYear }));
    } else if (kind === 'shrub' || s.land_class === '一般灌木林地') {
      const ha = fromSquareMetres(h.area_m2, 'ha');
      const stock = shrubStock(ha, s.canopy, p);
      if (stock > 0) { shrubHa += ha; shrubStockSum += stock; }
    }
  }
  const treeStock = trees.reduce((a, t) => a + t.carbon_stock_tCO2e, 0);
  const treeRemoval = trees.reduce((a, t) => a + t.annual_sink_tCO2e, 0);
  const kind: BaselineKind = trees.length && shrubHa > 0 ? 'trees_and_shrubs' : trees.length ? 'sparse_trees' : shrubHa > 0 ? 'shrubs' : 'bare';
  return { id: o.id, kind, trees, tree_stock_tCO2e: treeStock, tree_removal_tCO2e_per_yr: treeRemoval, shrub_area_ha: shrubHa, shrub_stock_tCO2e: shrubStockSum };
}

export interface StratumCurve {
  group: string;
  share: number;
  /** '' = the default curve (planted 杉木): the group has no curve of its own. */
  row: string;
  A: number;
  k: number;
  c: number;
  site_factor: number;
  status: FactorStatus;
}

export interface Stratum {
  id: string;
  design: PlantingDesign;
  baseline_kind: BaselineKind;
  parcels: string[];
  area_m2: number;
  area_ha: number;
  area_mu: number;
  curves: StratumCurve[];
  /** Pre-project trees (for the Monte Carlo) and their yearly removal (t CO2e/yr, until the steady-state year). */
  baseline_trees: StandCarbon[];
  baseline_tree_stock_tCO2e: number;
  baseline_tree_removal_tCO2e_per_yr: number;
  shrub_stock_tCO2e: number;
  /** Shrubs removed at site preparation: removal share × stock, lost in the first year after planting. */
  shrub_loss_tCO2e: number;
  /** Leakage of the stratum's parcels (displaced area × destination stock), in the first year after planting. */
  leakage_tCO2e: number;
}

export function stratumCurves(design: PlantingDesign, f: CarbonFactors): StratumCurve[] {
  const s = siteFactor(design.site_class, f);
  return design.species.map(({ group, share }) => {
    const c = curveFor(group, f);
    return { group, share, row: c.row, A: c.A, k: c.k, c: c.c, site_factor: s, status: c.status };
  });
}

/** Group eligible parcels by design × baseline kind, in the order they first appear. */
export function stratify(
  parcels: readonly ProjectParcel[], designs: readonly PlantingDesign[], overlays: ReadonlyMap<string, ParcelOverlay>,
  baselines: ReadonlyMap<string, ParcelBaseline>, f: CarbonFactors,
): Stratum[] {
  const byKey = new Map<string, Stratum>();
  for (const parcel of parcels) {
    const o = overlays.get(parcel.id), b = baselines.get(parcel.id);
    if (!o || !b) continue;
    const design = designs.find((d) => d.id === parcel.design)!;
    const key = `${design.id}|${b.kind}`;
    let s = byKey.get(key);
    if (!s) {
      byKey.set(key, (s = {
        id: `S${byKey.size + 1}`, design, baseline_kind: b.kind, parcels: [], area_m2: 0, area_ha: 0, area_mu: 0, curves: stratumCurves(design, f),
        baseline_trees: [], baseline_tree_stock_tCO2e: 0, baseline_tree_removal_tCO2e_per_yr: 0, shrub_stock_tCO2e: 0, shrub_loss_tCO2e: 0, leakage_tCO2e: 0,
      }));
    }
    s.parcels.push(parcel.id);
    s.area_m2 += o.area_m2;
    s.baseline_trees.push(...b.trees);
    s.baseline_tree_stock_tCO2e += b.tree_stock_tCO2e;
    s.baseline_tree_removal_tCO2e_per_yr += b.tree_removal_tCO2e_per_yr;
    s.shrub_stock_tCO2e += b.shrub_stock_tCO2e;
    s.shrub_loss_tCO2e += parcel.shrub_removal_share * b.shrub_stock_tCO2e;
    s.leakage_tCO2e += parcel.leakage.displaced_ha * parcel.leakage.destination_tCO2e_per_ha;
  }
  for (const s of byKey.values()) {
    s.area_ha = fromSquareMetres(s.area_m2, 'ha');
    s.area_mu = fromSquareMetres(s.area_m2, 'mu');
  }
  return [...byKey.values()];
}
