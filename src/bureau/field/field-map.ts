// The 外业 panel's points on the map: where each report was made (coloured by its review status) and where each task
// sends someone (the target's centre), drawn by the map wrapper as the `field-review` overlay (src/map/overlays.ts);
// removed when the panel closes.
import type { FeatureCollection } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { MapController } from '../../map/map-controller.ts';
import type { FieldReport, FieldTask } from './field-api.ts';

export function fieldFeatures(reports: readonly FieldReport[], tasks: readonly FieldTask[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: [
      ...reports.filter((r) => r.position).map((r) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [r.position!.lon, r.position!.lat] }, properties: { kind: 'report', id: r.id, status: r.status } })),
      ...tasks.filter((t) => t.centre && t.status !== 'cancelled').map((t) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: t.centre! }, properties: { kind: 'task', id: t.id, status: t.status } })),
    ],
  };
}

/** Shows the points; returns the clean-up that removes them. */
export function showFieldOnMap(map: MapLibreMap, reports: readonly FieldReport[], tasks: readonly FieldTask[]): () => void {
  const ctl = MapController.of(map);
  ctl.setOverlay({ kind: 'field-review', data: fieldFeatures(reports, tasks) });
  return () => {
    if (map.getStyle()) ctl.removeOverlay({ kind: 'field-review' });
  };
}
