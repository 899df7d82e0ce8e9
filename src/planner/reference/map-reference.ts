// Reference layers on the MapLibre map: the 'reference' overlay of the MapController, a GeoJSON source fed a blob: URL
// (MapLibre fetches and tiles it in its own worker; the page's main thread never parses the features), drawn as a
// light fill and an outline under Terra Draw's layers. This module owns the blob: URLs.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { MapController } from '../../map/map-controller.ts';

const urls = new Map<string, string>();

export function addReferenceLayer(map: MapLibreMap, id: string, geojson: Blob, visible: boolean): void {
  const ctl = MapController.of(map);
  if (ctl.hasOverlay({ kind: 'reference', id })) return;
  const url = URL.createObjectURL(geojson);
  urls.set(id, url);
  ctl.setOverlay({ kind: 'reference', id, url, visible });
}

export function setReferenceVisible(map: MapLibreMap, id: string, visible: boolean): void {
  MapController.of(map).setOverlayVisible({ kind: 'reference', id }, visible);
}

export function removeReferenceLayer(map: MapLibreMap, id: string): void {
  MapController.of(map).removeOverlay({ kind: 'reference', id });
  const url = urls.get(id);
  if (url) URL.revokeObjectURL(url);
  urls.delete(id);
}
