// Frames a geometry on the map: fit its bounds with padding, not closer than a field-sized zoom.
import type { Geometry } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';

export function geometryBounds(g: Geometry): [number, number, number, number] | null {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      minX = Math.min(minX, c[0]); maxX = Math.max(maxX, c[0]); minY = Math.min(minY, c[1] as number); maxY = Math.max(maxY, c[1] as number);
    } else if (Array.isArray(c)) c.forEach(walk);
  };
  if (g.type === 'GeometryCollection') g.geometries.forEach((x) => walk((x as { coordinates?: unknown }).coordinates));
  else walk(g.coordinates);
  return minX <= maxX ? [minX, minY, maxX, maxY] : null;
}

export function frameGeometry(map: MapLibreMap, g: Geometry, duration = 300): void {
  const b = geometryBounds(g);
  if (!b) return;
  const c = map.getContainer();
  const pad = Math.max(10, Math.min(60, Math.floor(Math.min(c.clientWidth, c.clientHeight) / 8)));
  map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: pad, maxZoom: 16, duration });
}
