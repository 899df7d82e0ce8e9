// One registry, keyed by file extension. Adding a format = one module + one line here.
import { ImportError } from './errors.ts';
import { importGeoJson } from './geojson.ts';
import { importShapefileZip } from './shapefile.ts';
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
