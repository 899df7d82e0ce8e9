// Every layer of the bureau's app, declared as data: the public entries (public-registry.ts), the internal ones
// (internal-registry.ts) and the layers a bureau adds in its data folder (extra-layers.ts, read at build time). The map
// (src/map/style-layers.ts, map-style.ts, MapView.tsx), the layer panel, the legend, the workers and the CLIs read this
// list, and every other list of layers is derived from it (analysis-roles.ts: the plan's layer files, the site-analysis
// overlap layers; scripts/sample-data/config.ts: the data contract). The public page imports public-registry.ts alone.
import { INTERNAL_GROUPS, INTERNAL_LAYERS, STAND_SOURCE } from './internal-registry.ts';
import { LAYER_GROUPS as PUBLIC_GROUPS, PUBLIC_LAYERS } from './public-registry.ts';
import type { LayerDef, LayerGroup } from './types.ts';

export { STAND_SOURCE };

/** The layer panel's groups: the public ones, with the internal ones (三区三线) after 行政区划. */
export const LAYER_GROUPS: LayerGroup[] = [PUBLIC_GROUPS[0], ...INTERNAL_GROUPS, ...PUBLIC_GROUPS.slice(1)];

/**
 * Layers a bureau adds (extra-layers.ts): vite.config.ts reads `extra-layers.json` from the data folder and defines this
 * constant for the bureau's bundle and its workers. Absent in Node and in the public build.
 */
declare const __XINGGUO_EXTRA_LAYERS__: LayerDef[] | undefined;
const EXTRA_LAYERS: LayerDef[] = typeof __XINGGUO_EXTRA_LAYERS__ === 'undefined' ? [] : __XINGGUO_EXTRA_LAYERS__;

/**
 * The data folder's rasters (rasters.json → raster-layers.ts), defined the same way for the bureau's bundle and its
 * workers. Absent in Node and in the public build.
 */
declare const __XINGGUO_RASTER_LAYERS__: LayerDef[] | undefined;
const RASTER_LAYERS: LayerDef[] = typeof __XINGGUO_RASTER_LAYERS__ === 'undefined' ? [] : __XINGGUO_RASTER_LAYERS__;

/**
 * Drawing order: the public context (basemap) layers, the raster layers (intranet tile services, then the release's
 * rasters), the internal stand layers, the public thematic layers, then the bureau's added vector layers — under the
 * township outlines and the public aggregates, which stay on top. Rasters are pictures of the land: every vector
 * layer is drawn over them.
 */
export function assemble(publicLayers: LayerDef[], internal: LayerDef[], extra: LayerDef[], rasters: LayerDef[] = []): LayerDef[] {
  const context = publicLayers.filter((l) => l.context);
  const rest = publicLayers.filter((l) => !l.context);
  const top = rest.findIndex((l) => l.id === 'townships');
  const cut = top < 0 ? rest.length : top;
  const extraRasters = extra.filter((l) => l.geometry === 'raster');
  const extraVectors = extra.filter((l) => l.geometry !== 'raster');
  const all = [...context, ...extraRasters, ...rasters, ...internal, ...rest.slice(0, cut), ...extraVectors, ...rest.slice(cut)];
  const seen = new Set<string>();
  for (const l of all) {
    if (seen.has(l.id)) throw new Error(`layer registry: the id "${l.id}" is declared twice`);
    seen.add(l.id);
  }
  return all;
}

export const LAYERS: LayerDef[] = assemble(PUBLIC_LAYERS, INTERNAL_LAYERS, EXTRA_LAYERS, RASTER_LAYERS);

export function layerById(id: string): LayerDef {
  const layer = LAYERS.find((l) => l.id === id);
  if (!layer) throw new Error(`unknown layer: ${id}`);
  return layer;
}

/** The layers a page may load by audience ('public': the entries a public page could show). */
export function layersFor(audience: 'internal' | 'public'): LayerDef[] {
  return audience === 'internal' ? LAYERS : LAYERS.filter((l) => l.audience === 'public');
}
