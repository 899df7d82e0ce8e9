// Reads a data folder's extra-layers.json (src/layers/extra-layers.ts) for the bureau's build: the checked entries become
// the constant src/layers/registry.ts adds to the registry. A bad file stops the build with the file, entry and field.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { EXTRA_LAYERS_FILE, parseExtraLayers } from '../../src/layers/extra-layers.ts';
import { LAYERS } from '../../src/layers/registry.ts';
import type { LayerDef } from '../../src/layers/types.ts';

/** The data folder's added layers, or none when it has no extra-layers.json. */
export function readExtraLayers(dataDir: string): LayerDef[] {
  const file = path.join(dataDir, EXTRA_LAYERS_FILE);
  if (!existsSync(file)) return [];
  const has = (name: string) => existsSync(path.join(dataDir, name)) && statSync(path.join(dataDir, name)).isFile();
  return parseExtraLayers(readFileSync(file, 'utf8'), file, LAYERS.map((l) => l.id), has);
}

/** Vite `define` entries for the bureau's bundle and workers (registry.ts reads __XINGGUO_EXTRA_LAYERS__). */
export function extraLayersDefine(dataDir: string): Record<string, string> {
  return { __XINGGUO_EXTRA_LAYERS__: JSON.stringify(readExtraLayers(dataDir)) };
}
