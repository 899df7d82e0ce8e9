// The layers a project is checked against, from what an app or CLI has loaded: the stands, wetland and water polygons,
// the county outline, other projects and an optional land-cover lookup. Areas are measured only for the features a
// parcel meets (a county has 30,000 stands; a project a few dozen parcels).
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { isAreal, type Areal } from '../analysis/clip.ts';
import { indexLayer, type IndexedLayer } from '../analysis/site-index.ts';
import { DEFAULT_FACTORS, type CarbonFactors } from '../carbon/factors.ts';
import type { StandMethod } from '../carbon/stand.ts';
import type { ProjectFile } from './format.ts';
import type { LandCoverLookup, OtherProject, ProjectContext } from './overlay.ts';

type FC = FeatureCollection<Geometry | null, unknown>;

/** An index whose areas are measured on first use (overlay.ts). */
export function lazyIndex(features: readonly Feature<Geometry | null, unknown>[], areas?: Float64Array): IndexedLayer {
  return indexLayer(features as Feature<Geometry | null, unknown>[], areas ?? new Float64Array(features.length).fill(NaN));
}

export interface ContextLayers {
  stands?: FC | IndexedLayer;
  wetlands?: (FC | IndexedLayer)[];
  county?: FC | null;
}

const asIndex = (x: FC | IndexedLayer): IndexedLayer => ('boxes' in x ? x : lazyIndex(x.features));

export function projectContext(
  layers: ContextLayers,
  opt: { factors?: CarbonFactors; method?: StandMethod; otherProjects?: OtherProject[]; landCover?: LandCoverLookup } = {},
): ProjectContext {
  const countyGeom = layers.county?.features.find((f) => isAreal(f.geometry))?.geometry as Areal | undefined;
  return {
    factors: opt.factors ?? DEFAULT_FACTORS,
    method: opt.method ?? 'ipcc_bef',
    ...(layers.stands ? { stands: asIndex(layers.stands) } : {}),
    ...(layers.wetlands?.length ? { wetlands: layers.wetlands.map(asIndex) } : {}),
    ...(countyGeom ? { county: { geometry: countyGeom } } : {}),
    ...(opt.otherProjects ? { otherProjects: opt.otherProjects } : {}),
    ...(opt.landCover ? { landCover: opt.landCover } : {}),
  };
}

/** Another project's parcels, for the no-overlap rule (a saved project file). */
export function otherProjectOf(p: ProjectFile, fallbackId: string): OtherProject {
  return { id: p.id ?? fallbackId, name: p.name, parcels: p.parcels.map((q) => ({ id: q.id, geometry: q.geometry })) };
}
