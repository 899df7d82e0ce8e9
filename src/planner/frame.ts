// Frames a geometry on the map: fit its bounds with padding, not closer than a field-sized zoom.
import type { Geometry } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { bboxOf } from '../core/geo/positions.ts';

export function frameGeometry(map: MapLibreMap, g: Geometry, duration = 300): void {
  const b = bboxOf(g);
  if (!b) return;
  const c = map.getContainer();
  const pad = Math.max(10, Math.min(60, Math.floor(Math.min(c.clientWidth, c.clientHeight) / 8)));
  map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: pad, maxZoom: 16, duration });
}
