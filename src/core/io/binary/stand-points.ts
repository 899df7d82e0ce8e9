// Packs stands into a flat array (lon, lat, ha, t CO2e) for deck.gl aggregation: one transferable buffer instead of
// 30k–200k objects crossing the worker boundary.
import type { Feature, Geometry } from 'geojson';
import { fromSquareMetres } from '../../geo/units.ts';

/** Vertex-average of the outer ring: inside or next to a small convex-ish stand, and cheap. */
function ringCentre(geometry: Geometry | null): [number, number] | null {
  const ring = geometry?.type === 'Polygon' ? geometry.coordinates[0] : geometry?.type === 'MultiPolygon' ? geometry.coordinates[0]?.[0] : null;
  if (!ring || ring.length === 0) return null;
  let x = 0, y = 0;
  const n = ring.length > 1 ? ring.length - 1 : 1;
  for (let i = 0; i < n; i++) { x += ring[i][0]; y += ring[i][1]; }
  return [x / n, y / n];
}

/** `keep[i]` = 0 leaves stand i out (the carbon-density view counts forest stands only). */
export function standCentroids(features: readonly Feature<Geometry | null, unknown>[], areasM2: Float64Array, carbon: Float64Array, keep?: Uint8Array) {
  const data = new Float64Array(features.length * 4);
  let count = 0;
  for (let i = 0; i < features.length; i++) {
    if (keep && !keep[i]) continue;
    const c = ringCentre(features[i].geometry);
    if (!c) continue;
    data.set([c[0], c[1], fromSquareMetres(areasM2[i], 'ha'), carbon[i] ?? 0], count * 4);
    count++;
  }
  return { data: data.subarray(0, count * 4), count };
}
