// The one place that decides how a layer's data reaches the map. Small layers are GeoJSON files under /data/; large
// layers (the stands) are prebuilt vector tiles under /data/tiles/ (scripts/tiles/, docs/scale.md), so MapLibre only
// ever loads the tiles in view, already cut and simplified. The layer keeps its source id either way.
import { RASTER_PROTOCOL } from './raster-layers.ts';
import type { LayerSource } from './types.ts';

/** Base URL of the data folder, relative to the page, so the app works under any path on any static server. */
export const DATA_BASE = 'data/';

export function dataUrl(file: string, base: string = DATA_BASE): string {
  // The document's base URL: the page's own, unless the page sets <base> (the field page at /field/ reads /data/).
  return new URL(base + file, globalThis.document?.baseURI ?? globalThis.location?.href ?? 'http://127.0.0.1/').href;
}

/** A MapLibre source id per data file, so layers that share a file (stands and its thematic views) share one source. */
export function sourceId(source: LayerSource): string {
  if (source.raster) return `src:raster:${source.raster.type === 'cog' ? source.raster.id : source.raster.tiles}`;
  return `src:${source.file}${source.instance ? `#${source.instance}` : ''}`;
}

/** The MapLibre 'source-layer' of a tiled source (needed by style layers and feature-state), undefined for GeoJSON. */
export function sourceLayer(source: LayerSource): string | undefined {
  return source.tiles?.layer;
}

export interface GeoJsonSourceSpec {
  type: 'geojson';
  data: string;
  promoteId: string;
  attribution?: string;
}

export interface VectorSourceSpec {
  type: 'vector';
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  bounds: [number, number, number, number];
  promoteId: string;
}

/** The tile URL template; URL() would percent-encode the braces MapLibre substitutes. */
export function tileUrlTemplate(dir: string, base: string = DATA_BASE): string {
  return dataUrl(`${dir}/{z}/{x}/{y}.pbf`, base).replace(/%7B/g, '{').replace(/%7D/g, '}');
}

export interface RasterSourceSpec {
  type: 'raster';
  tiles: string[];
  tileSize: number;
  minzoom?: number;
  maxzoom?: number;
  bounds?: [number, number, number, number];
  attribution?: string;
}

/**
 * A raster layer's MapLibre source: a COG's tiles come from the raster protocol (drawn in a Web Worker from the data
 * folder's file, src/map/raster-protocol.ts), within the raster's bounds so nothing outside is asked for; an intranet
 * service's straight from its template.
 */
export function rasterSourceSpec(source: LayerSource): RasterSourceSpec {
  const r = source.raster!;
  if (r.type === 'cog') return { type: 'raster', tiles: [`${RASTER_PROTOCOL}://${r.id}/{z}/{x}/{y}`], tileSize: 256, bounds: r.bounds, maxzoom: 16 };
  return { type: 'raster', tiles: [r.tiles], tileSize: r.tileSize, minzoom: r.minzoom, maxzoom: r.maxzoom, attribution: r.attribution, ...(r.bounds ? { bounds: r.bounds } : {}) };
}

/**
 * The MapLibre source for a layer's data. promoteId keeps the string stand ids usable for feature-state highlighting,
 * for GeoJSON and tiles alike. `forceGeoJson` is the benchmark's naive baseline (scripts/bench/bench-map.ts).
 */
export function sourceSpec(source: LayerSource, forceGeoJson = false): GeoJsonSourceSpec | VectorSourceSpec | RasterSourceSpec {
  if (source.raster) return rasterSourceSpec(source);
  const t = source.tiles;
  if (t && !forceGeoJson) return { type: 'vector', tiles: [tileUrlTemplate(t.dir)], minzoom: t.minzoom, maxzoom: t.maxzoom, bounds: t.bounds, promoteId: 'id' };
  return { type: 'geojson', data: dataUrl(source.file), promoteId: 'id' };
}
