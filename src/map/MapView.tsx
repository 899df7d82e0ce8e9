// The MapLibre map, built from the layer registry. It owns the map instance; React state flows in through props
// (layer choices, language) and clicks flow out through onPick.
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useMemo, useRef } from 'react';
import { sourceId, sourceLayer } from '../layers/data-source.ts';
import type { LayerDef } from '../layers/types.ts';
import type { Lang } from '../ui/i18n-types.ts';
import type { LayerChoices } from './layer-state.ts';
import { buildStyle } from './map-style.ts';
import { onlineBasemapConfig } from './online-basemap.ts';
import { colourExpression, interactiveLayerId, labelText, styleLayerIds } from './style-layers.ts';
import { DATA_AS_OF_YEAR } from '../core/plan/years.ts';
import { HATCH_IMAGE, PLANNED_COLOUR, yearStyle } from './time-filter.ts';

// MapLibre 6 cannot find its worker after a Vite build unless it is told where the file went.
maplibregl.setWorkerUrl(workerUrl);
// Start the map's worker while React renders: every source is fetched and parsed there, so it is on the critical path.
maplibregl.prewarm();

export const XINGGUO_BOUNDS: [number, number, number, number] = [115.05, 26.05, 115.9, 26.75];

export interface PickedFeature {
  layer: LayerDef;
  id: string | number | undefined;
  properties: Record<string, unknown>;
  lngLat: [number, number];
}

interface Props {
  layers: LayerDef[];
  choices: LayerChoices;
  lang: Lang;
  onReady?: (map: maplibregl.Map) => void;
  onPick?: (picked: PickedFeature | null) => void;
  onCursor?: (lngLat: [number, number] | null) => void;
  onError?: (message: string) => void;
  selected?: { layer: LayerDef; id: string | number } | null;
  /** A 9-digit township code: layers with a townshipKey show only that township's features. */
  township?: string | null;
  /** The year control's year: time-aware layers (registry `time`) show their state as of its end. */
  year?: number;
}

/**
 * Every filter a style layer carries, from one place: the registry's thematic filter, the township selection and the
 * year (time-filter.ts). Stepping the year only calls setFilter/setPaintProperty on layers already on the map.
 */
function applyFilters(map: maplibregl.Map, layers: LayerDef[], code: string | null, year: number): void {
  for (const layer of layers) {
    const time = yearStyle(layer, year);
    for (const id of [...styleLayerIds(layer), `${layer.id}::selected`]) {
      if (!map.getLayer(id)) continue;
      if (layer.id === 'townships' && id === 'townships::outline') {
        // Emphasise the chosen township instead of hiding the others.
        map.setPaintProperty(id, 'line-width', code ? ['case', ['==', ['get', 'code'], code], 3.5, layer.style.lineWidth ?? 1] : layer.style.lineWidth ?? 1);
        continue;
      }
      const isLabel = id.endsWith('::label');
      if (isLabel && layer.labels) continue;
      const isPlanned = id.includes('::planned');
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
    if (time) applyPendingColour(map, layer, time.pendingColour);
  }
}

/** Features done only after the chosen year (a mine restored later) take the rule's pending colour. */
function applyPendingColour(map: maplibregl.Map, layer: LayerDef, pending: ((own: unknown) => unknown) | null): void {
  const s = layer.style;
  const target = layer.geometry === 'polygon' ? s.fill && [`${layer.id}::fill`, 'fill-color', s.fill] as const
    : layer.geometry === 'line' ? [`${layer.id}::line`, 'line-color', s.lineColour ?? { kind: 'single', colour: '#555' }] as const
    : [`${layer.id}::circle`, 'circle-color', s.circleColour ?? { kind: 'single', colour: '#333' }] as const;
  if (!target || !map.getLayer(target[0])) return;
  const own = colourExpression(target[2]);
  map.setPaintProperty(target[0], target[1], (pending ? pending(own) : own) as never);
}

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

function applyChoices(map: maplibregl.Map, layers: LayerDef[], choices: LayerChoices): void {
  for (const layer of layers) {
    const choice = choices[layer.id];
    if (!choice) continue;
    for (const id of [...styleLayerIds(layer), `${layer.id}::selected`]) {
      if (!map.getLayer(id)) continue;
      map.setLayoutProperty(id, 'visibility', choice.visible ? 'visible' : 'none');
      const type = map.getLayer(id)!.type;
      const base = layer.style.fillOpacity ?? 0.6;
      if (type === 'fill' && !id.endsWith('::hit')) map.setPaintProperty(id, 'fill-opacity', base * choice.opacity);
      if (type === 'line' && !id.endsWith('::selected')) map.setPaintProperty(id, 'line-opacity', choice.opacity);
      if (type === 'circle') map.setPaintProperty(id, 'circle-opacity', choice.opacity);
    }
  }
}

/**
 * `?source=geojson` loads tiled layers as their whole GeoJSON file instead: the naive baseline that `npm run bench`
 * measures beside the tiles in the same build. Nothing else reads it.
 */
function naiveGeoJson(): boolean {
  return new URLSearchParams(globalThis.location?.search ?? '').get('source') === 'geojson';
}

export function MapView({ layers: registryLayers, choices, lang, onReady, onPick, onCursor, onError, selected, township = null, year = DATA_AS_OF_YEAR }: Props) {
  const layers = useMemo(
    () => (naiveGeoJson() ? registryLayers.map((l) => (l.source.tiles ? { ...l, source: { file: l.source.file } } : l)) : registryLayers),
    [registryLayers],
  );
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  // map.isStyleLoaded() is false whenever a source is still loading tiles, so it cannot tell whether layers exist yet.
  // Track the first 'load' ourselves and queue changes made before it.
  const ready = useRef(false);
  const pending = useRef<Array<(map: maplibregl.Map) => void>>([]);
  const whenReady = (fn: (map: maplibregl.Map) => void) => {
    const map = mapRef.current;
    if (map && ready.current) fn(map);
    else pending.current.push(fn);
  };
  const props = useRef({ layers, choices, onPick, onCursor, onError });
  props.current = { layers, choices, onPick, onCursor, onError };

  useEffect(() => {
    // The map is built in a task of its own, after React has committed the page: WebGL context creation and style
    // setup take ~150 ms in software GL, and inside React's commit they made one task of ~350 ms (docs/scale.md).
    let built: maplibregl.Map | null = null;
    const build = setTimeout(() => {
      const online = onlineBasemapConfig(import.meta.env as Record<string, string | undefined>);
      const style = buildStyle(layers, lang, online);
      const map = new maplibregl.Map({
        container: container.current!,
        style,
        bounds: XINGGUO_BOUNDS,
        fitBoundsOptions: { padding: 20 },
        attributionControl: { compact: true },
        maxZoom: 18,
        // Labels appear at once instead of fading: each fade step is a full redraw, which software-rendered clients pay
        // for in whole frames during load.
        fadeDuration: 0,
        // Labels are drawn from local fonts; with no glyphs URL this also covers Latin text.
        localIdeographFontFamily: "'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif",
      });
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
      mapRef.current = map;
      built = map;
      (window as unknown as { __map?: maplibregl.Map }).__map = map; // for browser tests and debugging
      map.on('styleimagemissing', (e) => {
        if (e.id === HATCH_IMAGE && !map.hasImage(HATCH_IMAGE)) map.addImage(HATCH_IMAGE, hatchImage(), { pixelRatio: 1 });
      });
      map.addControl(new maplibregl.NavigationControl({ visualizePitch: false }), 'top-right');
      map.addControl(new maplibregl.ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-right');
      map.on('load', () => {
        ready.current = true;
        applyChoices(map, props.current.layers, props.current.choices);
        for (const fn of pending.current.splice(0)) fn(map);
        onReady?.(map);
      });
      map.on('error', (e) => {
        const err = (e as unknown as { error?: Error & { url?: string } }).error;
        const message = err?.message ?? 'map error';
        props.current.onError?.(err?.url ? `${err.url}: ${message}` : message);
      });
      map.on('mousemove', (e) => props.current.onCursor?.([e.lngLat.lng, e.lngLat.lat]));
      map.on('mouseout', () => props.current.onCursor?.(null));
      map.on('click', (e) => {
        const { layers: current, choices: ch } = props.current;
        const candidates = current.filter((l) => !l.context && ch[l.id]?.visible);
        const ids = candidates.map(interactiveLayerId).filter((id) => map.getLayer(id));
        // Overview squares of a tiled layer (low zoom) stand for many stands: no popup for them; a layer below may answer.
        const hits = map.queryRenderedFeatures(e.point, { layers: ids }).filter((h) => h.properties?.aggregate !== true);
        // Prefer features drawn with a fill or a symbol over invisible hit areas (township polygons).
        hits.sort((a, b) => Number(a.layer.id.endsWith('::hit')) - Number(b.layer.id.endsWith('::hit')));
        const hit = hits[0];
        if (!hit) return props.current.onPick?.(null);
        const layer = candidates.find((l) => interactiveLayerId(l) === hit.layer.id)!;
        props.current.onPick?.({ layer, id: hit.id, properties: { ...hit.properties }, lngLat: [e.lngLat.lng, e.lngLat.lat] });
      });
    }, 0);
    return () => {
      clearTimeout(build);
      built?.remove();
      mapRef.current = null;
      ready.current = false;
    };
    // The map is created once; later changes flow through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => whenReady((map) => applyChoices(map, layers, choices)), [layers, choices]);

  useEffect(
    () =>
      whenReady((map) => {
        for (const layer of layers) {
          const id = `${layer.id}::label`;
          if (map.getLayer(id)) map.setLayoutProperty(id, 'text-field', labelText(layer, lang) as never);
        }
      }),
    [lang, layers],
  );

  useEffect(() => {
    whenReady((map) => {
      applyFilters(map, layers, township, year);
      map.getContainer().dataset.year = String(year); // the year the map shows, for tests and the benchmark
    });
  }, [layers, township, year]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !selected) return;
    const source = sourceId(selected.layer.source);
    const srcLayer = sourceLayer(selected.layer.source);
    const target = { source, ...(srcLayer ? { sourceLayer: srcLayer } : {}), id: selected.id };
    try {
      map.setFeatureState(target, { selected: true });
    } catch {
      return; // the source is not loaded yet; nothing to highlight
    }
    return () => {
      if (map.getSource(source)) map.removeFeatureState(target, 'selected');
    };
  }, [selected]);

  return <div ref={container} className="map" data-testid="map" />;
}
