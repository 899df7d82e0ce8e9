// The one module that changes the MapLibre map's style: it adds, styles, filters and removes the registry layers'
// style layers, the overlays (overlays.ts), feature state, controls and deck.gl overlays. The rest of the app hands it
// registry entries and typed overlay descriptors and names layers by key and role (layer-ids.ts), never by id string.
// Camera, events and popups stay on the map instance (`controller.map`), which every map consumer already holds.
import * as maplibregl from 'maplibre-gl';
import type { Feature, FeatureCollection } from 'geojson';
import { sourceId, sourceLayer } from '../layers/data-source.ts';
import type { LayerDef, LayerSource } from '../layers/types.ts';
import { exposeForTests, TEST_HOOKS } from '../test-hooks.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { mapLocale } from '../ui/i18n-map.ts';
import { layerId, roleOf } from './layer-ids.ts';
import type { LayerChoices } from './layer-state.ts';
import { buildStyle } from './map-style.ts';
import type { OnlineBasemapConfig } from './online-basemap.ts';
import { overlayData, overlayKey, overlayLayerIds, overlayLayers, type Overlay, type OverlayRef } from './overlays.ts';
import { colourExpression, interactiveLayerId, interactiveRole, labelText, styleLayerIds } from './style-layers.ts';
import { HATCH_IMAGE, PLANNED_COLOUR, yearStyle } from './time-filter.ts';
import { setRasterLayers } from './raster-protocol.ts';
import { swipeClipLayers, type SwipeSide, type SwipeState } from './swipe-clip.ts';

export const XINGGUO_BOUNDS: [number, number, number, number] = [115.05, 26.05, 115.9, 26.75];

/** A registry feature under the pointer. */
export interface LayerHit {
  layer: LayerDef;
  id: string | number | undefined;
  properties: Record<string, unknown>;
}

const controllers = new WeakMap<maplibregl.Map, MapController>();

/** Diagonal hatching for planned features, drawn once into an image (no sprite file, nothing fetched). */
function hatchImage(): { width: number; height: number; data: Uint8Array } {
  const n = 8;
  const data = new Uint8Array(n * n * 4);
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(PLANNED_COLOUR.slice(i, i + 2), 16));
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const on = (x + y) % n < 2;
      data.set(on ? [r, g, b, 255] : [0, 0, 0, 0], (y * n + x) * 4);
    }
  }
  return { width: n, height: n, data };
}

export class MapController {
  /** The registry layers the map was built from (MapView's list). */
  private layers: LayerDef[] = [];

  private constructor(readonly map: maplibregl.Map) {
    controllers.set(map, this);
  }

  /** The controller of a map built by MapView (map consumers receive the map from MapView's onReady). */
  static of(map: maplibregl.Map): MapController {
    return controllers.get(map) ?? new MapController(map);
  }

  /** Builds the map from the registry: the offline style, an optional online basemap below it, the controls. */
  static create(container: HTMLElement, layers: LayerDef[], lang: Lang, online: OnlineBasemapConfig, options: Partial<maplibregl.MapOptions>): MapController {
    setRasterLayers(layers); // the raster protocol's tiles (raster-protocol.ts) before the style asks for any
    const style = buildStyle(layers, lang, online);
    // The attribution control is added with the others (below), so a switch of language can re-create it.
    const { attributionControl, ...rest } = options;
    const map = new maplibregl.Map({ container, style, ...rest, attributionControl: false, locale: mapLocale(lang) });
    if (online.styleUrl) {
      // An online style below our layers: keep its layers, then add ours (without our background).
      map.setStyle(online.styleUrl, {
        transformStyle: (_prev, next) => ({
          ...next,
          sources: { ...next.sources, ...style.sources },
          layers: [...next.layers, ...style.layers.filter((l) => l.id !== 'background')],
        }),
      });
    }
    const controller = new MapController(map);
    controller.layers = layers;
    if (TEST_HOOKS) exposeForTests({ __map: map });
    map.on('styleimagemissing', (e) => {
      if (e.id === HATCH_IMAGE && !map.hasImage(HATCH_IMAGE)) map.addImage(HATCH_IMAGE, hatchImage(), { pixelRatio: 1 });
    });
    controller.attribution = attributionControl === false ? false : (typeof attributionControl === 'object' ? attributionControl : {});
    controller.addControls();
    return controller;
  }

  /** The attribution control's options (false: none), kept to re-create it in another language. */
  private attribution: maplibregl.AttributionControlOptions | false = {};
  private controls: maplibregl.IControl[] = [];

  private addControls(): void {
    this.controls = [new maplibregl.NavigationControl({ visualizePitch: false }), new maplibregl.ScaleControl({ unit: 'metric', maxWidth: 120 })];
    this.map.addControl(this.controls[0], 'top-right');
    this.map.addControl(this.controls[1], 'bottom-right');
    if (this.attribution) {
      this.controls.push(new maplibregl.AttributionControl(this.attribution));
      this.map.addControl(this.controls[2], 'bottom-right');
    }
  }

  /**
   * MapLibre's own texts (the controls' tooltips and aria-labels, the canvas's label, popups' close buttons) in the UI
   * language: the map reads its locale when a control is made, so the controls are made again.
   */
  setControlLanguage(lang: Lang): void {
    const map = this.map as maplibregl.Map & { _locale: Record<string, string> };
    map._locale = { ...map._locale, ...mapLocale(lang) };
    for (const c of this.controls) map.removeControl(c);
    this.addControls();
    map.getCanvas().setAttribute('aria-label', mapLocale(lang)['Map.Title']);
  }

  setRegistryLayers(layers: LayerDef[]): void {
    this.layers = layers;
    setRasterLayers(layers);
  }

  /** The swipe comparison's divider (read by the clip layers at every frame) and the layers it clips. */
  private swipe: { state: SwipeState; clipped: string[] } | null = null;

  /**
   * Shows `left` on the left of the divider and `right` on its right (both raster layers of the registry), or ends the
   * comparison (null). Both are made visible while it lasts; applyChoices restores the panel's choices after.
   */
  setSwipe(pair: { left: LayerDef; right: LayerDef } | null, fraction = 0.5): void {
    const map = this.map;
    const wanted = pair ? [pair.left.id, pair.right.id] : [];
    if (this.swipe && JSON.stringify(this.swipe.clipped) === JSON.stringify(wanted)) {
      this.swipe.state.fraction = fraction;
      map.triggerRepaint();
      return;
    }
    for (const key of this.swipe?.clipped ?? []) {
      for (const role of ['swipe-start', 'swipe-end'] as const) if (map.getLayer(layerId(key, role))) map.removeLayer(layerId(key, role));
    }
    this.swipe = null;
    if (!pair) {
      map.triggerRepaint();
      return;
    }
    const state: SwipeState = { fraction };
    // The same raster on both sides (the year control brought the right side to the left one's year): drawn whole.
    const sides: [LayerDef, SwipeSide][] = pair.left.id === pair.right.id ? [] : [[pair.left, 'left'], [pair.right, 'right']];
    for (const [layer, side] of sides) {
      const id = layerId(layer.id, 'raster');
      if (!map.getLayer(id)) continue;
      map.setLayoutProperty(id, 'visibility', 'visible');
      // The clip wraps the raster layer exactly: start right below it, end right above it.
      const above = map.getStyle().layers[map.getStyle().layers.findIndex((l) => l.id === id) + 1]?.id;
      const [start, end] = swipeClipLayers({ start: layerId(layer.id, 'swipe-start'), end: layerId(layer.id, 'swipe-end') }, side, state);
      map.addLayer(start, id);
      map.addLayer(end, above);
    }
    this.swipe = { state, clipped: wanted };
    map.triggerRepaint();
  }

  /** Every style layer of a registry entry on the map, with its selection highlight. */
  private registryLayerIds(layer: LayerDef): string[] {
    return [...styleLayerIds(layer), layerId(layer.id, 'selected')].filter((id) => this.map.getLayer(id));
  }

  /** The user's on/off and opacity choices. */
  applyChoices(choices: LayerChoices): void {
    const map = this.map;
    for (const layer of this.layers) {
      const choice = choices[layer.id];
      if (!choice) continue;
      for (const id of this.registryLayerIds(layer)) {
        map.setLayoutProperty(id, 'visibility', choice.visible ? 'visible' : 'none');
        const type = map.getLayer(id)!.type;
        const role = roleOf(id);
        const base = layer.style.fillOpacity ?? 0.6;
        if (type === 'fill' && role !== 'hit') map.setPaintProperty(id, 'fill-opacity', base * choice.opacity);
        if (type === 'line' && role !== 'selected') map.setPaintProperty(id, 'line-opacity', choice.opacity);
        if (type === 'circle') map.setPaintProperty(id, 'circle-opacity', choice.opacity);
        if (type === 'raster') map.setPaintProperty(id, 'raster-opacity', (layer.raster?.opacity ?? 1) * choice.opacity);
      }
    }
  }

  /**
   * Every filter a style layer carries, from one place: the registry's thematic filter, the township selection and the
   * year (time-filter.ts). Stepping the year only calls setFilter/setPaintProperty on layers already on the map.
   */
  applyFilters(code: string | null, year: number): void {
    const map = this.map;
    for (const layer of this.layers) {
      const time = yearStyle(layer, year);
      for (const id of this.registryLayerIds(layer)) {
        const role = roleOf(id);
        if (layer.id === 'townships' && role === 'outline') {
          // Emphasise the chosen township instead of hiding the others.
          map.setPaintProperty(id, 'line-width', code ? ['case', ['==', ['get', 'code'], code], 3.5, layer.style.lineWidth ?? 1] : layer.style.lineWidth ?? 1);
          continue;
        }
        const isLabel = role === 'label';
        if (isLabel && layer.labels) continue;
        const isPlanned = role === 'planned' || role === 'planned-outline';
        const parts: unknown[] = [];
        if (layer.filter) parts.push(layer.filter);
        if (layer.townshipKey && code) parts.push(['==', ['get', layer.townshipKey], code]);
        if (time && isPlanned) parts.push(time.planned);
        else if (time?.main && !isLabel) parts.push(time.main);
        if (!layer.townshipKey && !time) continue;
        const next = parts.length === 0 ? null : parts.length === 1 ? parts[0] : ['all', ...parts];
        // Only real changes: MapLibre stores a cleared filter as undefined, so setFilter(null) would count as a change
        // every time and re-lay the whole source (all stand layers) at every year step.
        if (JSON.stringify(map.getFilter(id) ?? null) !== JSON.stringify(next)) map.setFilter(id, next as never);
      }
      if (time) this.applyPendingColour(layer, time.pendingColour);
    }
  }

  /** Features done only after the chosen year (a mine restored later) take the rule's pending colour. */
  private applyPendingColour(layer: LayerDef, pending: ((own: unknown) => unknown) | null): void {
    const s = layer.style;
    if (layer.geometry === 'raster') return;
    const rule = layer.geometry === 'polygon' ? s.fill : layer.geometry === 'line' ? s.lineColour ?? { kind: 'single' as const, colour: '#555' } : s.circleColour ?? { kind: 'single' as const, colour: '#333' };
    if (!rule) return;
    const own = colourExpression(rule);
    this.setLayerColour(layer.id, pending ? pending(own) : own);
  }

  /**
   * Sets the main colour (fill, line or circle) of a registry layer to a MapLibre colour expression, e.g. the public
   * page's choropleth. False when the layer is not on the map.
   */
  setLayerColour(key: string, colour: unknown): boolean {
    const layer = this.layers.find((l) => l.id === key);
    if (!layer) return false;
    const role = interactiveRole(layer);
    if (role === 'hit') return false;
    const id = layerId(key, role);
    if (!this.map.getLayer(id)) return false;
    this.map.setPaintProperty(id, role === 'fill' ? 'fill-color' : role === 'line' ? 'line-color' : 'circle-color', colour as never);
    return true;
  }

  /** Label text in the chosen language. */
  setLabelLanguage(lang: Lang): void {
    for (const layer of this.layers) {
      const id = layerId(layer.id, 'label');
      if (this.map.getLayer(id)) this.map.setLayoutProperty(id, 'text-field', labelText(layer, lang) as never);
    }
  }

  /** Highlights one feature of a registry layer; returns the function that clears it. */
  select(layer: LayerDef, id: string | number): () => void {
    const map = this.map;
    const source = sourceId(layer.source);
    const srcLayer = sourceLayer(layer.source);
    const target = { source, ...(srcLayer ? { sourceLayer: srcLayer } : {}), id };
    try {
      map.setFeatureState(target, { selected: true });
    } catch {
      return () => {}; // the source is not loaded yet; nothing to highlight
    }
    return () => {
      if (map.getSource(source)) map.removeFeatureState(target, 'selected');
    };
  }

  /** The registry feature at a point among the given layers, fills and symbols before invisible hit areas. */
  pick(point: maplibregl.PointLike, candidates: LayerDef[]): LayerHit | null {
    const ids = candidates.map(interactiveLayerId).filter((id) => this.map.getLayer(id));
    // Overview squares of a tiled layer (low zoom) stand for many stands: no popup for them; a layer below may answer.
    const hits = this.map.queryRenderedFeatures(point, { layers: ids }).filter((h) => h.properties?.aggregate !== true);
    // Prefer features drawn with a fill or a symbol over invisible hit areas (township polygons).
    hits.sort((a, b) => Number(roleOf(a.layer.id) === 'hit') - Number(roleOf(b.layer.id) === 'hit'));
    const hit = hits[0];
    if (!hit) return null;
    const layer = candidates.find((l) => interactiveLayerId(l) === hit.layer.id)!;
    return { layer, id: hit.id, properties: { ...hit.properties } };
  }

  /** Rendered features of registry layers (by id) in a pixel box: what snapping may snap to. */
  renderedFeatures(box: [[number, number], [number, number]], keys: string[]): Feature[] {
    const ids = this.layers.filter((l) => keys.includes(l.id)).map(interactiveLayerId).filter((id) => this.map.getLayer(id));
    return ids.length ? this.map.queryRenderedFeatures(box, { layers: ids }) : [];
  }

  /** Per registry layer (by id): the features drawn in the current view (a printed map's legend lists these only). */
  renderedInView(keys: string[]): Map<string, Feature[]> {
    const canvas = this.map.getCanvas();
    const box: [[number, number], [number, number]] = [[0, 0], [canvas.clientWidth, canvas.clientHeight]];
    const out = new Map<string, Feature[]>();
    for (const key of keys) {
      const found = this.renderedFeatures(box, [key]).filter((f) => f.properties?.aggregate !== true);
      if (found.length) out.set(key, found);
    }
    return out;
  }

  /** How many labels (symbol features: registry labels and the sites' names) are drawn in the current view. */
  labelsInView(): number {
    const ids = this.map.getStyle().layers.filter((l) => l.type === 'symbol' && this.map.getLayoutProperty(l.id, 'visibility') !== 'none').map((l) => l.id);
    return ids.length ? this.map.queryRenderedFeatures({ layers: ids }).length : 0;
  }

  /** Features of a data file's source (loaded tiles or the whole GeoJSON) that pass a filter. */
  sourceFeatures(source: LayerSource, filter: unknown): Feature[] {
    return this.map.querySourceFeatures(sourceId(source), { filter: filter as maplibregl.FilterSpecification });
  }

  /** Reloads a GeoJSON registry source from a URL (after the server changed its file). */
  reloadSource(source: LayerSource, url: string): void {
    const src = this.map.getSource(sourceId(source)) as maplibregl.GeoJSONSource | undefined;
    void src?.setData(url);
  }

  /** Runs fn once the style can take new sources (now, or at the next idle). */
  whenStyleLoaded(fn: () => void): void {
    if (this.map.isStyleLoaded()) fn();
    else this.map.once('idle', fn);
  }

  /** Adds an overlay, or updates the data (and visibility) of the one already there. */
  setOverlay(o: Overlay): void {
    const map = this.map;
    const key = overlayKey(o);
    const data = overlayData(o);
    const src = map.getSource(key) as maplibregl.GeoJSONSource | undefined;
    if (src) {
      void src.setData(data as FeatureCollection);
      if (o.kind === 'reference') this.setOverlayVisible(o, o.visible);
      return;
    }
    if ((o.kind === 'sites' || o.kind === 'siting' || o.kind === 'field-review' || o.kind === 'carbon-project') && !map.isStyleLoaded()) {
      // Not before the style has loaded: the first sites arrive while the map is still building.
      map.once('idle', () => this.setOverlay(o));
      return;
    }
    map.addSource(key, { type: 'geojson', data: data as FeatureCollection });
    // Reference layers, picked stands and the siting highlight lie under Terra Draw's layers (td-…), so drawn sites stay on top.
    const before = o.kind === 'reference' || o.kind === 'siting' || o.kind === 'pick' ? map.getLayersOrder().find((id) => id.startsWith('td-')) : undefined;
    for (const spec of overlayLayers(o)) map.addLayer(spec, before);
  }

  hasOverlay(o: OverlayRef): boolean {
    return !!this.map.getSource(overlayKey(o));
  }

  setOverlayVisible(o: OverlayRef, visible: boolean): void {
    for (const id of overlayLayerIds(o)) if (this.map.getLayer(id)) this.map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }

  removeOverlay(o: OverlayRef): void {
    for (const id of overlayLayerIds(o)) if (this.map.getLayer(id)) this.map.removeLayer(id);
    if (this.map.getSource(overlayKey(o))) this.map.removeSource(overlayKey(o));
  }

  /** A deck.gl MapLibreOverlay (or another control drawn over the map); deck.gl is loaded lazily by its caller. */
  addDeckOverlay(overlay: maplibregl.IControl): void {
    this.map.addControl(overlay);
  }

  removeDeckOverlay(overlay: maplibregl.IControl): void {
    this.map.removeControl(overlay);
  }
}
