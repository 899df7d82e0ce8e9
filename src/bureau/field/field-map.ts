// The 外业 panel's points on the map: where each report was made (coloured by its review status) and where each task
// sends someone (the target's centre), as one GeoJSON source drawn above the other layers; removed when the panel closes.
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { FieldReport, FieldTask } from './field-api.ts';

export const FIELD_SOURCE = 'field-review';
export const FIELD_LAYER = 'field-review::circle';

const COLOURS = ['match', ['get', 'status'], 'submitted', '#d97706', 'accepted', '#15803d', 'returned', '#b91c1c', 'open', '#2563eb', 'done', '#6b7280', '#6b7280'];

export function fieldFeatures(reports: readonly FieldReport[], tasks: readonly FieldTask[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: [
      ...reports.filter((r) => r.position).map((r) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [r.position!.lon, r.position!.lat] }, properties: { kind: 'report', id: r.id, status: r.status } })),
      ...tasks.filter((t) => t.centre && t.status !== 'cancelled').map((t) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: t.centre! }, properties: { kind: 'task', id: t.id, status: t.status } })),
    ],
  };
}

/** Shows the points (adding the source and layer once); returns the clean-up that removes them. */
export function showFieldOnMap(map: MapLibreMap, reports: readonly FieldReport[], tasks: readonly FieldTask[]): () => void {
  const data = fieldFeatures(reports, tasks);
  const apply = () => {
    const source = map.getSource(FIELD_SOURCE) as GeoJSONSource | undefined;
    if (source) return source.setData(data);
    map.addSource(FIELD_SOURCE, { type: 'geojson', data });
    map.addLayer({
      id: FIELD_LAYER, type: 'circle', source: FIELD_SOURCE,
      paint: {
        'circle-radius': ['case', ['==', ['get', 'kind'], 'task'], 7, 5],
        'circle-color': COLOURS as never,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': ['case', ['==', ['get', 'kind'], 'task'], 3, 1.5],
      },
    });
  };
  if (map.isStyleLoaded()) apply();
  else map.once('load', apply);
  return () => {
    map.off('load', apply);
    if (!map.getStyle()) return;
    if (map.getLayer(FIELD_LAYER)) map.removeLayer(FIELD_LAYER);
    if (map.getSource(FIELD_SOURCE)) map.removeSource(FIELD_SOURCE);
  };
}
