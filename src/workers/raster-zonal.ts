// Zonal statistics inside a worker (the planner's and the raster worker): the release's rasters.json once, one reader
// per raster (it keeps the COG's header and decoder; each zone then fetches only the tiles its window needs, by HTTP
// Range), and the zones of the bureau's layers by id (a stand from the binary stand files, a township, the county).
// The numbers come from src/core/raster (zonal.ts: GDAL's pixel-centre rule, CGCS2000 pixel footprints).
import type { Feature, Geometry, MultiPolygon, Position } from 'geojson';
import { readStandColumns, STAND_COLUMNS_FILE } from '../core/io/binary/stand-columns.ts';
import { readStandGeometry, STAND_GEOMETRY_FILE } from '../core/io/binary/stand-geometry.ts';
import { parseRasterManifest, RASTER_MANIFEST_FILE, type RasterManifest } from '../core/raster/manifest.ts';
import { pixelAreas, type PixelAreas } from '../core/raster/pixel-area.ts';
import { openGeoTiffUrl, type RasterReader } from '../core/raster/read.ts';
import { zonalFromReader, type CategoricalZoneStats, type ContinuousZoneStats } from '../core/raster/zonal.ts';
import { summariseCategorical, summariseContinuous, summaryRasters, type ZoneSummary } from '../core/raster/zone-summary.ts';
import { planLayerFiles } from '../layers/analysis-roles.ts';

const manifests = new Map<string, Promise<RasterManifest | null>>();
const readers = new Map<string, Promise<{ reader: RasterReader; areas: PixelAreas }>>();

/** The release's rasters.json, or null when the release has none (no raster: no statistics, no error). */
function manifestOf(base: string): Promise<RasterManifest | null> {
  let m = manifests.get(base);
  if (!m) {
    m = fetch(new URL(RASTER_MANIFEST_FILE, base)).then(async (r) => {
      if (r.status === 404) return null;
      if (!r.ok) throw new Error(`${RASTER_MANIFEST_FILE}: HTTP ${r.status}`);
      return parseRasterManifest(await r.text(), RASTER_MANIFEST_FILE);
    });
    m.catch(() => manifests.delete(base));
    manifests.set(base, m);
  }
  return m;
}

function readerOf(url: string): Promise<{ reader: RasterReader; areas: PixelAreas }> {
  let r = readers.get(url);
  if (!r) {
    r = openGeoTiffUrl(url).then((reader) => ({ reader, areas: pixelAreas(reader.info.grid) }));
    r.catch(() => readers.delete(url));
    readers.set(url, r);
  }
  return r;
}

/** For each geometry, its summaries on the release's latest land cover and continuous rasters ([] without rasters). */
export async function zoneSummaries(base: string, geometries: readonly (Geometry | null)[]): Promise<ZoneSummary[][]> {
  const manifest = await manifestOf(base);
  const out: ZoneSummary[][] = geometries.map(() => []);
  if (!manifest) return out;
  for (const entry of summaryRasters(manifest)) {
    const { reader, areas } = await readerOf(new URL(entry.file, base).href);
    if (entry.kind === 'categorical') {
      const stats = (await zonalFromReader(reader, geometries, 'categorical', { areas })) as CategoricalZoneStats[];
      stats.forEach((s, i) => out[i].push(summariseCategorical(entry, s)));
    } else {
      const stats = (await zonalFromReader(reader, geometries, 'continuous')) as ContinuousZoneStats[];
      stats.forEach((s, i) => out[i].push(summariseContinuous(entry, s)));
    }
  }
  return out;
}

export type ZoneTarget = { kind: 'stand'; id: string } | { kind: 'township'; code: string } | { kind: 'county' };

const stands = new Map<string, Promise<{ index: Map<string, number>; geometries: (Geometry | null)[] } | null>>();
const collections = new Map<string, Promise<Feature[]>>();

async function bytesOf(base: string, file: string): Promise<Uint8Array | null> {
  const r = await fetch(new URL(file, base));
  if (r.status === 404) return null;
  if (!r.ok) throw new Error(`${file}: HTTP ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

function featuresOf(base: string, file: string): Promise<Feature[]> {
  const key = `${base}|${file}`;
  let p = collections.get(key);
  if (!p) {
    p = fetch(new URL(file, base)).then(async (r) => {
      if (!r.ok) throw new Error(`${file}: HTTP ${r.status}`);
      return ((await r.json()) as { features: Feature[] }).features;
    });
    p.catch(() => collections.delete(key));
    collections.set(key, p);
  }
  return p;
}

/** The stands' full polygons (the map's vector tiles are clipped at tile edges): from the binary files when present. */
function standIndex(base: string) {
  let p = stands.get(base);
  if (!p) {
    p = Promise.all([bytesOf(base, STAND_COLUMNS_FILE), bytesOf(base, STAND_GEOMETRY_FILE)]).then(async ([c, g]) => {
      if (c && g) {
        const columns = readStandColumns(c);
        const { geometries } = readStandGeometry(g);
        return { index: new Map(columns.stands.features.map((f, i) => [String(f.properties.id), i])), geometries: geometries as (Geometry | null)[] };
      }
      const features = await featuresOf(base, planLayerFiles().stands);
      return { index: new Map(features.map((f, i) => [String(f.properties?.id), i])), geometries: features.map((f) => f.geometry) };
    });
    p.catch(() => stands.delete(base));
    stands.set(base, p);
  }
  return p;
}

function unionOf(features: Feature[]): MultiPolygon {
  const polygons: Position[][][] = [];
  for (const f of features) {
    const g = f.geometry;
    if (g?.type === 'Polygon') polygons.push(g.coordinates);
    else if (g?.type === 'MultiPolygon') polygons.push(...g.coordinates);
  }
  return { type: 'MultiPolygon', coordinates: polygons };
}

/** The geometry of a stand, a township or the county, or null when the release has no such feature. */
export async function zoneGeometry(base: string, target: ZoneTarget): Promise<Geometry | null> {
  const files = planLayerFiles();
  if (target.kind === 'stand') {
    const s = await standIndex(base);
    const i = s?.index.get(target.id);
    return i === undefined ? null : s!.geometries[i];
  }
  if (target.kind === 'township') {
    const f = (await featuresOf(base, files.townships)).find((t) => String(t.properties?.code) === target.code);
    return f?.geometry ?? null;
  }
  const county = await featuresOf(base, files.county);
  return county.length ? unionOf(county) : null;
}

/** Summaries of a stand, a township or the county (null when the feature is not in the release). */
export async function targetSummaries(base: string, target: ZoneTarget): Promise<{ summaries: ZoneSummary[]; ms: number } | null> {
  const t0 = performance.now();
  const g = await zoneGeometry(base, target);
  if (!g) return null;
  const [summaries] = await zoneSummaries(base, [g]);
  return { summaries, ms: performance.now() - t0 };
}
