// One registry, keyed by file extension. Adding a format = one module + one line here.
import { ImportError } from './errors.ts';
import { importGeoJson } from './geojson.ts';
import { importShapefileZip } from './shapefile.ts';
import { importKml } from './kml.ts';
import { importGpx } from './gpx.ts';
import { importCsv } from './csv.ts';
import type { Importer, ImportOptions, ImportResult } from './types.ts';

export interface FormatEntry {
  /** Human name for dialogs and messages. */
  label: string;
  importer: Importer;
}

const REGISTRY: Record<string, FormatEntry> = {
  '.geojson': { label: 'GeoJSON', importer: importGeoJson },
  '.json': { label: 'GeoJSON', importer: importGeoJson },
  '.zip': { label: 'ESRI Shapefile (zipped)', importer: importShapefileZip },
  '.kml': { label: 'KML', importer: importKml },
  '.kmz': { label: 'KMZ', importer: importKml },
  '.gpx': { label: 'GPX', importer: importGpx },
  '.csv': { label: 'CSV', importer: importCsv },
  '.tsv': { label: 'CSV (tab-separated)', importer: importCsv },
};

/** Lower-case extension with the dot ('.kmz'), or '' when the name has none. */
export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

export function supportedExtensions(): string[] {
  return Object.keys(REGISTRY);
}

export function formatFor(fileName: string): FormatEntry | undefined {
  return REGISTRY[extensionOf(fileName)];
}

/** Import any supported file; the importer is chosen by extension. */
export function importFile(fileName: string, bytes: Uint8Array, options?: ImportOptions): ImportResult {
  const entry = formatFor(fileName);
  if (!entry) {
    const ext = extensionOf(fileName) || '(no extension)';
    throw new ImportError(fileName, `unsupported file type ${ext}; supported: ${supportedExtensions().join(' ')}`);
  }
  return entry.importer(fileName, bytes, options);
}
