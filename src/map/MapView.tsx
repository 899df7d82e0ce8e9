// The MapLibre map, built from the layer registry. It owns the map and its MapController (map-controller.ts, the one
// module that changes the style); React state flows in through props (layer choices, language, township, year) and
// clicks flow out through onPick. onReady hands the map to the page for camera and events; style changes go through
// MapController.of(map).
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useMemo, useRef } from 'react';
import type { LayerDef } from '../layers/types.ts';
import type { Lang } from '../ui/i18n-types.ts';
import type { LayerChoices } from './layer-state.ts';
import { MapController, XINGGUO_BOUNDS } from './map-controller.ts';
import { onlineBasemapConfig } from './online-basemap.ts';
import { DATA_AS_OF_YEAR } from '../core/plan/years.ts';
import { mapWorkerChosen } from './map-worker.ts';

// MapLibre 6 cannot find its worker after a Vite build unless it is told where the file went (unless the page chose
// another source first: map-worker.ts).
if (!mapWorkerChosen()) maplibregl.setWorkerUrl(workerUrl);
// Start the map's worker while React renders: every source is fetched and parsed there, so it is on the critical path.
maplibregl.prewarm();

export { XINGGUO_BOUNDS };

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
  const ctlRef = useRef<MapController | null>(null);
  // map.isStyleLoaded() is false whenever a source is still loading tiles, so it cannot tell whether layers exist yet.
  // Track the first 'load' ourselves and queue changes made before it.
  const ready = useRef(false);
  const pending = useRef<Array<(map: MapController) => void>>([]);
  const whenReady = (fn: (map: MapController) => void) => {
    const map = ctlRef.current;
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
      const controller = MapController.create(container.current!, layers, lang, online, {
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
      const map = controller.map;
      ctlRef.current = controller;
      built = map;
      map.on('load', () => {
        ready.current = true;
        controller.setRegistryLayers(props.current.layers);
        controller.applyChoices(props.current.choices);
        for (const fn of pending.current.splice(0)) fn(controller);
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
        const candidates = current.filter((l) => !l.context && l.geometry !== 'raster' && ch[l.id]?.visible);
        const hit = controller.pick(e.point, candidates);
        if (!hit) return props.current.onPick?.(null);
        props.current.onPick?.({ ...hit, lngLat: [e.lngLat.lng, e.lngLat.lat] });
      });
    }, 0);
    return () => {
      clearTimeout(build);
      built?.remove();
      ctlRef.current = null;
      ready.current = false;
    };
    // The map is created once; later changes flow through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => whenReady((ctl) => { ctl.setRegistryLayers(layers); ctl.applyChoices(choices); }), [layers, choices]);

  useEffect(() => whenReady((ctl) => ctl.setLabelLanguage(lang)), [lang, layers]);
  // MapLibre's control tooltips follow the language too (the first language is given when the map is made).
  const controlLang = useRef(lang);
  useEffect(() => {
    if (controlLang.current === lang) return;
    controlLang.current = lang;
    whenReady((ctl) => ctl.setControlLanguage(lang));
  }, [lang]);

  useEffect(() => {
    whenReady((ctl) => {
      ctl.applyFilters(township, year);
      ctl.map.getContainer().dataset.year = String(year); // the year the map shows, for tests and the benchmark
    });
  }, [layers, township, year]);

  useEffect(() => {
    const ctl = ctlRef.current;
    if (!ctl || !selected) return;
    return ctl.select(selected.layer, selected.id);
  }, [selected]);

  return <div ref={container} className="map" data-testid="map" />;
}
