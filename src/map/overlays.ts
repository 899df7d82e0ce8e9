// The map's overlays — the planner's own layers on top of the registry layers — as typed descriptors, and the pure
// translation of each into its GeoJSON source and MapLibre style layers (MapController adds, updates and removes them).
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { LayerSpecification } from 'maplibre-gl';
import { layerId } from './layer-ids.ts';
import { LABEL_FONTS } from './style-layers.ts';

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
  | { kind: 'field'; data: FeatureCollection }
  /** The selected site's siting findings: each affected part with its verdict (properties.verdict), most serious last. */
  | { kind: 'siting'; data: FeatureCollection }
  /** Stands picked on a reference layer (box or filter), before they are merged into a site. */
  | { kind: 'pick'; data: FeatureCollection }
  /** The bureau's 外业 panel: where reports were made and where tasks send someone (points with kind and status). */
  | { kind: 'field-review'; data: FeatureCollection }
  /** The parcels of the open carbon-sink project, coloured by eligibility (properties.status: eligible/failing/pending). */
  | { kind: 'carbon-project'; data: FeatureCollection };

export type OverlayKind = Overlay['kind'];

/** Overlays are named by kind (one of each) or, for reference layers, by kind and id. */
export type OverlayRef = { kind: 'sites' } | { kind: 'import-preview' } | { kind: 'siting' } | { kind: 'reference'; id: string } | { kind: 'pick' } | { kind: 'field' } | { kind: 'field-review' } | { kind: 'carbon-project' };

/** The colour of a carbon-sink project's parcel by eligibility (the panel's and the printed document's legend use it). */
export const ELIGIBILITY_COLOURS: Record<string, string> = { eligible: '#1b9e3e', failing: '#d32f2f', pending: '#757575' };

/** The colour of each siting verdict on the map (the panel uses the same, planner.css .verdict--*). */
export const VERDICT_COLOURS: Record<string, string> = { 禁止: '#d32f2f', 需审批: '#f57c00', 注意: '#fbc02d', 允许: '#388e3c' };

/** The key of an overlay: its source id and the key of its layer ids. */
export function overlayKey(o: OverlayRef): string {
  if (o.kind === 'sites') return 'planner-sites';
  if (o.kind === 'import-preview') return 'planner-preview';
  if (o.kind === 'field') return 'field-gps';
  if (o.kind === 'siting') return 'planner-siting';
  if (o.kind === 'pick') return 'planner-pick';
  if (o.kind === 'field-review') return 'field-review';
  if (o.kind === 'carbon-project') return 'planner-carbon-project';
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
/** A reference layer's outlines appear from this zoom (a stand of ~5 ha is then some 20 px across). */
export const REFERENCE_OUTLINE_MINZOOM = 13;
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
      // Each site's name on the map (and so on the printed report's map).
      { id: layerId(key, 'label'), type: 'symbol', source, layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONTS, 'text-size': 13, 'text-max-width': 10 },
        paint: { 'text-color': '#4a1486', 'text-halo-color': 'rgba(255,255,255,0.95)', 'text-halo-width': 1.6 } },
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
  } else if (o.kind === 'siting') {
    const colour = ['match', ['get', 'verdict'], ...Object.entries(VERDICT_COLOURS).flat(), '#757575'];
    // Fill only: the parts are cut into convex pieces, whose edges inside a part are not boundaries worth drawing (and
    // no antialiasing, which would show them as seams).
    out = [{ id: layerId(key, 'fill'), type: 'fill', source, paint: { 'fill-color': colour, 'fill-opacity': 0.35, 'fill-antialias': false } }];
  } else if (o.kind === 'pick') {
    out = [
      { id: layerId(key, 'fill'), type: 'fill', source, filter: IS_POLYGON, paint: { 'fill-color': '#ffd400', 'fill-opacity': 0.45 } },
      { id: layerId(key, 'line'), type: 'line', source, paint: { 'line-color': '#b35900', 'line-width': 2 } },
    ];
  } else if (o.kind === 'field-review') {
    // Reports: small, coloured by review status; tasks: larger with a thick white ring.
    const isTask = ['==', ['get', 'kind'], 'task'];
    out = [{
      id: layerId(key, 'point'), type: 'circle', source,
      paint: {
        'circle-radius': ['case', isTask, 7, 5],
        'circle-color': ['match', ['get', 'status'], 'submitted', '#d97706', 'accepted', '#15803d', 'returned', '#b91c1c', 'open', '#2563eb', '#6b7280'],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': ['case', isTask, 3, 1.5],
      },
    }];
  } else if (o.kind === 'carbon-project') {
    const colour = ['match', ['get', 'status'], ...Object.entries(ELIGIBILITY_COLOURS).flat(), '#757575'];
    out = [
      { id: layerId(key, 'fill'), type: 'fill', source, paint: { 'fill-color': colour, 'fill-opacity': 0.4 } },
      { id: layerId(key, 'line'), type: 'line', source, paint: { 'line-color': colour, 'line-width': 3 } },
      { id: layerId(key, 'label'), type: 'symbol', source, layout: { 'text-field': ['get', 'label'], 'text-font': LABEL_FONTS, 'text-size': 13, 'text-max-width': 10 },
        paint: { 'text-color': '#000', 'text-halo-color': 'rgba(255,255,255,0.95)', 'text-halo-width': 1.6 } },
    ];
  } else {
    // Over green stands a green outline at every zoom read as a dark-green grid: a light blue tint shows where the
    // layer is, and its outlines (steel blue, not green) are drawn only from zoom 13, where stands are big enough to tell.
    const layout = { visibility: o.visible ? 'visible' : 'none' };
    out = [
      { id: layerId(key, 'fill'), type: 'fill', source, layout, filter: IS_POLYGON, paint: { 'fill-color': '#6baed6', 'fill-opacity': 0.18 } },
      { id: layerId(key, 'line'), type: 'line', source, layout, minzoom: REFERENCE_OUTLINE_MINZOOM,
        paint: { 'line-color': '#2c5d8f', 'line-width': ['interpolate', ['linear'], ['zoom'], REFERENCE_OUTLINE_MINZOOM, 0.6, 16, 1.6] } },
    ];
  }
  return out as unknown as LayerSpecification[];
}

/** The ids of every style layer an overlay of this kind may own (for removal). */
export function overlayLayerIds(o: OverlayRef): string[] {
  const key = overlayKey(o);
  return (['fill', 'line', 'point', 'selected', 'label'] as const).map((role) => layerId(key, role));
}
