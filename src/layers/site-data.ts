// The files site analysis reads and the index built from them, one loader for the planner's worker (over HTTP) and the
// server (from its data folder): the stands — the pipeline's binary columns and geometry when both are present
// (200k stands ~36 MB instead of a 131 MB stands.geojson, and no area pass), else stands.geojson through the shared
// normalisation — the county, the townships, and every overlap and constraint layer of the registry.
import type { FeatureCollection } from 'geojson';
import { buildSiteIndex, type SiteIndex } from '../core/analysis/site-index.ts';
import { readStandColumns, STAND_COLUMNS_FILE } from '../core/io/binary/stand-columns.ts';
import { readStandGeometry, STAND_GEOMETRY_FILE } from '../core/io/binary/stand-geometry.ts';
import { normaliseStands } from '../core/inventory/normalise.ts';
import { computeAreas, type PlanLayers } from '../core/plan/layers.ts';
import { constraintLayers, constraintSources, overlapLayers, overlapSources, planLayerFiles } from './analysis-roles.ts';
import { LAYERS } from './registry.ts';
import type { LayerDef } from './types.ts';

/** A file of the data folder by name: its bytes, or undefined when it does not exist (other failures throw). */
export type ReadDataFile = (file: string) => Promise<Uint8Array | undefined>;

async function readJson(read: ReadDataFile, file: string): Promise<FeatureCollection | undefined> {
  const bytes = await read(file);
  if (!bytes) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as FeatureCollection;
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

async function binaryStands(read: ReadDataFile) {
  const [columnBytes, geometryBytes] = await Promise.all([read(STAND_COLUMNS_FILE), read(STAND_GEOMETRY_FILE)]);
  if (!columnBytes || !geometryBytes) return undefined;
  const columns = readStandColumns(columnBytes);
  const { source, geometries } = readStandGeometry(geometryBytes);
  if (geometries.length !== columns.count || source.sha1 !== columns.source.sha1) {
    throw new Error(`${STAND_GEOMETRY_FILE}: made from another stands.geojson than ${STAND_COLUMNS_FILE} (run npm run data)`);
  }
  const features = columns.stands.features.map((f, i) => ({ ...f, geometry: geometries[i] }));
  return { stands: { type: 'FeatureCollection', features } as unknown as PlanLayers['stands'], areas: columns.areas };
}

/** Reads the files of `layers` (default: the registry) and builds the site index. */
export async function loadSiteIndex(read: ReadDataFile, layers: LayerDef[] = LAYERS): Promise<SiteIndex> {
  const plan = planLayerFiles(layers);
  const binary = await binaryStands(read);
  const files: [string, string][] = [['county', plan.county]];
  if (!binary) files.push(['stands', plan.stands]);
  if (plan.townships) files.push(['townships', plan.townships]);
  for (const o of overlapLayers(layers)) files.push([o.key, o.file]);
  for (const c of constraintLayers(layers)) files.push([c.id, c.file]);
  const entries = await Promise.all(files.map(async ([key, file]) => [key, await readJson(read, file)] as const));
  const loaded = Object.fromEntries(entries.filter(([, fc]) => fc)) as Record<string, FeatureCollection | undefined>;
  if (!binary && !loaded.stands) throw new Error(`${plan.stands}: not found (and no ${STAND_COLUMNS_FILE})`);
  const planLayers = loaded as unknown as PlanLayers;
  planLayers.county ??= { type: 'FeatureCollection', features: [] };
  const overlaps = overlapSources(loaded, layers);
  const constraints = constraintSources(loaded as never, layers);
  if (!binary) {
    // The shared normalisation, as for every consumer (二类 field names and codes → the schema; schema stands pass through).
    const areas = computeAreas(planLayers);
    const stands = { type: 'FeatureCollection', features: normaliseStands(planLayers.stands.features, areas.stands).features } as PlanLayers['stands'];
    return buildSiteIndex({ ...planLayers, stands }, areas, overlaps, constraints);
  }
  // Only the small layers are measured here; the stands' areas come with the columns (same geodesicArea, at build time).
  const areas = { ...computeAreas({ ...planLayers, stands: { type: 'FeatureCollection', features: [] } }), stands: binary.areas };
  return buildSiteIndex({ ...planLayers, stands: binary.stands }, areas, overlaps, constraints);
}
