// The rasters of a release on disk: reading rasters.json, finding the entry a .tif belongs to, opening a raster file.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { emptyManifest, parseRasterManifest, RASTER_MANIFEST_FILE, type RasterEntry, type RasterManifest } from '../../src/core/raster/manifest.ts';
import { openGeoTiff, RasterError, type RasterReader } from '../../src/core/raster/read.ts';

/** rasters.json of a release folder (an empty list when the release has none). */
export function readManifest(releaseDir: string): RasterManifest {
  const file = join(releaseDir, RASTER_MANIFEST_FILE);
  return existsSync(file) ? parseRasterManifest(readFileSync(file, 'utf8'), file) : emptyManifest();
}

/** The manifest entry of a raster file, looked up in rasters.json of its folder or the folder above. */
export function entryForFile(file: string): RasterEntry | undefined {
  const abs = resolve(file);
  for (const dir of [dirname(abs), dirname(dirname(abs))]) {
    if (!existsSync(join(dir, RASTER_MANIFEST_FILE))) continue;
    try {
      const rel = relative(dir, abs).split(sep).join('/');
      const hit = readManifest(dir).rasters.find((r) => r.file === rel);
      if (hit) return hit;
    } catch {
      // a broken rasters.json elsewhere does not stop a command that names its raster file directly
    }
  }
  return undefined;
}

/** Opens a GeoTIFF file; a missing or unreadable file is a RasterError naming it. */
export async function openRasterFile(file: string): Promise<RasterReader> {
  if (!existsSync(file)) throw new RasterError(file, 'no such file');
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new RasterError(file, (e as NodeJS.ErrnoException).code === 'EISDIR' ? 'is a directory' : (e as Error).message);
  }
  if (bytes.length === 0) throw new RasterError(file, 'the file is empty');
  return openGeoTiff(bytes, file);
}
