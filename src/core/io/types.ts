// Shared shapes for every importer. Importers are pure functions (no fs, no DOM) so the same code
// runs in the CLI, in tests and in the browser's import worker.
import type { Feature, Geometry } from 'geojson';

/** How the coordinate system was decided: read from a .prj/crs member, assumed from the numbers, chosen by the user, or the format's default. */
export type CrsHow = 'prj' | 'assumed' | 'user' | 'default';

export interface CrsInfo {
  /** 'EPSG:4525' when the definition matches a known code, else 'custom'. */
  id: string;
  name: string;
  how: CrsHow;
  /** The proj4 definition that was used to reproject to lon/lat (absent when the data already was lon/lat). */
  proj4?: string;
}

export interface ImportReport {
  /** Features (records, placemarks, rows) read from the file, before any rejection. */
  read: number;
  fixed: { index: number; what: string }[];
  rejected: { index: number; why: string }[];
  warnings: string[];
}

export interface ImportResult {
  /** Features in lon/lat (WGS84 ≈ CGCS2000), RFC 7946 winding. */
  features: Feature<Geometry | null>[];
  /** sourceIndex[i] is the position in the file of features[i] (rejected features leave gaps). */
  sourceIndex: number[];
  crs: CrsInfo;
  encoding?: string;
  report: ImportReport;
}

export interface ImportLimits {
  /** Largest input file accepted, in bytes. */
  maxBytes: number;
  maxFeatures: number;
  maxVertices: number;
  /** Entries in a zip (KMZ, zipped shapefile). */
  maxZipEntries: number;
  /** Total declared uncompressed size of the entries we unpack. */
  maxUnzippedBytes: number;
  /** Uncompressed/compressed ratio above which an entry is treated as a zip bomb. */
  maxZipRatio: number;
  /** Longest CSV cell; an unclosed quote otherwise swallows the whole file into one cell. */
  maxCellChars: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxBytes: 200 * 1024 * 1024,
  maxFeatures: 1_000_000,
  maxVertices: 20_000_000,
  maxZipEntries: 1000,
  maxUnzippedBytes: 1024 * 1024 * 1024,
  maxZipRatio: 1000,
  maxCellChars: 10_000,
};

export interface ImportOptions {
  /** A CRS chosen by the user: 'EPSG:4525', '4525' or a proj4 string. Overrides .prj and guessing. */
  crs?: string;
  /** Text encoding chosen by the user ('gbk', 'utf-8', …). Overrides .cpg and detection. */
  encoding?: string;
  limits?: Partial<ImportLimits>;
}

export type Importer = (fileName: string, bytes: Uint8Array, options?: ImportOptions) => ImportResult;

export function resolveLimits(options?: ImportOptions): ImportLimits {
  return { ...DEFAULT_LIMITS, ...(options?.limits ?? {}) };
}
