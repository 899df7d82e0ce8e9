// rasters.json in a data release: the one list of the release's rasters, written by the sample generator and by
// `npm run data:raster`, read by the CLIs (zonal, change) and — for the map, the legend and the swipe — by the layer
// registry. Each entry says what the raster is (kind, year, classes or value ramp), where it is (file relative to the
// release, CRS, grid, lon/lat bounds) and who may see it (audience). Pure; parseRasterManifest checks every field and
// names the entry and the field that is wrong.
import type { RasterClass } from './classes.ts';
import { parseClassTable } from './classes.ts';
import type { RasterDataType } from './read.ts';

export const RASTER_MANIFEST_FILE = 'rasters.json';
export const RASTER_MANIFEST_FORMAT = 'xingguo-rasters-1';

export type RasterKind = 'imagery' | 'categorical' | 'continuous';
export const RASTER_KINDS: readonly RasterKind[] = ['imagery', 'categorical', 'continuous'];

export interface RasterEntry {
  /** Unique in the release, [a-z0-9-]: e.g. "landcover-2025". */
  id: string;
  kind: RasterKind;
  year: number;
  name: { zh: string; en: string };
  /** The Cloud-Optimised GeoTIFF in the raster's own CRS and grid, relative to the release folder (forward slashes). */
  file: string;
  /**
   * A copy in Web Mercator (EPSG:3857, GoogleMapsCompatible tiling) for the map, when the import could make one with
   * GDAL's gdalwarp (browser COG readers such as @geomatico/maplibre-cog-protocol draw only EPSG:3857). Statistics
   * always use `file`.
   */
  display_file?: string;
  /** "EPSG:4547" — always a CRS of the import's table (src/core/geo/crs.ts). */
  crs: string;
  width: number;
  height: number;
  /** GDAL order [originX, pixelWidth, 0, originY, 0, pixelHeight]. */
  geotransform: [number, number, number, number, number, number];
  /** Lon/lat (CGCS2000 ≈ WGS84) [west, south, east, north]. */
  bounds: [number, number, number, number];
  bands: number;
  data_type: RasterDataType;
  nodata: number | null;
  /** Categorical rasters: the class table (value, key, zh/en name, colour, carbon role). */
  classes?: RasterClass[];
  /** Continuous rasters: the value range and colours of the ramp, low to high. */
  ramp?: { min: number; max: number; colours: string[] };
  /** 'internal' (bureau only, the default) or 'public'. */
  audience: 'internal' | 'public';
  /** True for the synthetic sample (模拟数据). */
  sample_data: boolean;
  /** Where it came from: the input file name and SHA-256, or the generator. */
  source: { file?: string; sha256?: string; made_by?: string; imported_at?: string; converted_with?: string };
}

export interface RasterManifest {
  format: typeof RASTER_MANIFEST_FORMAT;
  rasters: RasterEntry[];
}

export function emptyManifest(): RasterManifest {
  return { format: RASTER_MANIFEST_FORMAT, rasters: [] };
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Parses and checks rasters.json; throws "<file>: raster <n> (<id>): <field> …". */
export function parseRasterManifest(text: string, file = RASTER_MANIFEST_FILE): RasterManifest {
  let json: { format?: unknown; rasters?: unknown };
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  if (json?.format !== RASTER_MANIFEST_FORMAT) throw new Error(`${file}: "format" must be "${RASTER_MANIFEST_FORMAT}"`);
  if (!Array.isArray(json.rasters)) throw new Error(`${file}: "rasters" must be a list`);
  const ids = new Set<string>();
  const rasters = json.rasters.map((raw, i): RasterEntry => {
    const r = raw as Partial<RasterEntry>;
    const where = `${file}: raster ${i + 1}${typeof r?.id === 'string' ? ` (${r.id})` : ''}`;
    const bad = (field: string, want: string): never => { throw new Error(`${where}: "${field}" ${want}`); };
    if (typeof r !== 'object' || r === null) bad('entry', 'must be an object');
    if (typeof r.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(r.id)) bad('id', 'must be lower-case letters, digits and dashes');
    if (ids.has(r.id!)) bad('id', 'appears twice');
    ids.add(r.id!);
    if (!RASTER_KINDS.includes(r.kind as RasterKind)) bad('kind', `must be ${RASTER_KINDS.join(', ')}`);
    if (!Number.isInteger(r.year) || r.year! < 1900 || r.year! > 2100) bad('year', 'must be a year');
    if (!r.name || typeof r.name.zh !== 'string' || typeof r.name.en !== 'string') bad('name', 'must be {"zh": …, "en": …}');
    if (typeof r.file !== 'string' || !/\.tiff?$/i.test(r.file) || r.file.includes('..') || r.file.startsWith('/')) bad('file', 'must be a .tif path inside the release');
    if (r.display_file !== undefined && (typeof r.display_file !== 'string' || !/\.tiff?$/i.test(r.display_file) || r.display_file.includes('..') || r.display_file.startsWith('/'))) bad('display_file', 'must be a .tif path inside the release');
    if (typeof r.crs !== 'string' || !/^EPSG:\d{4,5}$/.test(r.crs)) bad('crs', 'must be "EPSG:<code>"');
    if (!Number.isInteger(r.width) || r.width! <= 0 || !Number.isInteger(r.height) || r.height! <= 0) bad('width/height', 'must be positive whole numbers');
    if (!Array.isArray(r.geotransform) || r.geotransform.length !== 6 || !r.geotransform.every(isNum)) bad('geotransform', 'must be 6 numbers');
    if (!Array.isArray(r.bounds) || r.bounds.length !== 4 || !r.bounds.every(isNum)) bad('bounds', 'must be [west, south, east, north]');
    if (!Number.isInteger(r.bands) || r.bands! < 1) bad('bands', 'must be ≥ 1');
    if (r.nodata !== null && !isNum(r.nodata)) bad('nodata', 'must be a number or null');
    if (r.kind === 'categorical') {
      if (!Array.isArray(r.classes)) bad('classes', 'must list the class table of a categorical raster');
      r.classes = parseClassTable(JSON.stringify(r.classes), `${where} classes`);
    }
    if (r.kind === 'continuous' && r.ramp && (!isNum(r.ramp.min) || !isNum(r.ramp.max) || !Array.isArray(r.ramp.colours))) bad('ramp', 'must be {min, max, colours}');
    if (r.audience !== 'internal' && r.audience !== 'public') bad('audience', 'must be "internal" or "public"');
    return r as RasterEntry;
  });
  return { format: RASTER_MANIFEST_FORMAT, rasters };
}

/** The manifest with `entry` added, replacing an entry of the same id. */
export function withEntry(manifest: RasterManifest, entry: RasterEntry): RasterManifest {
  return { ...manifest, rasters: [...manifest.rasters.filter((r) => r.id !== entry.id), entry] };
}

/** The categorical raster of a year (the land cover the change detection compares). */
export function categoricalOfYear(manifest: RasterManifest, year: number): RasterEntry | undefined {
  return manifest.rasters.find((r) => r.kind === 'categorical' && r.year === year);
}
