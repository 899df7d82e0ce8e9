// The one place that decides how a layer's data reaches the map. Today every layer is a GeoJSON file under /data/;
// when large layers move to prebuilt tiles, only this module changes (the UI and the registry stay as they are).
import type { LayerSource } from './types.ts';

/** Base URL of the data folder, relative to the page, so the app works under any path on any static server. */
export const DATA_BASE = 'data/';

export function dataUrl(file: string, base: string = DATA_BASE): string {
  return new URL(base + file, globalThis.location?.href ?? 'http://127.0.0.1/').href;
}

/** A MapLibre source id per data file, so layers that share a file (stands and its thematic views) share one source. */
export function sourceId(source: LayerSource): string {
  return `src:${source.file}`;
}

export interface GeoJsonSourceSpec {
  type: 'geojson';
  data: string;
  promoteId: string;
  attribution?: string;
}

/** The MapLibre source for a layer's data. promoteId keeps the string stand ids usable for feature-state highlighting. */
export function sourceSpec(source: LayerSource): GeoJsonSourceSpec {
  return { type: 'geojson', data: dataUrl(source.file), promoteId: 'id' };
}
