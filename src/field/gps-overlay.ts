// The GeoJSON of the field page's GPS layer (src/map/overlays.ts kind 'field'): the position and its accuracy circle
// (radius = the reported accuracy, in a local metric frame), the track being walked, the closed boundary, the target.
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import { localFrame } from '../core/field/local-frame.ts';
import type { Fix } from '../core/field/track.ts';

export function accuracyCircle(fix: Fix, steps = 48): Polygon {
  const frame = localFrame(fix.lat);
  const ring: Position[] = [];
  for (let i = 0; i <= steps; i++) {
    const a = (2 * Math.PI * (i % steps)) / steps;
    const [dLon, dLat] = frame.toDegrees(fix.accuracy * Math.cos(a), fix.accuracy * Math.sin(a));
    ring.push([fix.lon + dLon, fix.lat + dLat]);
  }
  return { type: 'Polygon', coordinates: [ring] };
}

export function gpsFeatures(fix: Fix | null, track: Position[], boundary: Polygon | null, target: Position | null): FeatureCollection {
  const f: Feature[] = [];
  if (boundary) f.push({ type: 'Feature', geometry: boundary, properties: { role: 'boundary' } });
  if (track.length > 1) f.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: track }, properties: { role: 'track' } });
  if (fix) {
    f.push({ type: 'Feature', geometry: accuracyCircle(fix), properties: { role: 'accuracy' } });
    f.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [fix.lon, fix.lat] }, properties: { role: 'position' } });
  }
  if (target) f.push({ type: 'Feature', geometry: { type: 'Point', coordinates: target }, properties: { role: 'target' } });
  return { type: 'FeatureCollection', features: f };
}
