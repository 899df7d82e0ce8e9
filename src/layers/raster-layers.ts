// Raster layers in the registry: each entry of the data folder's rasters.json (src/core/raster/manifest.ts) becomes a
// LayerDef with geometry 'raster' — imagery (RGB), categorical (class table and colours) or continuous (a colour ramp),
// each with its year. vite.config.ts reads rasters.json when the bureau's app is built (scripts/vite/extra-layers.ts),
// like extra-layers.json, so the map, the layer panel, the legend and the swipe comparison read them from the one list.
// Drawn under the vector layers (registry.ts assemble); bureau-only unless the entry's audience is 'public'.
import type { RasterEntry, RasterManifest } from '../core/raster/manifest.ts';
import { SYNTHETIC } from './define.ts';
import type { LayerDef } from './types.ts';

/** The MapLibre protocol whose tiles the raster worker draws from a COG (src/map/raster-protocol.ts). */
export const RASTER_PROTOCOL = 'xgraster';

/**
 * Default opacity: opaque, so the colours on the map are the legend's (the vector layers lie over them anyway); the
 * layer panel's slider makes a raster see-through.
 */
const OPACITY: Record<RasterEntry['kind'], number> = { imagery: 1, categorical: 1, continuous: 1 };

export function rasterLayerOf(entry: RasterEntry): LayerDef {
  return {
    id: `raster-${entry.id}`,
    name: entry.name,
    group: 'imagery',
    // `file` is what the worker opens (relative to the data folder); rasters have no GeoJSON source.
    source: { file: entry.file, raster: { type: 'cog', id: entry.id, bounds: entry.bounds } },
    geometry: 'raster',
    style: {},
    popup: { title: '', fields: [] },
    audience: entry.audience,
    visible: false,
    ...(entry.sample_data ? { note: SYNTHETIC } : {}),
    raster: {
      kind: entry.kind,
      year: entry.year,
      ...(entry.classes ? { classes: entry.classes.map(({ value, key, name, colour }) => ({ value, key, name, colour })) } : {}),
      ...(entry.ramp ? { ramp: entry.ramp } : {}),
      opacity: OPACITY[entry.kind],
    },
  };
}

/** The registry entries of a release's rasters, ordered by kind (imagery lowest) then year. */
export function rasterLayersFromManifest(manifest: RasterManifest): LayerDef[] {
  const order: RasterEntry['kind'][] = ['imagery', 'continuous', 'categorical'];
  return [...manifest.rasters]
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.year - b.year || a.id.localeCompare(b.id))
    .map(rasterLayerOf);
}

export const isRasterLayer = (layer: LayerDef): boolean => layer.geometry === 'raster';

/**
 * Pairs for the swipe comparison: raster layers that show the same thing in different years (the same kind and, for
 * categorical rasters, the same classes), earliest first. Each pair is [earlier, later].
 */
export function swipePairs(layers: readonly LayerDef[]): [LayerDef, LayerDef][] {
  const dated = layers.filter((l) => l.raster && l.raster.year !== null);
  const signature = (l: LayerDef) => `${l.raster!.kind}:${(l.raster!.classes ?? []).map((c) => `${c.value}=${c.key}`).join(',')}`;
  const out: [LayerDef, LayerDef][] = [];
  for (const a of dated) {
    for (const b of dated) {
      if (a !== b && signature(a) === signature(b) && a.raster!.year! < b.raster!.year!) out.push([a, b]);
    }
  }
  return out.sort((p, q) => q[1].raster!.year! - p[1].raster!.year! || q[0].raster!.year! - p[0].raster!.year!);
}

/** The raster of a series (same kind and classes as `like`) to show at `year`: the latest not after it, else the earliest. */
export function rasterForYear(layers: readonly LayerDef[], like: LayerDef, year: number): LayerDef {
  const series = layers.filter((l) => l.raster && l.raster.year !== null && l.raster.kind === like.raster?.kind
    && JSON.stringify(l.raster.classes?.map((c) => c.value)) === JSON.stringify(like.raster.classes?.map((c) => c.value)))
    .sort((a, b) => a.raster!.year! - b.raster!.year!);
  return [...series].reverse().find((l) => l.raster!.year! <= year) ?? series[0] ?? like;
}
