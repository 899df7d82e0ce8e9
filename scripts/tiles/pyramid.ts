// Writes a z/x/y.pbf pyramid (Mapbox Vector Tile 2) for one layer from zoom bands, each band with its own features:
// the stands use a detail band plus overview bands (aggregate.ts). geojson-vt cuts and simplifies, vt-pbf encodes.
// Every tile inside the bounds is written, empty ones as 0-byte files, so a static server never answers 404 (or an
// SPA fallback page) for a tile MapLibre asks for.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import GeoJSONVT from 'geojson-vt';
import { fromGeojsonVt } from 'vt-pbf';
import type { FeatureCollection } from 'geojson';

export interface Band {
  minzoom: number;
  maxzoom: number;
  features: FeatureCollection;
}

export interface PyramidStats {
  tiles: number;
  empty: number;
  bytes: number;
  /** Largest tile per zoom (bytes), to keep an eye on low zooms. */
  max_tile_bytes: Record<number, number>;
  bytes_by_zoom: Record<number, number>;
}

const lon2x = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
const lat2y = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
};

/** Tile ranges covering bounds [w, s, e, n] at zoom z. */
export function tileRange(bounds: [number, number, number, number], z: number) {
  const [w, s, e, n] = bounds;
  return { x0: lon2x(w, z), x1: lon2x(e, z), y0: lat2y(n, z), y1: lat2y(s, z) };
}

export function writePyramid(outDir: string, layer: string, bands: Band[], bounds: [number, number, number, number]): PyramidStats {
  const stats: PyramidStats = { tiles: 0, empty: 0, bytes: 0, max_tile_bytes: {}, bytes_by_zoom: {} };
  for (const band of bands) {
    // maxZoom = the band's top zoom: full detail there, simplified (tolerance 3 of 4096) below it.
    const index = new GeoJSONVT(band.features, { maxZoom: band.maxzoom, indexMaxZoom: 0, tolerance: 3, extent: 4096, buffer: 64 });
    for (let z = band.minzoom; z <= band.maxzoom; z++) {
      const { x0, x1, y0, y1 } = tileRange(bounds, z);
      for (let x = x0; x <= x1; x++) {
        for (let y = y0; y <= y1; y++) {
          const tile = index.getTile(z, x, y);
          const bytes = tile && tile.features.length ? fromGeojsonVt({ [layer]: tile }, { version: 2, extent: 4096 }) : new Uint8Array(0);
          const file = join(outDir, String(z), String(x), `${y}.pbf`);
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, bytes);
          stats.tiles++;
          if (bytes.length === 0) stats.empty++;
          stats.bytes += bytes.length;
          stats.bytes_by_zoom[z] = (stats.bytes_by_zoom[z] ?? 0) + bytes.length;
          stats.max_tile_bytes[z] = Math.max(stats.max_tile_bytes[z] ?? 0, bytes.length);
        }
      }
    }
  }
  return stats;
}
