// The map's overlays — the planner's own layers on top of the registry layers — as typed descriptors, and the pure
// translation of each into its GeoJSON source and MapLibre style layers (MapController adds, updates and removes them).
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { LayerSpecification } from 'maplibre-gl';
import { layerId } from './layer-ids.ts';

/** A planner site as the map draws it; `editable` ones are drawn by Terra Draw instead (only their highlight is ours). */
export interface SiteOnMap {
  id: string;
  name: string;
  geometry: Geometry;
  editable: boolean;
}

export type Overlay =
  /** The planner's sites: those Terra Draw cannot edit (multi-part, with holes) and the selected site's highlight. */
  | { kind: 'sites'; sites: SiteOnMap[]; selectedId: string | null }
  /** An import's preview before its features are added: the features, or a blob: URL of a large file's GeoJSON. */
  | { kind: 'import-preview'; data: FeatureCollection | string }
  /** A workspace reference layer: a blob: URL of its GeoJSON (fetched and tiled in MapLibre's worker). */
  | { kind: 'reference'; id: string; url: string; visible: boolean }
  /**
   * The field page's GPS layer: features with a `role` property — 'accuracy' (the accuracy circle), 'boundary' (a
   * closed walked polygon), 'track' (the line being walked), 'position' and 'target' (points).
   */
  | { kind: 'field'; data: FeatureCollection };

export type OverlayKind = Overlay['kind'];

/** Overlays are named by kind (one of each) or, for reference layers, by kind and id. */
export type OverlayRef = { kind: 'sites' } | { kind: 'import-preview' } | { kind: 'reference'; id: string } | { kind: 'field' };

/** The key of an overlay: its source id and the key of its layer ids. */
export function overlayKey(o: OverlayRef): string {
  if (o.kind === 'sites') return 'planner-sites';
  if (o.kind === 'import-preview') return 'planner-preview';
  if (o.kind === 'field') return 'field-gps';
  return `planner-ref-${o.id}`;
}

/** The data of an overlay's GeoJSON source. */
export function overlayData(o: Overlay): FeatureCollection | string {
  if (o.kind === 'sites') {
    return {
      type: 'FeatureCollection',
      features: o.sites.map((s): Feature => ({ type: 'Feature', geometry: s.geometry, properties: { id: s.id, name: s.name, static: !s.editable, selected: s.id === o.selectedId } })),
    };
  }
  return o.kind === 'reference' ? o.url : o.data;
}

const ROLE = (role: string) => ['==', ['get', 'role'], role];

const IS_POLYGON = ['==', ['geometry-type'], 'Polygon'];
const IS_POINT = ['==', ['geometry-type'], 'Point'];

/** The style layers of an overlay, bottom to top. */
export function overlayLayers(o: Overlay): LayerSpecification[] {
  const key = overlayKey(o);
  const source = key;
  let out: Record<string, unknown>[];
  if (o.kind === 'sites') {
    out = [
      { id: layerId(key, 'fill'), type: 'fill', source, filter: ['all', ['get', 'static'], IS_POLYGON], paint: { 'fill-color': '#6a3d9a', 'fill-opacity': 0.25 } },
      { id: layerId(key, 'line'), type: 'line', source, filter: ['get', 'static'], paint: { 'line-color': '#6a3d9a', 'line-width': 2 } },
      { id: layerId(key, 'point'), type: 'circle', source, filter: ['all', ['get', 'static'], IS_POINT], paint: { 'circle-color': '#6a3d9a', 'circle-radius': 5 } },
      { id: layerId(key, 'selected'), type: 'line', source, filter: ['get', 'selected'], paint: { 'line-color': '#e31a1c', 'line-width': 3 } },
    ];
  } else if (o.kind === 'import-preview') {
    out = [
      { id: layerId(key, 'fill'), type: 'fill', source, filter: IS_POLYGON, paint: { 'fill-color': '#ff7f00', 'fill-opacity': 0.25 } },
      { id: layerId(key, 'line'), type: 'line', source, paint: { 'line-color': '#ff7f00', 'line-width': 2, 'line-dasharray': [2, 1] } },
      { id: layerId(key, 'point'), type: 'circle', source, filter: IS_POINT, paint: { 'circle-color': '#ff7f00', 'circle-radius': 5 } },
    ];
  } else if (o.kind === 'field') {
    // High contrast for sunlight: dark blue edges with white halos.
    out = [
      { id: layerId(key, 'fill'), type: 'fill', source, filter: ['any', ROLE('accuracy'), ROLE('boundary')], paint: { 'fill-color': ['case', ROLE('boundary'), '#ffb000', '#1565c0'], 'fill-opacity': ['case', ROLE('boundary'), 0.35, 0.18] } },
      { id: layerId(key, 'line'), type: 'line', source, filter: ['any', ROLE('track'), ROLE('boundary')], paint: { 'line-color': ['case', ROLE('boundary'), '#b35c00', '#d50000'], 'line-width': 4 } },
      { id: layerId(key, 'point'), type: 'circle', source, filter: ['any', ROLE('position'), ROLE('target')], paint: { 'circle-color': ['case', ROLE('target'), '#d50000', '#1565c0'], 'circle-radius': 9, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 } },
    ];
  } else {
    const layout = { visibility: o.visible ? 'visible' : 'none' };
    out = [
      { id: layerId(key, 'fill'), type: 'fill', source, layout, filter: IS_POLYGON, paint: { 'fill-color': '#1b9e77', 'fill-opacity': 0.12 } },
      { id: layerId(key, 'line'), type: 'line', source, layout, paint: { 'line-color': '#1b9e77', 'line-width': 1.2 } },
    ];
  }
  return out as unknown as LayerSpecification[];
}

/** The ids of every style layer an overlay of this kind may own (for removal). */
export function overlayLayerIds(o: OverlayRef): string[] {
  const key = overlayKey(o);
  return (['fill', 'line', 'point', 'selected'] as const).map((role) => layerId(key, role));
}
