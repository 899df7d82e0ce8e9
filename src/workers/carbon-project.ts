// The planner worker's part for carbon-sink projects (issue 27, docs/carbon-projects.md): runs the core's runProject
// on the layers `npm run project` reads — the release's stands (the planner's site index, already loaded for site
// analysis), wetlands.geojson, water.geojson and county.geojson of the data folder — so the page's report is the CLI's
// for the same project file; and finds the release stand under a map click (a parcel picked on the map).
import type { FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { candidates, type SiteIndex } from '../core/analysis/site-index.ts';
import type { StandProperties } from '../core/inventory/schema.ts';
import { otherProjectOf, projectContext } from '../core/projects/context.ts';
import { parseProject, ProjectFileError, type ProjectFile } from '../core/projects/format.ts';
import { runProject, type ProjectReport } from '../core/projects/run.ts';
import { hits } from '../planner/reference/pick-index.ts';

type FC = FeatureCollection<Geometry | null>;
export type ReadFile = (file: string) => Promise<Uint8Array | undefined>;

let extra: Promise<{ wetlands: FC[]; county: FC | null }> | null = null;

async function readFc(read: ReadFile, file: string): Promise<FC | undefined> {
  const bytes = await read(file);
  if (!bytes) return undefined;
  return JSON.parse(new TextDecoder().decode(bytes)) as FC;
}

function extraLayers(read: ReadFile) {
  extra ??= Promise.all([readFc(read, 'wetlands.geojson'), readFc(read, 'water.geojson'), readFc(read, 'county.geojson')])
    .then(([w, water, county]) => ({ wetlands: [w, water].filter((x): x is FC => !!x), county: county ?? null }));
  extra.catch(() => { extra = null; });
  return extra;
}

export type ProjectRunOutcome = { ok: true; report: ProjectReport; ms: number } | { ok: false; field: string; problem: string };

/** The report of `project` (a draft: checked here by parseProject; a bad field comes back, never a throw). */
export async function runProjectIn(idx: SiteIndex, read: ReadFile, project: unknown, others: unknown[]): Promise<ProjectRunOutcome> {
  let file: ProjectFile;
  try {
    file = parseProject(project);
  } catch (e) {
    if (e instanceof ProjectFileError) return { ok: false, field: e.field, problem: e.problem };
    throw e;
  }
  const t0 = performance.now();
  const { wetlands, county } = await extraLayers(read);
  const otherProjects = others.flatMap((o, i) => { try { return [otherProjectOf(parseProject(o), `other-${i + 1}`)]; } catch { return []; } });
  const ctx = projectContext({ stands: idx.stands, wetlands, county }, { ...(others.length ? { otherProjects } : {}) });
  const report = runProject(file, ctx);
  return { ok: true, report, ms: performance.now() - t0 };
}

export interface StandAt { stand_id: string; land_class: string; species: string; geometry: Polygon | MultiPolygon }

/** The release stand under lon/lat (the smallest when several meet there), or null. */
export function standAt(idx: SiteIndex, lon: number, lat: number): StandAt | null {
  let best: StandAt | null = null;
  let bestArea = Infinity;
  for (const i of candidates(idx.stands, [lon, lat, lon, lat])) {
    const f = idx.stands.features[i];
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon') || !hits(g, lon, lat, 0)) continue;
    const a = idx.stands.areas[i];
    if (a < bestArea || best === null) {
      const p = f.properties as unknown as StandProperties;
      best = { stand_id: String(p.id), land_class: String(p.land_class), species: String(p.species), geometry: g };
      bestArea = a;
    }
  }
  return best;
}
