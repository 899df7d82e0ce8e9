// The page state a share link carries, in the URL hash: #indicator=coverage&map=9.50/26.40000/115.47000&lang=en
// (map = zoom/lat/lon as in MapLibre's own hash). Parsing never throws: unknown or broken parts are ignored.
import type { Lang } from '../ui/i18n-types.ts';
import { DEFAULT_INDICATOR, indicatorById, type IndicatorId } from './indicators.ts';

export interface MapView {
  zoom: number;
  lat: number;
  lon: number;
}

export interface ShareState {
  indicator: IndicatorId;
  lang: Lang;
  view: MapView | null;
}

export function parseShareState(hash: string, fallbackLang: Lang = 'zh'): ShareState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const lang = params.get('lang');
  const view = params.get('map')?.split('/').map(Number);
  const ok = view && view.length === 3 && view.every(Number.isFinite) && view[0] >= 0 && view[0] <= 22 && Math.abs(view[1]) <= 85 && Math.abs(view[2]) <= 180;
  return {
    indicator: indicatorById(params.get('indicator'))?.id ?? DEFAULT_INDICATOR,
    lang: lang === 'en' || lang === 'zh' ? lang : fallbackLang,
    view: ok ? { zoom: view[0], lat: view[1], lon: view[2] } : null,
  };
}

export function formatShareHash(s: ShareState): string {
  const params = new URLSearchParams({ indicator: s.indicator });
  if (s.view) params.set('map', `${s.view.zoom.toFixed(2)}/${s.view.lat.toFixed(5)}/${s.view.lon.toFixed(5)}`);
  params.set('lang', s.lang);
  return `#${params.toString().replace(/%2F/g, '/')}`;
}
