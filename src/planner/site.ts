// A workspace site: a drawn or imported feature with the planner's name, type and note. Geometry is lon/lat GeoJSON.
import type { Geometry } from 'geojson';
import { measureSite } from '../core/analysis/measure-site.ts';
import { isSiteType, type SiteType } from '../core/analysis/site-types.ts';
import { validateCoordinates } from '../core/geo/measure.ts';

export interface Site {
  id: string;
  name: string;
  type: SiteType;
  note: string;
  geometry: Geometry;
  /** Where it came from: 'draw:polygon', 'import:fields.kml' … */
  origin: string;
  /** The attributes an imported feature carried (as text), kept with the site; absent for drawn sites. */
  attributes?: Record<string, string>;
  created: number;
  updated: number;
  /**
   * Geometry revision: raised by every operation that changes the shape (ops/), so the drawing is brought in line by
   * comparing revisions, not geometries. Kept in IndexedDB; records saved before it existed read back as 1. Not part
   * of the server's wire format (its `version` is the server's own count).
   */
  rev?: number;
}

export function newSiteId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `site-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export function siteAreaM2(s: Pick<Site, 'geometry'>): number {
  return measureSite(s.geometry).area_m2;
}

/** How deeply each geometry type nests its positions (Point: a position; Polygon: rings of positions …). */
const DEPTH: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

/** True when `c` nests arrays exactly `depth` levels above [lon, lat] pairs (a stored record can hold anything). */
function nests(c: unknown, depth: number): boolean {
  if (!Array.isArray(c)) return false;
  if (depth === 0) return c.length >= 2 && c.every((n) => typeof n === 'number');
  return c.length > 0 && c.every((x) => nests(x, depth - 1));
}

/** A record of text values (stored attributes), or null when it is anything else. */
function textRecord(v: unknown): Record<string, string> | null {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return Object.keys(out).length ? out : null;
}

/** Reads a stored or shared record back into a Site, or says why it cannot be one (a corrupt record). */
export function parseSite(v: unknown): Site | string {
  if (!v || typeof v !== 'object') return 'not an object';
  const r = v as Record<string, unknown>;
  if (typeof r.id !== 'string' || !r.id) return 'no id';
  const g = r.geometry as Geometry | undefined;
  if (!g || typeof g !== 'object' || typeof g.type !== 'string' || !Object.hasOwn(DEPTH, g.type) || !Array.isArray((g as { coordinates?: unknown }).coordinates)) {
    return `site ${r.id}: no usable geometry`;
  }
  // Garbage coordinates would reach the map, Terra Draw and the analysis worker; such a record is corrupt too.
  if (!nests((g as { coordinates: unknown }).coordinates, DEPTH[g.type])) return `site ${r.id}: geometry coordinates are malformed`;
  const bad = validateCoordinates(g);
  if (bad) return `site ${r.id}: ${bad}`;
  return {
    id: r.id,
    name: typeof r.name === 'string' ? r.name : r.id,
    type: isSiteType(r.type) ? r.type : '其他',
    note: typeof r.note === 'string' ? r.note : '',
    geometry: g,
    origin: typeof r.origin === 'string' ? r.origin : '',
    ...(textRecord(r.attributes) ? { attributes: textRecord(r.attributes)! } : {}),
    created: Number(r.created) || Date.now(),
    updated: Number(r.updated) || Date.now(),
    rev: Number.isSafeInteger(r.rev) && (r.rev as number) > 0 ? (r.rev as number) : 1,
  };
}
