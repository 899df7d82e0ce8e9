// Shared sites: the current state in `sites`, every saved state in `site_versions`. Saves are optimistic: the client
// sends the version it edited, and a save on a stale version is refused with 409 and the server's copy, so nobody
// overwrites a colleague's edit unseen. Delete is soft (a new version marked deleted), undone by restoring a version.
//
// Who may do what (every call checks it):
//   read     — the owner; everyone signed in when sharing is "everyone"; the named users when it is { users: […] }.
//              Nobody else, whatever their role: a private site is the owner's alone. Unreadable answers 404.
//   edit     — anyone who may read it, unless their role is viewer (viewers read only).
//   sharing, delete, undo of a delete — the owner (not a viewer).
//   create   — planners and editors.
// Each site carries its siting record (src/server/siting.ts), recomputed by the server whenever its geometry or type
// changes (create, save, restore of an older version).
import { measureSite } from '../core/analysis/measure-site.ts';
import { M2_PER_MU } from '../core/geo/units.ts';
import type { Db, Queryable } from './db.ts';
import { ApiError, geosError } from './errors.ts';
import type { SiteWire } from '../core/share/site-wire.ts';
import type { SiteType } from '../core/analysis/site-types.ts';
import type { SitingRecord } from '../core/analysis/siting.ts';
import type { Sharing, SiteInput } from './site-input.ts';
import type { User } from './users.ts';
import { randomUUID } from 'node:crypto';
import type { Geometry } from 'geojson';

/** The wire form of a site (src/core/share/site-wire.ts). */
export type SiteOut = SiteWire;

/** Computes a site's siting record (src/server/siting.ts); absent when the server has no data folder. */
export type SitingOf = (geometry: Geometry, type: SiteType) => Promise<SitingRecord | null>;

interface SiteRow {
  id: string;
  version: number;
  name: string;
  type: string;
  note: string;
  origin: string;
  geometry: string;
  area_m2: number;
  sharing: 'private' | 'users' | 'everyone';
  owner_id: number;
  deleted: boolean;
  created: number;
  updated: number;
  updated_by: number;
  shared_with: number[];
  siting: SitingRecord | null;
}

const READABLE = `(s.owner_id = $1 OR s.sharing = 'everyone' OR (s.sharing = 'users' AND EXISTS (SELECT 1 FROM site_shares x WHERE x.site_id = s.id AND x.user_id = $1)))`;

// User names are looked up from an in-process map rather than joined: on the embedded engine every join costs
// milliseconds of planning, and names never change (accounts are added, not renamed).
const COLUMNS = `s.id, s.version, s.name, s.type, s.note, s.origin, ST_AsGeoJSON(s.geom, 15, 0) AS geometry, s.area_m2, s.sharing,
         s.owner_id, s.deleted, (extract(epoch FROM s.created_at) * 1000)::float8 AS created,
         (extract(epoch FROM s.updated_at) * 1000)::float8 AS updated, s.updated_by, s.siting,
         CASE WHEN s.sharing = 'users' THEN (SELECT array_agg(sh.user_id) FROM site_shares sh WHERE sh.site_id = s.id) ELSE '{}' END AS shared_with`;
const SELECT = `SELECT ${COLUMNS} FROM sites s`;
/** Inside a statement whose CTE `s` returns the site's new row: records it in site_versions (author and change are parameters). */
const versionFromS = (author: string, change: string) => `INSERT INTO site_versions (site_id, version, author_id, change, name, type, note, origin, geom, area_m2, sharing, shared_with, deleted)
  SELECT s.id, s.version, ${author}, ${change}, s.name, s.type, s.note, s.origin, s.geom, s.area_m2, s.sharing,
         COALESCE(CASE WHEN s.sharing = 'users' THEN (SELECT array_agg(sh.user_id) FROM site_shares sh WHERE sh.site_id = s.id) END, '{}'), s.deleted
    FROM s`;

/**
 * The user names of `ids`, read from this database each time. (A process-wide cache keyed by user id once gave a site of
 * one database the owner name of another: two servers in one process — the browser suites — number users alike.)
 */
async function userNames(q: Queryable, ids: Iterable<number>): Promise<Map<number, string>> {
  const wanted = [...new Set(ids)].filter((id) => id !== null && id !== undefined);
  const names = new Map<number, string>();
  if (!wanted.length) return names;
  const { rows } = await q.query<{ id: number; username: string }>('SELECT id, username FROM users WHERE id = ANY($1::int[])', [wanted]);
  for (const r of rows) names.set(r.id, r.username);
  return names;
}

const sharingOf = (mode: SiteRow['sharing'], users: string[]): Sharing => (mode === 'users' ? { users } : mode);

async function toSites(q: Queryable, rows: SiteRow[], user: User): Promise<SiteOut[]> {
  const n = await userNames(q, rows.flatMap((r) => [r.owner_id, r.updated_by, ...(r.shared_with ?? [])]));
  const mayWrite = user.role !== 'viewer';
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    name: r.name,
    type: r.type,
    note: r.note,
    origin: r.origin,
    geometry: JSON.parse(r.geometry) as Geometry,
    area_m2: r.area_m2,
    area_mu: r.area_m2 / M2_PER_MU,
    sharing: sharingOf(r.sharing, (r.shared_with ?? []).map((id) => n.get(id) ?? `#${id}`).sort()),
    owner: n.get(r.owner_id) ?? `#${r.owner_id}`,
    deleted: r.deleted,
    created: r.created,
    updated: r.updated,
    updated_by: n.get(r.updated_by) ?? `#${r.updated_by}`,
    can_edit: mayWrite && !r.deleted,
    can_share: mayWrite && r.owner_id === user.id,
    siting: r.siting ?? null,
  }));
}

const toSite = async (q: Queryable, r: SiteRow, user: User) => (await toSites(q, [r], user))[0];

/**
 * The sites `user` may read. `since` (ms since 1970): only those changed after it, deleted ones included, so a client
 * that synchronises (the planner) fetches what changed rather than everything each time.
 */
export async function listSites(db: Queryable, user: User, includeDeleted = false, since?: number): Promise<SiteOut[]> {
  if (since !== undefined) {
    const { rows } = await db.query<SiteRow>(`${SELECT} WHERE ${READABLE} AND s.updated_at > to_timestamp($2::float8 / 1000) ORDER BY s.updated_at, s.id`, [user.id, since]);
    return toSites(db, rows, user);
  }
  const { rows } = await db.query<SiteRow>(`${SELECT} WHERE ${READABLE} ${includeDeleted ? '' : 'AND NOT s.deleted'} ORDER BY s.created_at, s.id`, [user.id]);
  return toSites(db, rows, user);
}

async function readRow(q: Queryable, user: User, id: string, lock = false): Promise<SiteRow> {
  const { rows } = await q.query<SiteRow>(`${SELECT} WHERE s.id = $2 AND ${READABLE}${lock ? ' FOR UPDATE' : ''}`, [user.id, id]);
  if (!rows[0]) throw ApiError.keyed(404, 'site.notFound', { id });
  return rows[0];
}

// Reading one site is most of the traffic. On the embedded engine one process owns the database (main.ts locks it),
// so every write passes through this module: current rows are cached by id there and dropped by each write. A read
// caches what it read only when no write started or ended meanwhile (the counter), so a row read just before a
// write commits is never kept. PostgreSQL may be shared by several servers: no cache there.
// Per database (tests and the browser-test runner hold several in one process).
const caches = new WeakMap<Db, { rows: Map<string, SiteRow>; writes: number }>();
const cacheOf = (db: Db) => {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = { rows: new Map(), writes: 0 }));
  return c;
};

const mayRead = (r: SiteRow, user: User) => r.owner_id === user.id || r.sharing === 'everyone' || (r.sharing === 'users' && (r.shared_with ?? []).includes(user.id));

async function written<T>(db: Db, id: string, fn: () => Promise<T>): Promise<T> {
  const cache = cacheOf(db);
  cache.writes++;
  try {
    return await fn();
  } finally {
    cache.rows.delete(id);
    cache.writes++;
  }
}

export async function getSite(db: Db, user: User, id: string): Promise<SiteOut> {
  if (db.engine !== 'pglite') return toSite(db, await readRow(db, user, id), user);
  const cache = cacheOf(db);
  let row = cache.rows.get(id);
  if (!row) {
    const before = cache.writes;
    ({ rows: [row] } = await db.query<SiteRow>(`${SELECT} WHERE s.id = $1`, [id]));
    if (row && cache.writes === before) {
      if (cache.rows.size >= 20_000) cache.rows.clear();
      cache.rows.set(id, row);
    }
  }
  if (!row || !mayRead(row, user)) throw ApiError.keyed(404, 'site.notFound', { id });
  return toSite(db, row, user);
}

function requireWriter(user: User): void {
  if (user.role === 'viewer') throw ApiError.keyed(403, 'site.viewerReadOnly');
}

/** Geometry PostGIS accepts as valid (no self-intersection …); measured by src/core. */
async function measuredGeometry(q: Queryable, geometry: Geometry): Promise<{ json: string; area_m2: number }> {
  const json = JSON.stringify(geometry);
  let row: { ok: boolean; why: string } | undefined;
  try {
    ({ rows: [row] } = await q.query<{ ok: boolean; why: string }>('SELECT ST_IsValid(g) AS ok, ST_IsValidReason(g) AS why FROM (SELECT ST_GeomFromGeoJSON($1::text) AS g) x', [json]));
  } catch (e) {
    throw ApiError.keyed(400, 'geometry.unreadable', {}, { detail: (e as Error).message });
  }
  if (!row?.ok) throw geosError(row?.why);
  return { json, area_m2: measureSite(geometry).area_m2 };
}

async function shareIds(q: Queryable, sharing: Sharing | undefined): Promise<number[]> {
  if (!sharing || typeof sharing === 'string') return [];
  if (!sharing.users.length) return [];
  // Names are case-insensitive (users.ts): "ANN" shares with the account "Ann".
  const { rows } = await q.query<{ name: string; id: number | null }>(
    'SELECT n.name, u.id FROM unnest($1::text[]) WITH ORDINALITY AS n(name, i) LEFT JOIN users u ON lower(u.username) = lower(n.name) ORDER BY n.i',
    [sharing.users.map((n) => n.normalize('NFC').trim())]);
  const unknown = rows.filter((r) => r.id === null).map((r) => r.name);
  if (unknown.length) throw ApiError.keyed(400, 'share.unknownUsers', { users: unknown.map((n) => JSON.stringify(n)).join(', ') }, { unknown });
  return [...new Set(rows.map((r) => r.id as number))];
}

const modeOf = (s: Sharing): SiteRow['sharing'] => (typeof s === 'string' ? s : 'users');

async function writeShares(q: Queryable, id: string, sharing: Sharing, ids: number[]): Promise<void> {
  await q.query('DELETE FROM site_shares WHERE site_id = $1', [id]);
  if (typeof sharing !== 'string' && ids.length) {
    await q.query('INSERT INTO site_shares (site_id, user_id) SELECT $1, unnest($2::int[])', [id, ids]);
  }
}

/** Copies the site's current state into site_versions; returns that state (as the API shows it). */
async function recordVersion(q: Queryable, id: string, author: User, change: 'create' | 'update' | 'delete' | 'restore'): Promise<SiteRow> {
  const { rows } = await q.query<SiteRow>(
    `WITH cur AS (SELECT ${COLUMNS} , s.geom AS g FROM sites s WHERE s.id = $1),
          ins AS (INSERT INTO site_versions (site_id, version, author_id, change, name, type, note, origin, geom, area_m2, sharing, shared_with, deleted)
                  SELECT id, version, $2, $3, name, type, note, origin, g, area_m2, sharing, COALESCE(shared_with, '{}'), deleted FROM cur)
     SELECT * FROM cur`,
    [id, author.id, change],
  );
  return rows[0];
}

/** The record as a jsonb parameter (null: not computed). */
const sitingParam = (r: SitingRecord | null | undefined) => (r ? JSON.stringify(r) : null);

export async function createSite(db: Db, user: User, input: SiteInput, sitingOf?: SitingOf): Promise<SiteOut> {
  requireWriter(user);
  const id = input.id ?? randomUUID();
  const geometry = await measuredGeometry(db, input.geometry!);
  const siting = sitingParam(await sitingOf?.(input.geometry!, input.type!));
  const sharing = input.sharing ?? 'private';
  if (typeof sharing === 'string' && db.engine === 'postgres') {
    // No named users to look up: the row and its first version are written by one statement (one round trip, one
    // commit), which is what most creates are. On PostgreSQL only: on the embedded engine (no round trips, one
    // statement at a time) the bigger statement measured slower (bench:server p95 251 ms against 144 ms).
    return written(db, id, async () => {
      const { rows: [row] } = await db.query<SiteRow>(
        `WITH s AS (INSERT INTO sites (id, owner_id, version, name, type, note, origin, geom, area_m2, sharing, updated_by, siting)
                    VALUES ($1, $2, 1, $3, $4, $5, $6, ST_SetSRID(ST_GeomFromGeoJSON($7::text), 4490), $8, $9, $2, $11::jsonb)
                    ON CONFLICT (id) DO NOTHING RETURNING *),
              v AS (${versionFromS('$2', '$10')})
         SELECT ${COLUMNS} FROM s`,
        [id, user.id, input.name, input.type, input.note ?? '', input.origin ?? '', geometry.json, geometry.area_m2, sharing, 'create', siting],
      );
      if (!row) throw ApiError.keyed(409, 'site.exists', { id });
      return toSite(db, row, user);
    });
  }
  return written(db, id, () => db.tx(async (q) => {
    const ids = await shareIds(q, sharing);
    const { rows } = await q.query(
      `INSERT INTO sites (id, owner_id, version, name, type, note, origin, geom, area_m2, sharing, updated_by, siting)
       VALUES ($1, $2, 1, $3, $4, $5, $6, ST_SetSRID(ST_GeomFromGeoJSON($7::text), 4490), $8, $9, $2, $10::jsonb)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [id, user.id, input.name, input.type, input.note ?? '', input.origin ?? '', geometry.json, geometry.area_m2, modeOf(sharing), siting],
    );
    if (!rows[0]) throw ApiError.keyed(409, 'site.exists', { id });
    if (ids.length) await writeShares(q, id, sharing, ids);
    return toSite(q, await recordVersion(q, id, user, 'create'), user);
  }));
}

async function staleCheck(q: Queryable, row: SiteRow, user: User, base: unknown): Promise<void> {
  if (base === undefined) return;
  if (!Number.isInteger(base)) throw ApiError.keyed(400, 'site.versionNotInteger');
  if (base !== row.version) {
    const current = await toSite(q, row, user);
    throw ApiError.keyed(409, 'site.changedMeanwhile', { name: row.name, by: current.updated_by, version: row.version, base: Number(base) }, { current });
  }
}

export async function updateSite(db: Db, user: User, id: string, input: SiteInput, base: unknown, sitingOf?: SitingOf): Promise<SiteOut> {
  requireWriter(user);
  if (base === undefined) throw ApiError.keyed(400, 'site.versionRequired');
  const geometry = input.geometry ? await measuredGeometry(db, input.geometry) : null;
  // A new geometry or type changes the siting. With both in the body it is computed now; with one of them only, from
  // the current row read below (the full path), so the record always matches what is stored.
  const reshaped = input.geometry !== undefined || input.type !== undefined;
  const both = input.geometry !== undefined && input.type !== undefined;
  const early = sitingOf && both ? sitingParam(await sitingOf(input.geometry!, input.type!)) : null;
  if (input.sharing === undefined && Number.isInteger(base) && db.engine === 'postgres' && (!sitingOf || !reshaped || both)) {
    // The common save (content only, on the current version) is one statement: the UPDATE's WHERE checks that the site
    // is readable, not deleted and still at `base` (under concurrent saves PostgreSQL re-checks it on the newest row),
    // and the version record is written from its RETURNING. When it changes nothing, the full path below finds out
    // why and answers 404, 409 or 403 as before. PostgreSQL only, as for createSite.
    const { rows: [row] } = await written(db, id, () => db.query<SiteRow>(
      `WITH s AS (UPDATE sites s SET version = s.version + 1, name = COALESCE($3, s.name), type = COALESCE($4, s.type),
                         note = COALESCE($5, s.note), origin = COALESCE($6, s.origin),
                         geom = COALESCE(ST_SetSRID(ST_GeomFromGeoJSON($7::text), 4490), s.geom), area_m2 = COALESCE($8, s.area_m2),
                         siting = CASE WHEN $11 THEN $12::jsonb ELSE s.siting END,
                         updated_at = now(), updated_by = $1
                   WHERE s.id = $2 AND ${READABLE} AND NOT s.deleted AND s.version = $9
                   RETURNING s.*),
            v AS (${versionFromS('$1', '$10')})
       SELECT ${COLUMNS} FROM s`,
      [user.id, id, input.name ?? null, input.type ?? null, input.note ?? null, input.origin ?? null, geometry?.json ?? null,
        geometry?.area_m2 ?? null, base, 'update', !!sitingOf && reshaped, early],
    ));
    if (row) return toSite(db, row, user);
  }
  return written(db, id, () => db.tx(async (q) => {
    const row = await readRow(q, user, id, true);
    if (row.deleted) throw ApiError.keyed(409, 'site.deleted', { name: row.name }, { current: await toSite(q, row, user) });
    await staleCheck(q, row, user, base);
    if (input.sharing !== undefined && row.owner_id !== user.id) throw ApiError.keyed(403, 'share.ownerOnly');
    const ids = input.sharing !== undefined ? await shareIds(q, input.sharing) : [];
    const siting = sitingOf && reshaped
      ? (both ? early : sitingParam(await sitingOf(input.geometry ?? (JSON.parse(row.geometry) as Geometry), (input.type ?? row.type) as SiteType)))
      : null;
    await q.query(
      `UPDATE sites SET version = version + 1, name = COALESCE($2, name), type = COALESCE($3, type), note = COALESCE($4, note),
              origin = COALESCE($5, origin), geom = COALESCE(ST_SetSRID(ST_GeomFromGeoJSON($6::text), 4490), geom),
              area_m2 = COALESCE($7, area_m2), sharing = COALESCE($8, sharing), updated_at = now(), updated_by = $9,
              siting = CASE WHEN $10 THEN $11::jsonb ELSE siting END
        WHERE id = $1`,
      [id, input.name ?? null, input.type ?? null, input.note ?? null, input.origin ?? null, geometry?.json ?? null, geometry?.area_m2 ?? null,
        input.sharing !== undefined ? modeOf(input.sharing) : null, user.id, !!sitingOf && reshaped, siting],
    );
    if (input.sharing !== undefined) await writeShares(q, id, input.sharing, ids);
    return toSite(q, await recordVersion(q, id, user, 'update'), user);
  }));
}

export async function deleteSite(db: Db, user: User, id: string, base: unknown): Promise<SiteOut> {
  requireWriter(user);
  return written(db, id, () => db.tx(async (q) => {
    const row = await readRow(q, user, id, true);
    if (row.owner_id !== user.id) throw ApiError.keyed(403, 'site.ownerOnlyDelete');
    if (row.deleted) throw ApiError.keyed(409, 'site.alreadyDeleted', { name: row.name }, { current: await toSite(q, row, user) });
    await staleCheck(q, row, user, base);
    await q.query('UPDATE sites SET version = version + 1, deleted = true, updated_at = now(), updated_by = $2 WHERE id = $1', [id, user.id]);
    return toSite(q, await recordVersion(q, id, user, 'delete'), user);
  }));
}

/** Makes version `version` current again, as a new version (history is never rewritten). Undoes a delete too. */
export async function restoreSite(db: Db, user: User, id: string, version: unknown, base: unknown, sitingOf?: SitingOf): Promise<SiteOut> {
  requireWriter(user);
  if (!Number.isInteger(version)) throw ApiError.keyed(400, 'site.restoreVersionNotInteger');
  return written(db, id, () => db.tx(async (q) => {
    const row = await readRow(q, user, id, true);
    if (row.deleted && row.owner_id !== user.id) throw ApiError.keyed(403, 'site.ownerOnlyUndelete');
    await staleCheck(q, row, user, base);
    const { rows } = await q.query<{ deleted: boolean; type: string; geometry: string }>(
      'SELECT deleted, type, ST_AsGeoJSON(geom, 15, 0) AS geometry FROM site_versions WHERE site_id = $1 AND version = $2', [id, version]);
    if (!rows[0]) throw ApiError.keyed(404, 'site.noVersion', { name: row.name, version: Number(version) });
    if (rows[0].deleted) throw ApiError.keyed(400, 'site.versionIsDeletion', { version: Number(version) });
    const siting = sitingOf ? sitingParam(await sitingOf(JSON.parse(rows[0].geometry) as Geometry, rows[0].type as SiteType)) : null;
    // Sharing stays as it is now: restoring content must not let a non-owner change who sees the site.
    await q.query(
      `UPDATE sites s SET version = s.version + 1, name = v.name, type = v.type, note = v.note, origin = v.origin, geom = v.geom,
              area_m2 = v.area_m2, deleted = false, updated_at = now(), updated_by = $3,
              siting = CASE WHEN $4 THEN $5::jsonb ELSE s.siting END
         FROM site_versions v WHERE s.id = $1 AND v.site_id = $1 AND v.version = $2`,
      [id, version, user.id, !!sitingOf, siting],
    );
    return toSite(q, await recordVersion(q, id, user, 'restore'), user);
  }));
}

export interface VersionOut {
  version: number;
  author: string;
  time: number;
  change: string;
  /** What this version changed compared with the one before it. */
  fields: string[];
  name: string;
  type: string;
  note: string;
  geometry: Geometry;
  area_m2: number;
  area_mu: number;
  deleted: boolean;
}

export async function siteHistory(db: Queryable, user: User, id: string): Promise<{ id: string; versions: VersionOut[] }> {
  await readRow(db, user, id);
  const { rows } = await db.query<Omit<VersionOut, 'geometry' | 'area_mu' | 'fields'> & { geometry: string; sharing: string; shared_with: number[] }>(
    `SELECT v.version, u.username AS author, (extract(epoch FROM v.created_at) * 1000)::float8 AS time, v.change, v.name, v.type, v.note,
            ST_AsGeoJSON(v.geom, 15, 0) AS geometry, v.area_m2, v.deleted, v.sharing, v.shared_with
       FROM site_versions v JOIN users u ON u.id = v.author_id WHERE v.site_id = $1 ORDER BY v.version`,
    [id],
  );
  const versions = rows.map((r, i) => {
    const prev = rows[i - 1];
    const fields = !prev ? [] : (['name', 'type', 'note', 'geometry', 'deleted', 'sharing'] as const).filter((f) =>
      f === 'sharing' ? prev.sharing !== r.sharing || String(prev.shared_with) !== String(r.shared_with) : prev[f] !== r[f]);
    return { version: r.version, author: r.author, time: r.time, change: r.change, fields, name: r.name, type: r.type, note: r.note,
      geometry: JSON.parse(r.geometry) as Geometry, area_m2: r.area_m2, area_mu: r.area_m2 / M2_PER_MU, deleted: r.deleted };
  });
  return { id, versions: versions.reverse() };
}
