// Picking stands on a reference layer and merging them into one site: 框选 (drag a box on the map: the stands it
// touches), or 按条件选取 by 林班, 地类 (codes shown by name) and township; the picked stands are highlighted, counted
// and measured (ellipsoidal), and 合并 makes them one site (dissolved, holes kept) that is analysed against the layer's
// own stands. The stands stay in the planner worker; the page holds only their indexes and outlines.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { formatArea } from '../../core/geo/units.ts';
import { MapController } from '../../map/map-controller.ts';
import { fillText } from '../../ui/fill-text.ts';
import type { Lang } from '../../ui/i18n-types.ts';
import { valueName } from '../../ui/value-names.ts';
import { planner } from '../../workers/planner-client.ts';
import type { PickResult } from '../../workers/planner.worker.ts';
import { paren, pt } from '../text.ts';
import type { ReferenceMeta } from './reference-store.ts';
import type { FilterOption, StandFilter } from './reference-stands.ts';

export interface MergedStands {
  layer: ReferenceMeta;
  geometry: import('geojson').Polygon | import('geojson').MultiPolygon;
  count: number;
  stands: string[];
  shared: Record<string, string>;
  area_m2: number;
}

interface Props {
  lang: Lang;
  map: MapLibreMap | null;
  layers: ReferenceMeta[];
  /** Picking is on only while browsing (clicks draw or select in the other modes). */
  enabled: boolean;
  onMerged: (m: MergedStands) => void;
  /** A merge failed: the reason (the caller says "cannot merge: …"). */
  onError: (detail: string) => void;
}

type Box = [number, number, number, number];
const MAX_MERGE = 2000;

/** Box select on the map: while on, a drag draws a rectangle instead of panning; Esc leaves. */
function useBoxSelect(map: MapLibreMap | null, on: boolean, onBox: (box: Box, add: boolean) => void, onDone: () => void): void {
  const cb = useRef({ onBox, onDone });
  cb.current = { onBox, onDone };
  useEffect(() => {
    if (!map || !on) return;
    const container = map.getCanvasContainer();
    const rect = document.createElement('div');
    rect.className = 'planner-pick-box';
    rect.setAttribute('data-testid', 'pick-box-rect');
    map.dragPan.disable();
    map.boxZoom.disable();
    container.classList.add('is-box-picking');
    let start: [number, number] | null = null;
    const at = (e: MouseEvent): [number, number] => { const r = container.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; };
    const down = (e: MouseEvent) => {
      if (e.button !== 0) return;
      start = at(e);
      container.appendChild(rect);
      e.preventDefault();
      e.stopPropagation();
    };
    const move = (e: MouseEvent) => {
      if (!start) return;
      const p = at(e);
      Object.assign(rect.style, { left: `${Math.min(start[0], p[0])}px`, top: `${Math.min(start[1], p[1])}px`, width: `${Math.abs(p[0] - start[0])}px`, height: `${Math.abs(p[1] - start[1])}px` });
    };
    const up = (e: MouseEvent) => {
      if (!start) return;
      const p = at(e);
      const [a, b] = [map.unproject(start), map.unproject(p)];
      start = null;
      rect.remove();
      cb.current.onBox([Math.min(a.lng, b.lng), Math.min(a.lat, b.lat), Math.max(a.lng, b.lng), Math.max(a.lat, b.lat)], e.shiftKey);
      cb.current.onDone();
    };
    const key = (e: KeyboardEvent) => { if (e.key === 'Escape') cb.current.onDone(); };
    container.addEventListener('mousedown', down, true);
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
    window.addEventListener('keydown', key);
    return () => {
      container.removeEventListener('mousedown', down, true);
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
      window.removeEventListener('keydown', key);
      container.classList.remove('is-box-picking');
      rect.remove();
      map.dragPan.enable();
      map.boxZoom.enable();
    };
  }, [map, on]);
}

export function PickPanel({ lang, map, layers, enabled, onMerged, onError }: Props) {
  const [layerId, setLayerId] = useState<string>('');
  const layer = layers.find((l) => l.id === layerId) ?? layers[0];
  const [pick, setPick] = useState<PickResult | null>(null);
  const [boxing, setBoxing] = useState(false);
  const [options, setOptions] = useState<Record<keyof StandFilter, FilterOption[]> | null>(null);
  const [filter, setFilter] = useState<StandFilter>({});
  const [busy, setBusy] = useState(false);

  // The layer's filter options (its 林班, 地类 and townships), asked once per layer.
  useEffect(() => {
    setOptions(null);
    setFilter({});
    if (!layer) return;
    let live = true;
    void planner().referenceFilterOptions(layer.id).then((o) => live && setOptions(o));
    return () => { live = false; };
  }, [layer?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  // The picked stands on the map; gone with the pick (and with the panel).
  useEffect(() => {
    if (!map) return;
    const ctl = MapController.of(map);
    if (pick && pick.indices.length) ctl.whenStyleLoaded(() => ctl.setOverlay({ kind: 'pick', data: pick.geojson }));
    else ctl.removeOverlay({ kind: 'pick' });
  }, [map, pick]);
  useEffect(() => () => { if (map) MapController.of(map).removeOverlay({ kind: 'pick' }); }, [map]);
  // A pick belongs to its layer: removing or switching the layer drops it.
  useEffect(() => { if (pick && !layers.some((l) => l.id === pick.layerId)) setPick(null); }, [layers, pick]);
  useEffect(() => { if (!enabled) setBoxing(false); }, [enabled]);

  const combine = async (next: PickResult, add: boolean) => {
    if (add && pick && pick.layerId === next.layerId) {
      const all = [...new Set([...pick.indices, ...next.indices])].sort((a, b) => a - b);
      setPick(await planner().referencePicked(next.layerId, all));
    } else setPick(next);
  };

  useBoxSelect(map, boxing && enabled && !!layer, (box, add) => {
    if (!layer) return;
    void planner().referencePickBox(layer.id, box).then((r) => combine(r, add));
  }, () => setBoxing(false));

  const byFilter = async (add: boolean) => {
    if (!layer) return;
    await combine(await planner().referencePickFilter(layer.id, filter), add);
  };

  const merge = async () => {
    if (!pick || !layer) return;
    setBusy(true);
    try {
      const m = await planner().referenceMerge(layer.id, pick.indices);
      onMerged({ layer, ...m, area_m2: pick.area_m2 });
      setPick(null);
    } catch (e) {
      onError((e as Error)?.message ?? String(e));
    } finally {
      setBusy(false);
    }
  };

  if (!layer) return null;
  const n = pick?.indices.length ?? 0;
  const select = (key: keyof StandFilter, label: 'pickLinBan' | 'pickLandClass' | 'pickTownship') => options && options[key].length > 0 && (
    <label className="planner-check planner-small">
      {pt(lang, label)}
      <select data-testid={`pick-filter-${key}`} value={filter[key] ?? ''} onChange={(e) => setFilter((f) => ({ ...f, [key]: e.target.value || undefined }))}>
        <option value="">{pt(lang, 'pickAny')}</option>
        {options[key].map((o) => (
          <option key={o.value} value={o.value}>{o.name ? `${o.value} ${valueName(o.name, lang)}` : valueName(o.value, lang)}{paren(lang, String(o.count))}</option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="planner-pick" data-testid="pick-panel">
      <h4>{pt(lang, 'pickHeading')}</h4>
      {layers.length > 1 && (
        <label className="planner-check planner-small">{pt(lang, 'pickLayer')}
          <select data-testid="pick-layer" value={layer.id} onChange={(e) => { setLayerId(e.target.value); setPick(null); }}>
            {layers.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
          </select>
        </label>
      )}
      <div className="planner-row">
        <button type="button" data-testid="pick-box" aria-pressed={boxing} disabled={!enabled} onClick={() => setBoxing(!boxing)}>{pt(lang, 'pickBox')}</button>
        {boxing && <span className="planner-muted planner-small" data-testid="pick-box-hint">{pt(lang, 'pickBoxHint')}</span>}
      </div>
      {options && (
        <details className="planner-small" data-testid="pick-filter">
          <summary>{pt(lang, 'pickByFilter')}</summary>
          <div className="planner-row">
            {select('township', 'pickTownship')}
            {select('linBan', 'pickLinBan')}
            {select('landClass', 'pickLandClass')}
          </div>
          <div className="planner-row">
            <button type="button" data-testid="pick-filter-apply" onClick={() => void byFilter(false)}>{pt(lang, 'pickApply')}</button>
            <button type="button" data-testid="pick-filter-add" disabled={!pick} onClick={() => void byFilter(true)}>{pt(lang, 'pickAdd')}</button>
          </div>
        </details>
      )}
      {pick && (
        <div data-testid="pick-result" data-count={n} data-area-m2={pick.area_m2}>
          <p className="planner-small">{n === 0 ? pt(lang, 'pickNone') : fillText(pt(lang, n === 1 ? 'pickedSummaryOne' : 'pickedSummary'), { count: n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US'), area: `${formatArea(pick.area_m2, 'mu', lang)}${paren(lang, formatArea(pick.area_m2, 'ha', lang))}` })}</p>
          {n > MAX_MERGE && <p className="planner-error planner-small">{fillText(pt(lang, 'pickTooMany'), { count: n, max: MAX_MERGE })}</p>}
          <div className="planner-row">
            <button type="button" data-testid="pick-merge" disabled={n === 0 || n > MAX_MERGE || busy} onClick={() => void merge()}>{pt(lang, 'pickMerge')}</button>
            <button type="button" data-testid="pick-clear" onClick={() => setPick(null)}>{pt(lang, 'pickClear')}</button>
          </div>
        </div>
      )}
    </div>
  );
}
