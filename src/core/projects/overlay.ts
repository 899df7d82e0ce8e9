// What lies under each parcel of a project: the inventory stands it meets (with the clipped area and stock), wetland and
// water, the part outside the county, other projects' parcels and the project's own other parcels, and the land cover
// where a raster lookup is given. This is the only geometry work of the project model; the eligibility rules and the
// baseline read the overlay, so they are pure and can be tested on hand-made overlays.
import type { Feature, Position } from 'geojson';
import type { CarbonFactors } from '../carbon/factors.ts';
import type { StandMethod } from '../carbon/stand.ts';
import { clipArea, type Areal } from '../analysis/clip.ts';
import { candidates, type IndexedLayer } from '../analysis/site-index.ts';
import { geodesicArea } from '../geo/measure.ts';
import { bboxOf } from '../geo/positions.ts';
import { isForest, type StandProperties } from '../inventory/schema.ts';
import type { ProjectFile, ProjectParcel } from './format.ts';

/** Shares (0–1) of a parcel's area by land-cover class, from the imagery's land-cover raster (zonal statistics). */
export interface LandCoverShares { forest?: number; water?: number; wetland?: number; built?: number; cropland?: number; other?: number }
/** The raster engineer's zonal statistics plug in here; null = the raster does not cover the parcel. */
export type LandCoverLookup = (parcel: { id: string; geometry: Areal }) => LandCoverShares | null;

export interface OtherProject { id: string; name: string; parcels: { id: string; geometry: Areal }[] }

export interface ProjectContext {
  factors: CarbonFactors;
  /** Stand carbon method for the baseline trees. */
  method: StandMethod;
  /** The forest inventory (小班), indexed (site-index.ts); an area of NaN is measured when first needed. */
  stands?: IndexedLayer;
  /** Wetland and water polygons (潋江 wetland park, rivers, reservoirs). */
  wetlands?: IndexedLayer[];
  /** The county outline; absent = not checked. */
  county?: { geometry: Areal } | null;
  otherProjects?: OtherProject[];
  landCover?: LandCoverLookup;
}

export type StandAttributes = Pick<StandProperties, 'id' | 'land_class' | 'canopy' | 'species' | 'origin' | 'age_group' | 'stock_m3'> & { species_raw?: string | null };

export interface StandHit {
  stand: StandAttributes;
  forest: boolean;
  /** Area of the stand inside the parcel, and the stand's whole area, m². */
  area_m2: number;
  stand_area_m2: number;
}

export interface ParcelOverlay {
  id: string;
  area_m2: number;
  stands: StandHit[];
  wetland_m2: number;
  /** Area outside the county, m²; null when no outline was given. */
  outside_county_m2: number | null;
  other_projects: { project: string; parcel: string; area_m2: number }[];
  /** Overlaps with earlier parcels of the same project. */
  same_project: { parcel: string; area_m2: number }[];
  /** undefined: no land-cover lookup; null: the raster does not cover the parcel. */
  land_cover?: LandCoverShares | null;
}

const asFeature = (g: Areal): Feature<Areal> => ({ type: 'Feature', geometry: g, properties: {} });

function measured(layer: IndexedLayer, i: number): number {
  let a = layer.areas[i];
  if (!Number.isFinite(a)) {
    a = geodesicArea(layer.features[i].geometry);
    layer.areas[i] = a;
  }
  return a;
}

function clipLayer(layer: IndexedLayer, site: Feature<Areal>): { i: number; m2: number }[] {
  const box = bboxOf(site.geometry);
  if (!box) return [];
  const out: { i: number; m2: number }[] = [];
  for (const i of candidates(layer, box)) {
    const m2 = clipArea(site, layer.features[i].geometry, measured(layer, i));
    if (m2 > 0) out.push({ i, m2 });
  }
  return out;
}

/** Ray casting, for the quick "every vertex inside the county" test. */
function inRing(p: Position, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > p[1]) !== (yj > p[1]) && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inAreal(p: Position, g: Areal): boolean {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.some((rings) => inRing(p, rings[0]) && !rings.slice(1).some((h) => inRing(p, h)));
}

function outsideCounty(parcel: Areal, area: number, county: Areal): number {
  const polys = parcel.type === 'Polygon' ? [parcel.coordinates] : parcel.coordinates;
  // Every vertex inside: the parcel is taken as inside (a county edge poking between two vertices of a parcel is below
  // the outline's own ~100 m generalisation). Otherwise the exact clip.
  if (polys.every((rings) => rings[0].every((p) => inAreal(p, county)))) return 0;
  return Math.max(0, area - clipArea(asFeature(parcel), county));
}

function standAttributes(p: Record<string, unknown>): StandAttributes {
  return {
    id: String(p.id ?? ''), land_class: p.land_class as StandAttributes['land_class'], canopy: Number(p.canopy) || 0,
    species: p.species as StandAttributes['species'], species_raw: (p.species_raw as string | null | undefined) ?? null,
    origin: p.origin as StandAttributes['origin'], age_group: (p.age_group as StandAttributes['age_group']) ?? null, stock_m3: Number(p.stock_m3) || 0,
  };
}

/** The overlay of one parcel. `earlier`: the parcels of the same project before it (an overlap is reported once). */
export function overlayParcel(parcel: Pick<ProjectParcel, 'id' | 'geometry'>, ctx: ProjectContext, earlier: readonly Pick<ProjectParcel, 'id' | 'geometry'>[] = []): ParcelOverlay {
  const g = parcel.geometry;
  const site = asFeature(g);
  const area = geodesicArea(g);
  const stands: StandHit[] = ctx.stands ? clipLayer(ctx.stands, site).map(({ i, m2 }) => {
    const stand = standAttributes((ctx.stands!.features[i].properties ?? {}) as Record<string, unknown>);
    return { stand, forest: isForest(stand), area_m2: m2, stand_area_m2: measured(ctx.stands!, i) };
  }) : [];
  let wetland = 0;
  for (const layer of ctx.wetlands ?? []) for (const { m2 } of clipLayer(layer, site)) wetland += m2;
  const other_projects = (ctx.otherProjects ?? []).flatMap((p) => p.parcels.map((q) => ({ project: p.id, parcel: q.id, area_m2: clipArea(site, q.geometry) })))
    .filter((o) => o.area_m2 > 0);
  const same_project = earlier.map((q) => ({ parcel: q.id, area_m2: clipArea(site, q.geometry) })).filter((o) => o.area_m2 > 0);
  return {
    id: parcel.id, area_m2: area, stands, wetland_m2: Math.min(wetland, area),
    outside_county_m2: ctx.county ? outsideCounty(g, area, ctx.county.geometry) : null,
    other_projects, same_project,
    ...(ctx.landCover ? { land_cover: ctx.landCover({ id: parcel.id, geometry: g }) } : {}),
  };
}

export function overlayProject(project: Pick<ProjectFile, 'parcels'>, ctx: ProjectContext): ParcelOverlay[] {
  return project.parcels.map((p, i) => overlayParcel(p, ctx, project.parcels.slice(0, i)));
}
