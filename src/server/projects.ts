// The plan's project layers in the database: loaded from the active data release (once per release, recognised by the
// hash of its files), read back as GeoJSON, edited by editors with every change in project_audit (who, when, before,
// after), retired softly and reverted by a new change. Edits pass the rules of src/core/plan/project-edit.ts.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { checkGeometry, countPositions } from '../core/geo/validate.ts';
import { applyProjectEdit, changedFields, geometryKindProblem, PROJECT_LAYERS, projectLayer, projectStateProblem, type ProjectLayerDef } from '../core/plan/project-edit.ts';
import type { Db, Queryable } from './db.ts';
import type { ApiMessageKey, MessageParams } from '../core/messages/api-messages.ts';
import { ApiError, geosError, problemError } from './errors.ts';
import type { User } from './users.ts';

interface Row {
  layer: string;
  feature_id: string;
  props: Record<string, unknown>;
  geometry: string | null;
  retired: boolean;
  version: number;
  updated_at: string;
  updated_by: string | null;
  ord: number;
}

/** The state an audit row records: the properties and the retired flag. */
interface State {
  props: Record<string, unknown>;
  retired: boolean;
}

const COLS = 'layer, feature_id, props, ST_AsGeoJSON(geom) AS geometry, retired, version, updated_at, updated_by, ord';

export function layerOrThrow(id: string): ProjectLayerDef {
  const l = projectLayer(id);
  if (!l) throw ApiError.keyed(404, 'project.noLayer', { layer: id, layers: PROJECT_LAYERS.map((x) => x.id).join(', ') });
  return l;
}

/** Hash of the project layer files in `dataDir` (a new release = a new hash). */
export function releaseHash(dataDir: string): string {
  const h = createHash('sha256');
  for (const l of PROJECT_LAYERS) {
    const file = path.join(dataDir, l.file);
    h.update(`${l.file}\0`);
    if (existsSync(file)) h.update(readFileSync(file));
    h.update('\0');
  }
  return h.digest('hex');
}

const featureId = (f: Feature, i: number): string => {
  const p = (f.properties ?? {}) as Record<string, unknown>;
  return String(p.id ?? p.code ?? f.id ?? i + 1);
};

/**
 * Loads the release in `dataDir` when its hash differs from the last one loaded: features from the files replace the
 * loaded ones, except features the bureau has changed (they have audit rows: a release does not silently undo the
 * bureau's work); features drawn in the app stay; a file feature that is gone is retired. Returns what it did.
 */
export async function loadProjectRelease(db: Db, dataDir: string, log: (l: string) => void = () => undefined): Promise<{ loaded: boolean; hash: string; features: number }> {
  const hash = releaseHash(dataDir);
  const { rows: last } = await db.query<{ hash: string }>('SELECT hash FROM project_releases ORDER BY id DESC LIMIT 1');
  if (last[0]?.hash === hash) return { loaded: false, hash, features: 0 };
  const t0 = performance.now();
  let total = 0;
  await db.tx(async (q) => {
    for (const l of PROJECT_LAYERS) {
      const file = path.join(dataDir, l.file);
      if (!existsSync(file)) continue;
      let fc: FeatureCollection;
      try {
        fc = JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection;
      } catch (e) {
        throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
      }
      if (!fc || !Array.isArray(fc.features)) throw new Error(`${file}: not a GeoJSON FeatureCollection`);
      const items = fc.features.map((f, i) => ({ id: featureId(f, i), ord: i + 1, props: f.properties ?? {}, geometry: f.geometry ?? null }));
      total += items.length;
      // One statement per layer: the features travel as one JSON parameter.
      await q.query(
        `INSERT INTO project_features (layer, feature_id, props, geom, ord, source)
         SELECT $1, f->>'id', f->'props',
                CASE WHEN jsonb_typeof(f->'geometry') = 'object' THEN ST_SetSRID(ST_GeomFromGeoJSON((f->'geometry')::text), 4490) END,
                (f->>'ord')::integer, 'release'
         FROM jsonb_array_elements($2::jsonb) AS f
         ON CONFLICT (layer, feature_id) DO UPDATE
           SET props = EXCLUDED.props, geom = EXCLUDED.geom, ord = EXCLUDED.ord, retired = false,
               version = project_features.version + 1, updated_at = now(), updated_by = '(data release)'
           WHERE NOT EXISTS (SELECT 1 FROM project_audit a WHERE a.layer = project_features.layer AND a.feature_id = project_features.feature_id)`,
        [l.id, JSON.stringify(items)],
      );
      await q.query(
        `UPDATE project_features SET retired = true, version = version + 1, updated_at = now(), updated_by = '(data release)'
         WHERE layer = $1 AND source = 'release' AND NOT retired
           AND NOT (feature_id = ANY (SELECT jsonb_array_elements_text($2::jsonb)))
           AND NOT EXISTS (SELECT 1 FROM project_audit a WHERE a.layer = project_features.layer AND a.feature_id = project_features.feature_id)`,
        [l.id, JSON.stringify(items.map((x) => x.id))],
      );
    }
    await q.query('INSERT INTO project_releases (hash, data_dir, features) VALUES ($1, $2, $3)', [hash, dataDir, total]);
  });
  log(`database: loaded the project layers of the data release ${hash.slice(0, 12)} (${total} features, ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  return { loaded: true, hash, features: total };
}

function toFeature(r: Row): Feature<Geometry | null> & { meta: unknown } {
  return {
    type: 'Feature',
    id: r.ord,
    properties: { ...r.props, id: r.feature_id },
    geometry: r.geometry ? (JSON.parse(r.geometry) as Geometry) : null,
    meta: { layer: r.layer, retired: r.retired, version: r.version, updated_at: r.updated_at, updated_by: r.updated_by },
  };
}

/** The layer's current features as a GeoJSON FeatureCollection (retired ones left out unless asked for). */
export async function listProjects(db: Queryable, layerId: string, withRetired = false): Promise<FeatureCollection<Geometry | null>> {
  const l = layerOrThrow(layerId);
  const { rows } = await db.query<Row>(`SELECT ${COLS} FROM project_features WHERE layer = $1 AND ($2 OR NOT retired) ORDER BY ord, feature_id`, [l.id, withRetired]);
  return { type: 'FeatureCollection', features: rows.map((r) => { const { meta: _m, ...f } = toFeature(r); return f; }) };
}

async function lockRow(q: Queryable, layer: string, id: string): Promise<Row> {
  const { rows } = await q.query<Row>(`SELECT ${COLS} FROM project_features WHERE layer = $1 AND feature_id = $2 FOR UPDATE`, [layer, id]);
  if (!rows[0]) throw ApiError.keyed(404, 'project.noFeature', { id, layer });
  return rows[0];
}

async function writeState(q: Queryable, user: User, row: Row, next: State, action: string, reverts: number | null = null, reason: string | null = null) {
  await q.query('UPDATE project_features SET props = $3::jsonb, retired = $4, version = version + 1, updated_at = now(), updated_by = $5 WHERE layer = $1 AND feature_id = $2',
    [row.layer, row.feature_id, JSON.stringify(next.props), next.retired, user.username]);
  const { rows } = await q.query<{ id: string }>(
    'INSERT INTO project_audit (username, layer, feature_id, action, before, after, reverts, reason) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8) RETURNING id',
    [user.username, row.layer, row.feature_id, action, JSON.stringify({ props: row.props, retired: row.retired }), JSON.stringify(next), reverts, reason]);
  return Number(rows[0].id);
}

async function featureOut(q: Queryable, layer: string, id: string) {
  const { rows } = await q.query<Row>(`SELECT ${COLS} FROM project_features WHERE layer = $1 AND feature_id = $2`, [layer, id]);
  return toFeature(rows[0]);
}

function editorOnly(user: User) {
  if (user.role !== 'editor') throw ApiError.keyed(403, 'project.editorOnly');
}

/** PATCH: status, year, capacity, name, notes. A bad value answers 400 with the field and the reason; nothing changes. */
export async function editProject(db: Db, user: User, layerId: string, id: string, body: unknown) {
  editorOnly(user);
  const l = layerOrThrow(layerId);
  return db.tx(async (q) => {
    const row = await lockRow(q, l.id, id);
    if (row.retired) throw ApiError.keyed(409, 'project.retired', { id });
    const r = applyProjectEdit(l, row.props, body);
    if ('problem' in r) throw problemError(r.problem);
    const audit = await writeState(q, user, row, { props: r.props, retired: false }, 'edit');
    return { ...(await featureOut(q, l.id, id)), audit };
  });
}

/** The optional { reason } of a retirement (or its undoing): text, at most 500 characters; 400 with the field if not. */
export function changeReason(body: unknown): string | null {
  if (body === undefined || body === null || body === '') return null;
  if (typeof body !== 'object' || Array.isArray(body)) throw ApiError.keyed(400, 'project.reasonBody', {}, { field: 'body', reason: 'not a JSON object' });
  const extra = Object.keys(body).find((k) => k !== 'reason');
  if (extra) throw ApiError.keyed(400, 'project.notAField', { field: extra }, { field: extra, reason: 'not a field here' });
  const v = (body as { reason?: unknown }).reason;
  if (v === undefined || v === null) return null;
  const bad = (key: ApiMessageKey, params: MessageParams = {}) => ApiError.forField(400, 'reason', key, params);
  if (typeof v !== 'string') throw bad('project.fieldNotText');
  const s = v.trim();
  if (s.length > 500) throw bad('project.fieldTooLong', { max: 500 });
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f<>]/.test(s)) throw bad('project.fieldChars');
  return s || null;
}

/** Soft retirement (or bringing a retired feature back): a change like any other, with the editor's reason if given. */
export async function setRetired(db: Db, user: User, layerId: string, id: string, retired: boolean, body?: unknown) {
  editorOnly(user);
  const l = layerOrThrow(layerId);
  const reason = changeReason(body);
  return db.tx(async (q) => {
    const row = await lockRow(q, l.id, id);
    if (row.retired === retired) throw ApiError.keyed(409, retired ? 'project.alreadyRetired' : 'project.notRetired', { id });
    const audit = await writeState(q, user, row, { props: row.props, retired }, retired ? 'retire' : 'unretire', null, reason);
    return { ...(await featureOut(q, l.id, id)), audit };
  });
}

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/;

/** POST: a new feature drawn or imported in the bureau page: geometry checked like the import's, then by PostGIS. */
export async function createProject(db: Db, user: User, layerId: string, body: unknown) {
  editorOnly(user);
  const l = layerOrThrow(layerId);
  if (!l.creatable) throw ApiError.keyed(400, 'project.notCreatable', { layer: l.id });
  if (!body || typeof body !== 'object') throw ApiError.keyed(400, 'project.createBody', {}, { field: 'body' });
  const { geometry, id: wanted, ...fields } = body as Record<string, unknown>;
  // 400 with the field and the English reason (as before) plus the message key.
  const bad = (field: string, key: ApiMessageKey, params: MessageParams = {}) => ApiError.forField(400, field, key, params);
  if (!geometry || typeof geometry !== 'object') throw bad('geometry', 'geometry.notObject');
  if (countPositions(geometry as Geometry) > 50_000) throw bad('geometry', 'geometry.tooLarge', { max: 50_000 });
  const checked = checkGeometry(geometry as Geometry);
  if (checked.error || !checked.geometry) throw bad('geometry', checked.error ? 'geometry.unusable' : 'geometry.required', checked.error ? { detail: checked.error } : {});
  if (geometryKindProblem(l, checked.geometry)) throw bad('geometry', 'geometry.wrongKind', { want: l.geometry.join(' / '), got: checked.geometry.type });
  if (wanted !== undefined && (typeof wanted !== 'string' || !ID_RE.test(wanted))) throw bad('id', 'project.idInvalid');
  if (typeof fields.name !== 'string') throw bad('name', 'project.nameRequired');
  const start: Record<string, unknown> = {};
  if (l.status) start[l.status.field] = l.status.values[0];
  if (l.year) start[l.year.field] = null;
  if (l.capacity) start[l.capacity.field] = 0;
  const r = applyProjectEdit(l, start, fields);
  if ('problem' in r) throw problemError(r.problem);
  const json = JSON.stringify(checked.geometry);
  return db.tx(async (q) => {
    const { rows: [v] } = await q.query<{ ok: boolean; why: string }>('SELECT ST_IsValid(g) AS ok, ST_IsValidReason(g) AS why FROM (SELECT ST_GeomFromGeoJSON($1::text) AS g) x', [json]);
    if (!v.ok) throw geosError(v.why, { field: 'geometry' });
    const id = (wanted as string | undefined) ?? `${l.id}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const { rows: dup } = await q.query('SELECT 1 FROM project_features WHERE layer = $1 AND feature_id = $2', [l.id, id]);
    if (dup.length) throw ApiError.keyed(409, 'project.exists', { layer: l.id, id });
    // The township is the one containing a point on the new feature (as the data's township_code is).
    const { rows: [t] } = await q.query<{ code: string | null }>(
      `SELECT (SELECT feature_id FROM project_features WHERE layer = 'townships' AND NOT retired
               AND ST_Intersects(geom, ST_PointOnSurface(ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4490))) LIMIT 1) AS code`, [json]);
    const props = { ...r.props, ...(t.code && l.id !== 'wind-turbines' && l.id !== 'substations' && l.id !== 'gas-pipelines' ? { township_code: t.code } : {}) };
    await q.query(
      `INSERT INTO project_features (layer, feature_id, props, geom, source, ord, updated_by)
       VALUES ($1, $2, $3::jsonb, ST_SetSRID(ST_GeomFromGeoJSON($4::text), 4490), 'app',
               (SELECT coalesce(max(ord), 0) + 1 FROM project_features WHERE layer = $1), $5)`,
      [l.id, id, JSON.stringify(props), json, user.username]);
    const { rows } = await q.query<{ id: string }>(
      "INSERT INTO project_audit (username, layer, feature_id, action, before, after) VALUES ($1, $2, $3, 'create', NULL, $4::jsonb) RETURNING id",
      [user.username, l.id, id, JSON.stringify({ props, retired: false })]);
    return { ...(await featureOut(q, l.id, id)), audit: Number(rows[0].id), fixes: checked.fixes };
  });
}

export interface AuditRow {
  id: number;
  /** What the change changed (changedFields): property names, and `retired`. */
  fields: string[];
  at: string;
  user: string;
  layer: string;
  feature: string;
  action: string;
  before: State | null;
  after: State;
  reverts: number | null;
  reason: string | null;
}

/** GET /api/audit?layer=&feature=&since= (since: ISO time or ms since 1970), newest first, at most `limit`. */
export async function listAudit(db: Queryable, q: { layer?: string; feature?: string; since?: string; limit?: string }): Promise<AuditRow[]> {
  if (q.layer) layerOrThrow(q.layer);
  let since: Date | null = null;
  if (q.since) {
    since = /^\d+$/.test(q.since) ? new Date(Number(q.since)) : new Date(q.since);
    if (Number.isNaN(since.getTime())) throw ApiError.keyed(400, 'audit.since', {}, { field: 'since' });
  }
  const limit = q.limit === undefined ? 500 : Number(q.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 5000) throw ApiError.keyed(400, 'audit.limit', {}, { field: 'limit' });
  const { rows } = await db.query<{ id: string; at: Date; username: string; layer: string; feature_id: string; action: string; before: State | null; after: State; reverts: string | null; reason: string | null }>(
    `SELECT id, at, username, layer, feature_id, action, before, after, reverts, reason FROM project_audit
     WHERE ($1::text IS NULL OR layer = $1) AND ($2::text IS NULL OR feature_id = $2) AND ($3::timestamptz IS NULL OR at > $3)
     ORDER BY id DESC LIMIT $4`,
    [q.layer ?? null, q.feature ?? null, since ? since.toISOString() : null, limit]);
  return rows.map((r) => ({ id: Number(r.id), fields: changedFields(r.before, r.after), at: new Date(r.at).toISOString(), user: r.username, layer: r.layer, feature: r.feature_id, action: r.action, before: r.before, after: r.after, reverts: r.reverts === null ? null : Number(r.reverts), reason: r.reason }));
}

interface LaterChange {
  id: number;
  at: string;
  user: string;
  action: string;
  fields: string[];
}

/**
 * Revert one change (POST /api/audit/:id/revert [{ confirm: true }]): only the fields that change changed go back to
 * their values before it; everything changed since in other fields stays. When a later change touched one of the same
 * fields, reverting would overwrite it: the server answers 409 `audit.laterChanges` with those changes (`later`) and
 * reverts only when asked again with `{ confirm: true }`. Reverting a creation retires the feature. The result must
 * keep the layer's rules (a completion year with the done status only), else 409 with the rule broken. Written as a
 * new change (nothing is deleted); the answer lists the later changes kept (`kept`).
 */
export async function revertChange(db: Db, user: User, auditId: string, body?: unknown) {
  editorOnly(user);
  if (!/^\d{1,18}$/.test(auditId)) throw ApiError.keyed(400, 'audit.idNotNumber');
  const confirm = !!body && typeof body === 'object' && (body as { confirm?: unknown }).confirm === true;
  return db.tx(async (q) => {
    const { rows } = await q.query<{ layer: string; feature_id: string; before: State | null; after: State }>('SELECT layer, feature_id, before, after FROM project_audit WHERE id = $1', [auditId]);
    const a = rows[0];
    if (!a) throw ApiError.keyed(404, 'audit.noChange', { id: auditId });
    // Every change of a feature locks its row first, so the later changes read after the lock are all of them.
    const row = await lockRow(q, a.layer, a.feature_id);
    const fields = changedFields(a.before, a.after);
    const { rows: since } = await q.query<{ id: string; at: Date; username: string; action: string; before: State | null; after: State }>(
      'SELECT id, at, username, action, before, after FROM project_audit WHERE layer = $1 AND feature_id = $2 AND id > $3 ORDER BY id',
      [a.layer, a.feature_id, auditId]);
    const later: (LaterChange & { overlaps: boolean })[] = since.map((c) => {
      const f = changedFields(c.before, c.after);
      return { id: Number(c.id), at: new Date(c.at).toISOString(), user: c.username, action: c.action, fields: f, overlaps: f.some((x) => fields.includes(x)) };
    });
    const overlapping = later.filter((c) => c.overlaps).map(({ overlaps: _o, ...c }) => c);
    const kept = later.filter((c) => !c.overlaps).map(({ overlaps: _o, ...c }) => c);
    const shared = [...new Set(overlapping.flatMap((c) => c.fields.filter((f) => fields.includes(f))))];
    if (overlapping.length && !confirm) {
      throw ApiError.keyed(409, 'audit.laterChanges', { count: overlapping.length, fields: shared.join(',') }, { fields, later: overlapping, kept });
    }
    // Only this change's fields go back; a creation undone is a retirement.
    const before: State = a.before ?? { props: a.after.props, retired: true };
    const next: State = { props: { ...row.props }, retired: row.retired };
    for (const f of fields) {
      if (f === 'retired') next.retired = before.retired;
      else if (f in before.props) next.props[f] = before.props[f];
      else delete next.props[f];
    }
    if (!changedFields({ props: row.props, retired: row.retired }, next).length) {
      throw ApiError.keyed(409, 'audit.nothingToRevert', { id: auditId, fields: fields.join(',') });
    }
    const l = layerOrThrow(a.layer);
    const rule = projectStateProblem(l, next.props);
    if (rule) throw ApiError.forField(409, rule.field, rule.key, rule.params);
    const audit = await writeState(q, user, row, next, 'revert', Number(auditId));
    return { ...(await featureOut(q, a.layer, a.feature_id)), audit, reverted: fields, overwrote: overlapping, kept };
  });
}
