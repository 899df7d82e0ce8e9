// Checks a site as a client sends it (POST / PUT body) before it reaches the database; every problem becomes a 400
// with a message that names the field. Names are stored verbatim as text (SQL travels as a parameter and pages render
// text, never HTML), but angle brackets and control characters are refused so that no markup is ever stored.
import type { Geometry } from 'geojson';
import { SITE_TYPES, isSiteType, type SiteType } from '../core/analysis/site-types.ts';
import { validateCoordinates } from '../core/geo/measure.ts';
import { eachPath } from '../core/geo/positions.ts';
import type { Sharing } from '../core/share/site-wire.ts';
import { ApiError } from './errors.ts';

export const MAX_NAME = 200;
export const MAX_NOTE = 10_000;
export const MAX_VERTICES = 50_000;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Who may read a site: one definition with the planner (src/core/share/site-wire.ts). */
export type { Sharing } from '../core/share/site-wire.ts';

export interface SiteInput {
  id?: string;
  name?: string;
  type?: SiteType;
  note?: string;
  origin?: string;
  geometry?: Geometry;
  sharing?: Sharing;
}

import type { ApiMessageKey, MessageParams } from '../core/messages/api-messages.ts';

const bad = (key: ApiMessageKey, params: MessageParams = {}) => ApiError.keyed(400, key, params);

function text(v: unknown, field: string, max: number, required: boolean, allowNewlines: boolean): string | undefined {
  if (v === undefined || v === null) {
    if (required) throw bad('site.fieldRequired', { field });
    return undefined;
  }
  if (typeof v !== 'string') throw bad('site.fieldNotText', { field });
  const s = v.trim();
  if (required && !s) throw bad('site.fieldEmpty', { field });
  if (s.length > max) throw bad('site.fieldTooLong', { field, length: s.length, max });
  // eslint-disable-next-line no-control-regex
  if ((allowNewlines ? /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/ : /[\u0000-\u001f\u007f]/).test(s)) throw bad('site.fieldControlChars', { field });
  if (/[<>]/.test(s)) throw bad('site.fieldMarkup', { field });
  return s;
}

const DEPTH: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

interface Walk { n: number; lonOutside: boolean; latOutside: number | null }

function positions(c: unknown, depth: number, count: Walk): boolean {
  if (!Array.isArray(c)) return false;
  if (depth === 0) {
    count.n++;
    if (Math.abs(c[0]) > 180) count.lonOutside = true;
    if (Math.abs(c[1]) > 90 && count.latOutside === null) count.latOutside = c[1];
    return (c.length === 2 || c.length === 3) && c.every((n) => typeof n === 'number');
  }
  if (c.length === 0) return false;
  for (const x of c) {
    if (!positions(x, depth - 1, count)) return false;
    if (count.n > MAX_VERTICES) return true;
  }
  return true;
}


export function checkGeometry(v: unknown): Geometry {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw bad('geometry.notObject');
  const g = v as { type?: unknown; coordinates?: unknown };
  if (typeof g.type !== 'string' || !Object.hasOwn(DEPTH, g.type)) {
    throw bad('geometry.typeInvalid', { geometryTypes: Object.keys(DEPTH).join(', '), got: JSON.stringify(String(g.type)).slice(0, 40) });
  }
  const count: Walk = { n: 0, lonOutside: false, latOutside: null };
  if (!positions(g.coordinates, DEPTH[g.type], count)) throw bad('geometry.malformed', { geometryType: g.type, depth: DEPTH[g.type] });
  if (count.n > MAX_VERTICES) throw bad('geometry.tooLarge', { max: MAX_VERTICES });
  const geometry = { type: g.type, coordinates: g.coordinates } as Geometry;
  if (count.latOutside !== null) throw bad('geometry.latitude', { lat: count.latOutside });
  // JSON numbers are finite and the walk above checked latitudes: what is left for the core's check is a safety net.
  const problem = validateCoordinates(geometry);
  if (problem) throw bad('geometry.unusable', { detail: problem });
  if (count.lonOutside) throw bad('geometry.longitude');
  eachPath(geometry, (ring, kind) => {
    if (kind !== 'ring') return;
    if (ring.length < 4) throw bad('geometry.ringTooShort', { n: ring.length });
    const [a, z] = [ring[0], ring[ring.length - 1]];
    if (a[0] !== z[0] || a[1] !== z[1]) throw bad('geometry.ringNotClosed');
  });
  return geometry;
}

function checkSharing(v: unknown): Sharing | undefined {
  if (v === undefined || v === null) return undefined;
  if (v === 'private' || v === 'everyone') return v;
  if (typeof v === 'object' && !Array.isArray(v) && Array.isArray((v as { users?: unknown }).users)) {
    const users = (v as { users: unknown[] }).users;
    if (users.length > 500 || !users.every((u) => typeof u === 'string' && u.length <= 40)) throw bad('share.usersNotList');
    return { users: [...new Set(users as string[])] };
  }
  throw bad('share.invalid');
}

/** A whole new site (POST) when `create`, else the fields a PUT changes. */
export function checkSiteInput(body: unknown, create: boolean): SiteInput {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw bad('request.bodyNotObject');
  const b = body as Record<string, unknown>;
  const out: SiteInput = {};
  if (create && b.id !== undefined) {
    if (typeof b.id !== 'string' || !ID.test(b.id)) throw bad('site.idInvalid');
    out.id = b.id;
  }
  out.name = text(b.name, 'name', MAX_NAME, create, false);
  out.note = text(b.note, 'note', MAX_NOTE, false, true);
  out.origin = text(b.origin, 'origin', MAX_NAME, false, false);
  if (b.type !== undefined || create) {
    if (!isSiteType(b.type)) throw bad('site.typeInvalid', { types: SITE_TYPES.join(', ') });
    out.type = b.type;
  }
  if (b.geometry !== undefined || create) out.geometry = checkGeometry(b.geometry);
  out.sharing = checkSharing(b.sharing);
  return out;
}
