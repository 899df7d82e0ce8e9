// MapLibre layers the planner owns: sites Terra Draw cannot edit (multi-part, with holes) and the selected site's
// highlight. Terra Draw renders the editable sites itself.
import type { Feature } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { Site } from './site.ts';

const SRC = 'planner-sites';

export function updateSiteLayers(map: MapLibreMap, sites: Site[], inDraw: Set<string>, selected: string | null): void {
  if (!map.isStyleLoaded() && !map.getSource(SRC)) {
    map.once('idle', () => updateSiteLayers(map, sites, inDraw, selected));
    return;
  }
  const data = {
    type: 'FeatureCollection' as const,
    features: sites.map((s): Feature => ({ type: 'Feature', geometry: s.geometry, properties: { id: s.id, name: s.name, static: !inDraw.has(s.id), selected: s.id === selected } })),
  };
  const src = map.getSource(SRC) as GeoJSONSource | undefined;
  if (src) {
    void src.setData(data);
    return;
  }
  map.addSource(SRC, { type: 'geojson', data });
  map.addLayer({ id: `${SRC}::fill`, type: 'fill', source: SRC, filter: ['all', ['get', 'static'], ['==', ['geometry-type'], 'Polygon']], paint: { 'fill-color': '#6a3d9a', 'fill-opacity': 0.25 } });
  map.addLayer({ id: `${SRC}::line`, type: 'line', source: SRC, filter: ['get', 'static'], paint: { 'line-color': '#6a3d9a', 'line-width': 2 } });
  map.addLayer({ id: `${SRC}::point`, type: 'circle', source: SRC, filter: ['all', ['get', 'static'], ['==', ['geometry-type'], 'Point']], paint: { 'circle-color': '#6a3d9a', 'circle-radius': 5 } });
  map.addLayer({ id: `${SRC}::selected`, type: 'line', source: SRC, filter: ['get', 'selected'], paint: { 'line-color': '#e31a1c', 'line-width': 3 } });
}

export function removeSiteLayers(map: MapLibreMap): void {
  for (const id of [`${SRC}::fill`, `${SRC}::line`, `${SRC}::point`, `${SRC}::selected`]) if (map.getLayer(id)) map.removeLayer(id);
  if (map.getSource(SRC)) map.removeSource(SRC);
}

/** A PNG of the map: read the canvas inside a render event, while the drawing buffer still holds the frame. */
export function mapPng(map: MapLibreMap): Promise<string> {
  return new Promise((resolve) => {
    map.once('render', () => resolve(map.getCanvas().toDataURL('image/png')));
    map.triggerRepaint();
  });
}
