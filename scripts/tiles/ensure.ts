// Rebuild the stand tiles and columns only when missing, made by another builder version, or made from a different
// stands.geojson (size + SHA-1). Used by scripts/ensure-data.ts (npm start, npm test) and the stress data script.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STAND_COLUMNS_FILE } from '../../src/core/io/binary/stand-columns.ts';
import { STAND_GEOMETRY_FILE } from '../../src/core/io/binary/stand-geometry.ts';
import { buildStandTiles, fileStamp, STAND_TILES_DIR, TILES_META, TILES_VERSION, type TilesMeta } from './build-stands.ts';

export function tilesStaleReason(dataDir: string): string | null {
  const metaFile = join(dataDir, STAND_TILES_DIR, TILES_META);
  if (!existsSync(metaFile)) return `missing ${STAND_TILES_DIR}/${TILES_META}`;
  if (!existsSync(join(dataDir, STAND_COLUMNS_FILE))) return `missing ${STAND_COLUMNS_FILE}`;
  if (!existsSync(join(dataDir, STAND_GEOMETRY_FILE))) return `missing ${STAND_GEOMETRY_FILE}`;
  let meta: Partial<TilesMeta>;
  try {
    meta = JSON.parse(readFileSync(metaFile, 'utf8'));
  } catch (e) {
    return `${metaFile} is not valid JSON (${(e as Error).message})`;
  }
  if (meta.version !== TILES_VERSION) return `made by ${meta.version ?? '(unknown)'}, current is ${TILES_VERSION}`;
  const now = fileStamp(join(dataDir, 'stands.geojson'));
  if (meta.source?.sha1 !== now.sha1 || meta.source?.bytes !== now.bytes) return 'stands.geojson changed since the tiles were built';
  return null;
}

/** Returns the new metadata when it (re)built, null when the tiles were current. */
export async function ensureTiles(dataDir: string, log: (l: string) => void = () => {}): Promise<TilesMeta | null> {
  const reason = tilesStaleReason(dataDir);
  if (!reason) return null;
  log(`stand tiles: ${reason} — building`);
  return buildStandTiles(dataDir, log);
}
