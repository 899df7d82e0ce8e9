// Reading zips (zipped shapefiles, KMZ) without trusting them: entry count, declared sizes and compression
// ratio are checked before anything is inflated, so a zip bomb fails fast with a clear message.
import { unzipSync } from 'fflate';
import { ImportError, describeError } from './errors.ts';
import type { ImportLimits } from './types.ts';

export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

class Refused extends Error {}

/** Entries whose names pass `wanted`, by full entry name. Skips folders and macOS resource forks. */
export function readZip(
  fileName: string,
  bytes: Uint8Array,
  limits: ImportLimits,
  wanted: (entryName: string) => boolean,
  expected: string,
): { entries: Map<string, Uint8Array>; names: string[] } {
  if (!looksLikeZip(bytes)) throw new ImportError(fileName, `not a zip file (expected ${expected})`);
  const names: string[] = [];
  let total = 0;
  let out: Record<string, Uint8Array>;
  try {
    out = unzipSync(bytes, {
      filter(file) {
        names.push(file.name);
        if (names.length > limits.maxZipEntries) throw new Refused(`the zip has more than ${limits.maxZipEntries} entries (the limit)`);
        if (file.name.endsWith('/') || file.name.startsWith('__MACOSX/') || /(^|\/)\._/.test(file.name) || !wanted(file.name)) return false;
        total += file.originalSize;
        if (total > limits.maxUnzippedBytes) {
          throw new Refused(`the zip unpacks to more than ${Math.round(limits.maxUnzippedBytes / 1048576)} MB (the limit); possible zip bomb`);
        }
        const ratio = file.originalSize / Math.max(file.size, 1);
        if (file.originalSize > 1024 * 1024 && ratio > limits.maxZipRatio) {
          throw new Refused(`entry ${file.name} is compressed ${Math.round(ratio)}:1, over the ${limits.maxZipRatio}:1 limit; possible zip bomb`);
        }
        return true;
      },
    });
  } catch (e) {
    if (e instanceof Refused) throw new ImportError(fileName, e.message);
    throw new ImportError(fileName, `truncated or corrupt zip (${describeError(e)})`);
  }
  return { entries: new Map(Object.entries(out)), names };
}

/** Lower-case extension of a zip entry name. */
export function entryExt(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot >= 0 && dot > name.lastIndexOf('/') ? name.slice(dot).toLowerCase() : '';
}

/** Entry name without its extension (the shapefile "base name"), lower-cased for matching. */
export function entryBase(name: string): string {
  const ext = entryExt(name);
  return (ext ? name.slice(0, -ext.length) : name).toLowerCase();
}
