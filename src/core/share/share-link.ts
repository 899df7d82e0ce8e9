// Share links: the view (centre, zoom, visible layers, selection) and small sites, as JSON deflated with fflate and
// written base64url into the URL hash (#share=…). The hash never reaches a server. Links are capped in length
// because chat apps and some browsers cut long URLs; sites that do not fit are left out and the caller is told.
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import type { Geometry } from 'geojson';
import type { ShareState } from './share-state.ts';

export type { MapView, SharedSite, ShareState } from './share-state.ts';

export const SHARE_PREFIX = '#share=';
/** Longest hash we write: well inside every browser's limit and what chat apps keep intact. */
export const MAX_SHARE_CHARS = 8000;

export interface EncodedShare {
  hash: string;
  /** Sites left out to stay under the cap (0 when all fit). */
  droppedSites: number;
}

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const r6 = (n: number) => Math.round(n * 1e6) / 1e6;
const r9 = (n: number) => Math.round(n * 1e9) / 1e9;

function roundGeometry(g: Geometry): Geometry {
  // 9 decimals (~0.1 mm), the precision the planner stores sites at: a shared site is the same polygon, so its area
  // reads the same to the last digit (7 decimals moved a 2,512.31 亩 site to 2,512.32: the area was rounded twice,
  // once through the coordinates and once for display).
  return JSON.parse(JSON.stringify(g, (_k, v) => (typeof v === 'number' ? r9(v) : v))) as Geometry;
}

function pack(state: ShareState): string {
  // A planner link always opens somewhere: the view is required (the language is not carried; it follows the reader).
  if (!state.view) throw new Error('a planner share link needs a map view');
  const { center, zoom } = state.view;
  const compact = {
    v: 1, c: [r6(center[0]), r6(center[1])], z: Math.round(zoom * 100) / 100, l: state.layers, s: state.selected,
    g: state.sites.map((x) => [x.name, x.type, x.note, roundGeometry(x.geometry)]),
  };
  return SHARE_PREFIX + toBase64Url(deflateSync(strToU8(JSON.stringify(compact)), { level: 9 }));
}

/**
 * Encodes the state; when the hash would pass `maxChars`, keeps the most sites that fit, smallest first (the largest
 * are left out). The count is found by bisection, so 3,000 sites cost ~12 packs instead of one per dropped site.
 */
export function encodeShare(state: ShareState, maxChars = MAX_SHARE_CHARS): EncodedShare {
  const hash = pack(state);
  if (hash.length <= maxChars) return { hash, droppedSites: 0 };
  const bySize = state.sites.map((s, i) => ({ i, n: JSON.stringify(s.geometry).length })).sort((a, b) => a.n - b.n || a.i - b.i);
  const keep = (k: number) => bySize.slice(0, k).map((x) => x.i).sort((a, b) => a - b).map((i) => state.sites[i]);
  let lo = 0;
  let hi = state.sites.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (pack({ ...state, sites: keep(mid) }).length <= maxChars) lo = mid;
    else hi = mid - 1;
  }
  return { hash: pack({ ...state, sites: keep(lo) }), droppedSites: state.sites.length - lo };
}

/** Decodes a location hash; null when it is not a share link, an Error with a message when it is a broken one. */
export function decodeShare(hash: string): ShareState | null | Error {
  if (!hash.startsWith(SHARE_PREFIX)) return null;
  const body = hash.slice(SHARE_PREFIX.length);
  if (body.length > MAX_SHARE_CHARS * 2) return new Error('share link is too long to be one of ours');
  try {
    const o = JSON.parse(strFromU8(inflateSync(fromBase64Url(body)))) as Record<string, unknown>;
    const c = o.c as unknown[];
    if (o.v !== 1 || !Array.isArray(c) || c.length !== 2 || !c.every((n) => typeof n === 'number' && Number.isFinite(n)) || typeof o.z !== 'number') {
      return new Error('share link is damaged (no view)');
    }
    const sites = Array.isArray(o.g) ? (o.g as unknown[]).filter(Array.isArray).map((x) => {
      const [name, type, note, geometry] = x as unknown[];
      return { name: String(name ?? ''), type: String(type ?? '其他'), note: String(note ?? ''), geometry: geometry as Geometry };
    }).filter((s) => s.geometry && typeof s.geometry === 'object' && typeof s.geometry.type === 'string') : [];
    return {
      view: { center: [c[0] as number, c[1] as number], zoom: o.z }, layers: Array.isArray(o.l) ? (o.l as unknown[]).map(String) : [],
      selected: typeof o.s === 'string' ? o.s : null, sites, lang: null,
    };
  } catch (e) {
    return new Error(`share link is damaged (${(e as Error).message})`);
  }
}
