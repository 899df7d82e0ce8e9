// What each site type means for carbon — one table, read by the site analysis, the comparison, the report and the CSV:
// whether the site clears the stands it covers (their carbon and sink are losses) or keeps them (forest land it cannot
// use is flagged, never counted as a loss), what it adds on eligible land (the afforestation curve or the mine-
// restoration model of src/core/carbon, with and without the project) and whether it avoids emissions by generating
// power (an estimate kept apart from sinks, src/core/carbon/avoided.ts).
import type { Feature } from 'geojson';
import { avoidedEmissions, type AvoidedEmissions, type GenerationKind } from '../carbon/avoided.ts';
import type { CarbonFactors } from '../carbon/factors.ts';
import { geodesicArea } from '../geo/measure.ts';
import { bboxOf } from '../geo/positions.ts';
import { fromSquareMetres } from '../geo/units.ts';
import type { LandClass } from '../inventory/schema.ts';
import type { Areal } from './clip.ts';
import { clipToParts, convexPiecesOf, subtractFromParts, type ConvexPart } from './convex-parts.ts';
import { convexOrientation } from './convex-clip.ts';
import type { StandOverlap } from './overlap.ts';
import type { SiteType } from './site-types.ts';
import { piecesInSite, type TouchedStand } from './siting.ts';

/** A planning assumption of the table: value, unit, where it comes from. */
export interface PurposeFactor { value: number; unit: string; source: string; status: 'assumption' }

export interface SitePurpose {
  /** cleared: the stands under the site are removed (their carbon stock and net sink are losses); kept: they stay. */
  stands: 'cleared' | 'kept';
  /** The carbon the project adds on eligible land (src/core/carbon/other-sinks.ts), or none. */
  gain: 'afforestation_curve' | 'mine_restoration' | null;
  /** Stand land classes the gain is counted on; land no stand covers counts too, unless a 禁止 rule covers it. */
  gainOn: readonly LandClass[];
  /** Power generation: avoided emissions from the site's area at an assumed land use per MW. */
  avoided: { kind: GenerationKind; haPerMw: PurposeFactor } | null;
}

const PLANTABLE: readonly LandClass[] = ['宜林地', '迹地', '疏林地', '一般灌木林地'];

export const SITE_PURPOSES: Record<SiteType, SitePurpose> = {
  光伏: {
    stands: 'cleared', gain: null, gainOn: [],
    avoided: { kind: 'pv', haPerMw: { value: 1.8, unit: 'ha/MW', status: 'assumption', source: 'assumption: the PV footprints of the plan projects in the sample data take 1.7–2.0 ha per MW; use the project’s own capacity when known' } },
  },
  风电: {
    stands: 'cleared', gain: null, gainOn: [],
    avoided: { kind: 'wind', haPerMw: { value: 8, unit: 'ha/MW', status: 'assumption', source: 'assumption: the sample wind farms take 6.4–10 ha of land per MW; the whole site is counted as cleared, an upper bound (turbine pads, roads and the substation clear only part of a farm)' } },
  },
  造林: { stands: 'kept', gain: 'afforestation_curve', gainOn: PLANTABLE, avoided: null },
  碳汇造林: { stands: 'kept', gain: 'afforestation_curve', gainOn: PLANTABLE, avoided: null },
  修复: { stands: 'kept', gain: 'mine_restoration', gainOn: PLANTABLE, avoided: null },
  其他: { stands: 'cleared', gain: null, gainOn: [], avoided: null },
};

export interface SiteAvoided extends AvoidedEmissions { ha_per_mw: number }

export interface SiteCarbon {
  stands: SitePurpose['stands'];
  /** Signed change of the carbon stock the site makes to the stands it covers: −stock when it clears them, else 0. */
  stock_change_tCO2e: number;
  /** Signed change of the net annual sink of those stands: −sink when it clears them, else 0. */
  sink_change_tCO2e: number;
  /** Gain types: stands on land the gain cannot use (existing forest …), kept as they are and flagged, not a loss. */
  kept_mu: number;
  kept_stock_tCO2e: number;
  kept_sink_tCO2e: number;
  /** Gain types: the land the gain is counted on (the with/without comparison's area); 0 otherwise. */
  eligible_mu: number;
  avoided: SiteAvoided | null;
}

/** The convex parts of rings (from subtractFromParts) as parts to clip by. */
const asParts = (rings: ReturnType<typeof subtractFromParts>): ConvexPart[] =>
  rings.map((ring) => ({ ring, sign: convexOrientation(ring) || 1, box: bboxOf({ type: 'LineString', coordinates: ring })! }));

export interface EligibleInput {
  site: Feature<Areal>;
  siteM2: number;
  parts: ConvexPart[] | null;
  /** Stands the gain cannot use (their land class is not in gainOn), with their overlap. */
  unusable: readonly (TouchedStand & { geometry: Areal })[];
  /** Land the gain never counts: wetland polygons (whole) and the site's pieces under a 禁止 constraint. */
  excluded: readonly Areal[];
}

/**
 * The eligible area in m²: the site less the unusable stands, less wetlands and 禁止 zones outside those stands. With
 * convex parts the exclusions are clipped to what the stands leave, so land under two of them counts once. (Two
 * exclusions overlapping each other outside the stands — a wetland inside 永久基本农田 — would be counted twice: the
 * control lines do not overlap by design, and the result is never below 0.)
 */
export function eligibleM2(input: EligibleInput): number {
  const standsM2 = input.unusable.reduce((s, t) => s + t.m2, 0);
  const base = Math.max(0, input.siteM2 - standsM2);
  if (input.excluded.length === 0 || base <= 0) return base;
  if (!input.parts) {
    let out = 0;
    for (const g of input.excluded) for (const p of piecesInSite(input.site, null, g)) out += geodesicArea(p);
    return Math.max(0, base - out);
  }
  const free = asParts(subtractFromParts(input.parts, input.unusable.flatMap((t) => convexPiecesOf(t.geometry))));
  let out = 0;
  for (const g of input.excluded) for (const p of clipToParts(free, g)) out += geodesicArea(p);
  return Math.max(0, base - out);
}

export function siteCarbon(type: SiteType, stands: StandOverlap, kept: { m2: number; stock: number; sink: number }, eligible: number, siteM2: number, f: CarbonFactors): SiteCarbon {
  const purpose = SITE_PURPOSES[type];
  const cleared = purpose.stands === 'cleared';
  let avoided: SiteAvoided | null = null;
  if (purpose.avoided) {
    const mw = fromSquareMetres(siteM2, 'ha') / purpose.avoided.haPerMw.value;
    avoided = { ...avoidedEmissions(mw, purpose.avoided.kind, f), ha_per_mw: purpose.avoided.haPerMw.value };
  }
  return {
    stands: purpose.stands,
    // 0 − x would give −0 for a site without stands; the tables show "−0.0" for that.
    stock_change_tCO2e: cleared && stands.carbon_stock_tCO2e !== 0 ? -stands.carbon_stock_tCO2e : 0,
    sink_change_tCO2e: cleared && stands.annual_sink_tCO2e !== 0 ? -stands.annual_sink_tCO2e : 0,
    kept_mu: purpose.gain ? fromSquareMetres(kept.m2, 'mu') : 0,
    kept_stock_tCO2e: purpose.gain ? kept.stock : 0,
    kept_sink_tCO2e: purpose.gain ? kept.sink : 0,
    eligible_mu: purpose.gain ? fromSquareMetres(eligible, 'mu') : 0,
    avoided,
  };
}
