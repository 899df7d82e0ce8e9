// Reference layers on the MapLibre map: a GeoJSON source fed a blob: URL (MapLibre fetches and tiles it in its own
// worker; the page's main thread never parses the features), a light fill and an outline, under Terra Draw's layers.
import type { Map as MapLibreMap } from 'maplibre-gl';

const PREFIX = 'planner-ref-';
const urls = new Map<string, string>();

export const referenceLayerIds = (id: string) => [`${PREFIX}${id}::fill`, `${PREFIX}${id}::line`];

function beforeDrawLayers(map: MapLibreMap): string | undefined {
  return map.getLayersOrder().find((id) => id.startsWith('td-'));
}

export function addReferenceLayer(map: MapLibreMap, id: string, geojson: Blob, visible: boolean): void {
  const src = `${PREFIX}${id}`;
  if (map.getSource(src)) return;
  const url = URL.createObjectURL(geojson);
  urls.set(id, url);
  map.addSource(src, { type: 'geojson', data: url });
  const before = beforeDrawLayers(map);
  const visibility = visible ? 'visible' : 'none';
  const [fill, line] = referenceLayerIds(id);
  map.addLayer({ id: fill, type: 'fill', source: src, layout: { visibility }, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#1b9e77', 'fill-opacity': 0.12 } }, before);
  map.addLayer({ id: line, type: 'line', source: src, layout: { visibility }, paint: { 'line-color': '#1b9e77', 'line-width': 1.2 } }, before);
}

export function setReferenceVisible(map: MapLibreMap, id: string, visible: boolean): void {
  for (const l of referenceLayerIds(id)) if (map.getLayer(l)) map.setLayoutProperty(l, 'visibility', visible ? 'visible' : 'none');
}

export function removeReferenceLayer(map: MapLibreMap, id: string): void {
  for (const l of referenceLayerIds(id)) if (map.getLayer(l)) map.removeLayer(l);
  if (map.getSource(`${PREFIX}${id}`)) map.removeSource(`${PREFIX}${id}`);
  const url = urls.get(id);
  if (url) URL.revokeObjectURL(url);
  urls.delete(id);
}
