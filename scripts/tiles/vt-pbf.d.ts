// vt-pbf ships no types; only the geojson-vt entry point is used (scripts/tiles/pyramid.ts).
declare module 'vt-pbf' {
  import type { LegacyTile } from 'geojson-vt';
  export function fromGeojsonVt(layers: Record<string, LegacyTile>, options?: { version?: number; extent?: number }): Uint8Array;
}
