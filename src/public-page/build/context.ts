// A lighter copy of a basemap context layer for the public page: Douglas–Peucker simplification and 5-decimal
// coordinates. The neighbouring counties' outlines are 20k staircase vertices (450 KB), the largest file the page would
// load, yet they only frame the county; simplified they cost about a sixth of the bytes (69 kB).
import { simplify } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { mapPositions } from '../../core/geo/positions.ts';

const r5 = (v: number) => Math.round(v * 1e5) / 1e5;

/** Simplified copy; tolerance in degrees (0.002° ≈ 200 m, below a pixel at the county-wide zoom). Properties kept. */
export function simplifiedContext(fc: FeatureCollection<Geometry | null>, tolerance = 0.002): FeatureCollection<Geometry> {
  const features: Feature<Geometry>[] = [];
  fc.features.forEach((f, i) => {
    if (!f.geometry) return;
    const s = simplify(f as Feature<Geometry>, { tolerance, highQuality: true, mutate: false });
    features.push({ type: 'Feature', id: typeof f.id === 'number' ? f.id : i + 1, properties: f.properties ?? {}, geometry: mapPositions(s.geometry, (p): Position => p.map(r5)) });
  });
  return { type: 'FeatureCollection', features };
}
