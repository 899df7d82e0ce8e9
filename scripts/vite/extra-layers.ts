// Reads a data folder's extra-layers.json (src/layers/extra-layers.ts) and rasters.json (src/core/raster/manifest.ts,
// src/layers/raster-layers.ts) for the bureau's build: the checked entries become the constants src/layers/registry.ts
// adds to the registry. A bad file stops the build with the file, entry and field.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { parseRasterManifest, RASTER_MANIFEST_FILE } from '../../src/core/raster/manifest.ts';
import { EXTRA_LAYERS_FILE, extraLayerOrigins, parseExtraLayers } from '../../src/layers/extra-layers.ts';
import { rasterLayersFromManifest } from '../../src/layers/raster-layers.ts';
import { LAYERS } from '../../src/layers/registry.ts';
import type { LayerDef } from '../../src/layers/types.ts';

/** The data folder's rasters as registry entries, or none when it has no rasters.json. */
export function readRasterLayers(dataDir: string): LayerDef[] {
  const file = path.join(dataDir, RASTER_MANIFEST_FILE);
  if (!existsSync(file)) return [];
  return rasterLayersFromManifest(parseRasterManifest(readFileSync(file, 'utf8'), file));
}

/** The data folder's added layers, or none when it has no extra-layers.json. */
export function readExtraLayers(dataDir: string): LayerDef[] {
  const file = path.join(dataDir, EXTRA_LAYERS_FILE);
  if (!existsSync(file)) return [];
  const has = (name: string) => existsSync(path.join(dataDir, name)) && statSync(path.join(dataDir, name)).isFile();
  const taken = [...LAYERS, ...readRasterLayers(dataDir)].map((l) => l.id);
  return parseExtraLayers(readFileSync(file, 'utf8'), file, taken, has);
}

/** Vite `define` entries for the bureau's bundle and workers (registry.ts reads both constants). */
export function extraLayersDefine(dataDir: string): Record<string, string> {
  return {
    __XINGGUO_EXTRA_LAYERS__: JSON.stringify(readExtraLayers(dataDir)),
    __XINGGUO_RASTER_LAYERS__: JSON.stringify(readRasterLayers(dataDir)),
  };
}

/**
 * The page's CSP with exactly the origins of the declared intranet tile services added to img-src and connect-src
 * (MapLibre fetches raster tiles, and may load them as images). No declared service: the CSP stays 'self' only.
 */
export function cspWithOrigins(html: string, origins: readonly string[]): string {
  if (origins.length === 0) return html;
  const extra = origins.join(' ');
  return html.replace(/(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")/, (_m, a: string, csp: string, b: string) =>
    a + csp.replace(/\b(img-src|connect-src) ([^;]*)/g, (_d, name: string, list: string) => `${name} ${list} ${extra}`) + b);
}

export function tileServiceCsp(dataDir: string): Plugin {
  return {
    name: 'xingguo-tile-service-csp',
    transformIndexHtml: (html) => cspWithOrigins(html, extraLayerOrigins(readExtraLayers(dataDir))),
  };
}
