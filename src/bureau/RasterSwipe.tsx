// The swipe comparison of two raster layers of the registry (e.g. land cover 2020 | 2025): a control to choose them and
// a vertical divider over the map, dragged by mouse, pen or touch (pointer events) or moved with the keyboard (a
// focusable slider handle: ←/→ 1 %, Shift 10 %, Home/End). The map keeps one style; MapController.setSwipe clips each
// raster to its side (src/map/swipe-clip.ts). While it is on, the right side follows the year control — stepping or
// playing the years shows each year's raster of the series against the left one.
import type * as maplibregl from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { rasterForYear, swipePairs } from '../layers/raster-layers.ts';
import type { LayerDef } from '../layers/types.ts';
import { MapController } from '../map/map-controller.ts';
import { fillText, useLang, useT } from '../ui/i18n.ts';

interface Props {
  map: maplibregl.Map | null;
  layers: LayerDef[];
  /** The year control's year. */
  year: number;
  /** Both compared layers are switched on in the layer panel while the comparison runs; one it stops comparing, off. */
  onShow: (show: string[], hide: string[]) => void;
}

const clamp = (v: number) => Math.max(0, Math.min(1, v));

export function RasterSwipe({ map, layers, year, onShow }: Props) {
  const t = useT();
  const lang = useLang();
  const pairs = useMemo(() => swipePairs(layers), [layers]);
  const candidates = useMemo(() => [...new Set(pairs.flat())], [pairs]);
  const [on, setOn] = useState(false);
  const [leftId, setLeftId] = useState(pairs[0]?.[0].id);
  const [rightId, setRightId] = useState(pairs[0]?.[1].id);
  const [fraction, setFraction] = useState(0.5);
  const left = candidates.find((l) => l.id === leftId);
  const right = candidates.find((l) => l.id === rightId);

  useEffect(() => {
    if (!map) return;
    MapController.of(map).setSwipe(on && left && right ? { left, right } : null, fraction);
  }, [map, on, left, right, fraction]);
  const shown = useRef<string[]>([]);
  useEffect(() => {
    if (!on || !left || !right) {
      shown.current = [];
      return;
    }
    const now = [left.id, right.id];
    onShow(now, shown.current.filter((id) => !now.includes(id)));
    shown.current = now;
    // onShow only when the compared pair changes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [on, left, right]);
  // The right side follows the year control (its series' raster of that year, or the latest before it).
  const lastYear = useRef(year);
  useEffect(() => {
    if (year === lastYear.current) return;
    lastYear.current = year;
    if (on && right) setRightId(rasterForYear(candidates, right, year).id);
  }, [year, on, right, candidates]);

  if (pairs.length === 0) return null;
  const name = (l: LayerDef | undefined) => (l ? l.name[lang] : '');
  // Both lists hold every raster of a swipe pair: the year control may bring the right side to the left one's year.
  const options = candidates.map((l) => <option key={l.id} value={l.id}>{l.name[lang]}</option>);
  return (
    <>
      <div className="raster-swipe" data-testid="raster-swipe">
        <label className="raster-swipe__toggle">
          <input type="checkbox" data-testid="swipe-toggle" checked={on} onChange={(e) => setOn(e.target.checked)} />
          <span>{t('swipe')}</span>
        </label>
        {on && (
          <>
            <label>
              <span>{t('swipeLeft')}</span>
              <select data-testid="swipe-left" value={leftId} onChange={(e) => setLeftId(e.target.value)}>{options}</select>
            </label>
            <label>
              <span>{t('swipeRight')}</span>
              <select data-testid="swipe-right" value={rightId} onChange={(e) => setRightId(e.target.value)}>{options}</select>
            </label>
            <small>{t('swipeFollowsYear')}</small>
          </>
        )}
      </div>
      {on && map && left && right && (
        <SwipeDivider map={map} fraction={fraction} onMove={setFraction}
          label={t('swipeHandle')}
          valueText={fillText(t('swipeValue'), { left: name(left), right: name(right), percent: String(Math.round(fraction * 100)) }, lang)}
          leftName={name(left)} rightName={name(right)} />
      )}
    </>
  );
}

function SwipeDivider({ map, fraction, onMove, label, valueText, leftName, rightName }: {
  map: maplibregl.Map; fraction: number; onMove: (f: number) => void; label: string; valueText: string; leftName: string; rightName: string;
}) {
  const dragging = useRef(false);
  const at = (clientX: number) => {
    const box = map.getContainer().getBoundingClientRect();
    return clamp((clientX - box.left) / box.width);
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    dragging.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    e.preventDefault();
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (dragging.current) onMove(at(e.clientX));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    dragging.current = false;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 0.1 : 0.01;
    const next = e.key === 'ArrowLeft' || e.key === 'ArrowDown' ? fraction - step
      : e.key === 'ArrowRight' || e.key === 'ArrowUp' ? fraction + step
      : e.key === 'Home' ? 0 : e.key === 'End' ? 1 : null;
    if (next === null) return;
    e.preventDefault();
    onMove(clamp(Math.round(next * 100) / 100));
  };
  const percent = Math.round(fraction * 100);
  return (
    <div className="swipe-divider" data-testid="swipe-divider" style={{ left: `${fraction * 100}%` }}>
      <span className="swipe-divider__name swipe-divider__name--left">{leftName}</span>
      <span className="swipe-divider__name swipe-divider__name--right">{rightName}</span>
      <div className="swipe-divider__handle" data-testid="swipe-handle" role="slider" tabIndex={0}
        aria-label={label} aria-orientation="horizontal" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={valueText}
        onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp} onPointerCancel={onPointerUp} onKeyDown={onKeyDown}>
        ⇔
      </div>
    </div>
  );
}
