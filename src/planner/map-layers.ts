// The planner's sites on the map: those Terra Draw cannot edit (multi-part, with holes) and the selected site's
// highlight, as the 'sites' overlay of the MapController. Terra Draw renders the editable sites itself.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { MapController } from '../map/map-controller.ts';
import type { Site } from './site.ts';

export function updateSiteLayers(map: MapLibreMap, sites: Site[], inDraw: Set<string>, selected: string | null): void {
  MapController.of(map).setOverlay({
    kind: 'sites',
    sites: sites.map((s) => ({ id: s.id, name: s.name, geometry: s.geometry, editable: inDraw.has(s.id) })),
    selectedId: selected,
  });
}

export function removeSiteLayers(map: MapLibreMap): void {
  MapController.of(map).removeOverlay({ kind: 'sites' });
}

/** A PNG of the map: read the canvas inside a render event, while the drawing buffer still holds the frame. */
export function mapPng(map: MapLibreMap): Promise<string> {
  return new Promise((resolve) => {
    map.once('render', () => resolve(map.getCanvas().toDataURL('image/png')));
    map.triggerRepaint();
  });
}
