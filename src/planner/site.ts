// A workspace site: a drawn or imported feature with the planner's name, type and note. Geometry is lon/lat GeoJSON.
import type { Geometry } from 'geojson';
import { measureSite } from '../core/analysis/measure-site.ts';
import { isSiteType, type SiteType } from '../core/analysis/site-types.ts';

export interface Site {
  id: string;
  name: string;
  type: SiteType;
  note: string;
  geometry: Geometry;
  /** Where it came from: 'draw:polygon', 'import:fields.kml' … */
  origin: string;
  created: number;
  updated: number;
}

export function newSiteId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `site-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export function siteAreaM2(s: Pick<Site, 'geometry'>): number {
  return measureSite(s.geometry).area_m2;
}

const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'];

/** Reads a stored or shared record back into a Site, or says why it cannot be one (a corrupt record). */
export function parseSite(v: unknown): Site | string {
  if (!v || typeof v !== 'object') return 'not an object';
  const r = v as Record<string, unknown>;
  if (typeof r.id !== 'string' || !r.id) return 'no id';
  const g = r.geometry as Geometry | undefined;
  if (!g || typeof g !== 'object' || !GEOMETRY_TYPES.includes(g.type) || !Array.isArray((g as { coordinates?: unknown }).coordinates)) {
    return `site ${r.id}: no usable geometry`;
  }
  return {
    id: r.id,
    name: typeof r.name === 'string' ? r.name : r.id,
    type: isSiteType(r.type) ? r.type : '其他',
    note: typeof r.note === 'string' ? r.note : '',
    geometry: g,
    origin: typeof r.origin === 'string' ? r.origin : '',
    created: Number(r.created) || Date.now(),
    updated: Number(r.updated) || Date.now(),
  };
}
