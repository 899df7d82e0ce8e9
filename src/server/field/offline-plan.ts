// What an offline area needs, with the size of each file, for the field page to show before it downloads: the stand
// tiles (every zoom up to the set's detail zoom for the whole county — they are few — and the detailed zooms inside
// the box), the registry's GeoJSON layers (the project layers as the server serves them now, the basemap), and each
// raster of the release's rasters.json that meets the box (the whole file: the map reads parts of it by Range, which
// the field page's service worker answers from the stored copy). Sizes come from the served build (dist/data).
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { boxAreaKm2, intersectBoxes, tilesForBox, type BBox } from '../../core/field/tiles.ts';
import { layersFor } from '../../layers/registry.ts';
import type { Db } from '../db.ts';
import { ApiError } from '../errors.ts';
import { liveProjectFile } from '../project-routes.ts';

export const MAX_AREA_KM2 = 5_000;
/**
 * Tiles below this zoom are taken for the whole tile set: they hold the county's overview squares (z6–9 of the sample
 * are ~0.9 MB together, tiles.json bytes_by_zoom), so the walker can zoom out anywhere.
 */
export const COUNTY_WIDE_BELOW_ZOOM = 10;

export interface PlannedFile {
  url: string;
  bytes: number;
  kind: 'tiles' | 'layer' | 'raster';
}

export interface OfflinePlan {
  bbox: BBox;
  files: PlannedFile[];
  bytes: number;
  tiles: number;
}

export function parseBox(text: string): BBox {
  const parts = text.split(',').map(Number);
  const [w, s, e, n] = parts;
  if (parts.length !== 4 || !parts.every(Number.isFinite) || w >= e || s >= n || w < -180 || e > 180 || s < -90 || n > 90) {
    throw ApiError.keyed(400, 'field.offline.bbox', {}, { field: 'bbox' });
  }
  if (boxAreaKm2([w, s, e, n]) > MAX_AREA_KM2) throw ApiError.keyed(400, 'field.offline.tooLarge', { max: MAX_AREA_KM2 }, { field: 'bbox' });
  return [w, s, e, n];
}

const sizeOf = (file: string) => (existsSync(file) ? statSync(file).size : null);

export async function offlinePlan(db: Db, servedDataDir: string | undefined, box: BBox): Promise<OfflinePlan> {
  const files: PlannedFile[] = [];
  const seen = new Set<string>();
  const add = (url: string, bytes: number | null, kind: PlannedFile['kind']) => {
    if (bytes === null || seen.has(url)) return;
    seen.add(url);
    files.push({ url, bytes, kind });
  };
  let tiles = 0;
  for (const layer of layersFor('internal')) {
    for (const source of [layer.source, layer.labels]) {
      if (!source) continue;
      const t = source.tiles;
      if (!t) {
        // A project layer is served from the database (its current state), else from the build.
        const live = await liveProjectFile(db, `/data/${source.file}`);
        add(`data/${source.file}`, live !== null ? Buffer.byteLength(live) : servedDataDir ? sizeOf(path.join(servedDataDir, source.file)) : null, 'layer');
        continue;
      }
      const inside = intersectBoxes(box, t.bounds);
      for (let z = t.minzoom; z <= t.maxzoom; z++) {
        const area = z < COUNTY_WIDE_BELOW_ZOOM ? t.bounds : inside;
        if (!area) continue;
        for (const [tz, x, y] of tilesForBox(area, z)) {
          const rel = `${t.dir}/${tz}/${x}/${y}.pbf`;
          const bytes = servedDataDir ? sizeOf(path.join(servedDataDir, rel)) : null;
          if (bytes !== null) tiles++;
          add(`data/${rel}`, bytes, 'tiles');
        }
      }
    }
  }
  for (const f of ['release.json', 'rasters.json']) if (servedDataDir) add(`data/${f}`, sizeOf(path.join(servedDataDir, f)), 'layer');
  const manifest = servedDataDir ? path.join(servedDataDir, 'rasters.json') : null;
  if (manifest && existsSync(manifest)) {
    try {
      const m = JSON.parse(readFileSync(manifest, 'utf8')) as { rasters?: { file: string; display_file?: string; bounds?: BBox }[] };
      for (const r of m.rasters ?? []) {
        if (!r.bounds || !intersectBoxes(box, r.bounds)) continue;
        const file = r.display_file ?? r.file;
        add(`data/${file}`, sizeOf(path.join(servedDataDir!, file)), 'raster');
      }
    } catch {
      // A broken rasters.json is the raster layer's problem to report; the area goes without rasters.
    }
  }
  return { bbox: box, files, bytes: files.reduce((s, f) => s + f.bytes, 0), tiles };
}
