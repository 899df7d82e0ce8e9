// The public page's share link, in the URL hash: #indicator=coverage&map=9.50/26.40000/115.47000&lang=en
// (map = zoom/lat/lon as in MapLibre's own hash). The state is the one ShareState of every share link
// (src/core/share/share-state.ts): the chosen indicator is its one layer. Parsing never throws: unknown or broken
// parts are ignored.
import type { ShareState } from '../core/share/share-state.ts';
import type { Lang } from '../ui/i18n-types.ts';
import { DEFAULT_INDICATOR, indicatorById, type IndicatorId } from './indicators.ts';

export type { MapView, ShareState } from '../core/share/share-state.ts';

/** The indicator a public link shows (its one layer; the default when it names none we know). */
export const sharedIndicator = (s: Pick<ShareState, 'layers'>): IndicatorId => indicatorById(s.layers[0])?.id ?? DEFAULT_INDICATOR;

export function parseShareState(hash: string, fallbackLang: Lang = 'zh'): ShareState & { lang: Lang } {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const lang = params.get('lang');
  const view = params.get('map')?.split('/').map(Number);
  const ok = view && view.length === 3 && view.every(Number.isFinite) && view[0] >= 0 && view[0] <= 22 && Math.abs(view[1]) <= 85 && Math.abs(view[2]) <= 180;
  return {
    view: ok ? { center: [view[2], view[1]], zoom: view[0] } : null,
    layers: [sharedIndicator({ layers: [params.get('indicator') ?? ''] })],
    selected: null,
    sites: [],
    lang: lang === 'en' || lang === 'zh' ? lang : fallbackLang,
  };
}

export function formatShareHash(s: Pick<ShareState, 'view' | 'layers' | 'lang'>): string {
  const params = new URLSearchParams({ indicator: sharedIndicator(s) });
  if (s.view) params.set('map', `${s.view.zoom.toFixed(2)}/${s.view.center[1].toFixed(5)}/${s.view.center[0].toFixed(5)}`);
  if (s.lang) params.set('lang', s.lang);
  return `#${params.toString().replace(/%2F/g, '/')}`;
}
