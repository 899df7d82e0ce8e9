// Synchronises the planner's IndexedDB workspace with the shared sites on the server while the planner is signed in.
// The local store stays the planner's working copy (it keeps working offline); each sync compares every site with the
// server version it was last synchronised at (kept in localStorage per user), then:
//   changed here only          → saved to the server on that version (PUT; a new site is created with the same id);
//   changed on the server only → the server copy replaces the local one;
//   changed on both            → a conflict: nothing is overwritten; the UI shows both and the planner chooses;
//   deleted here (owner)       → deleted on the server (soft, with that version); deleted there → removed here;
//   new on the server (shared with this user, or made on another computer) → added here.
// The same version rule as the API: a save on a stale version answers 409 and becomes a conflict.
// A site the server refuses (400 and the like: markup in its name, invalid geometry) is remembered with the server's
// keyed answer and the content it refused (per user, in localStorage): it is not sent again until it changes, and the
// panel marks it with the reason instead of retrying it on every pass. Nothing here says "synced" while a site is not:
// every site that did not reach the server is a problem of the pass (refused, read-only, a viewer's local site).
import { isSiteType } from '../../core/analysis/site-types.ts';
import type { SiteWire } from '../../core/share/site-wire.ts';
import type { Site } from '../site.ts';

/** A site as the server sends it (one definition with the server: src/core/share/site-wire.ts). */
export type ServerSite = SiteWire;

/** Per site: the server version and the content hash at the last sync. */
export type SyncMeta = Record<string, { version: number; hash: string }>;

/** Per site the server refused: the content it refused (hash) and its answer (status, keyed body). */
export type RefusedMeta = Record<string, { hash: string; status: number; body: unknown }>;

/** What the server says about a site besides its content: who owns it, who it is shared with, what we may do. */
export type SiteInfo = Pick<ServerSite, 'owner' | 'sharing' | 'can_edit' | 'can_share' | 'version'>;

/** A site that did not reach the server in this pass, and why. */
export type SyncProblem =
  | { kind: 'refused'; id: string; name: string; status: number; body: unknown }
  | { kind: 'transient'; id: string; name: string; status: number; body: unknown }
  | { kind: 'readOnly'; id: string; name: string }
  | { kind: 'viewerLocal'; id: string; name: string };

export interface Conflict {
  local: Site;
  server: ServerSite;
}

export interface SyncResult {
  meta: SyncMeta;
  /** Sites to put into the local store (server copies). */
  pulls: Site[];
  /** Local sites to remove (deleted on the server). */
  removals: string[];
  conflicts: Conflict[];
  /** Sites that did not reach the server (refused with the reason, read-only, a server error this time). */
  problems: SyncProblem[];
  /** Refusals to remember (the previous ones still standing, plus this pass's). */
  refused: RefusedMeta;
  /** Owner, sharing and rights of every site on the server this user may read. */
  info: Record<string, SiteInfo>;
  pushed: number;
}

/** Statuses that mean "this content is refused" (not worth sending again unchanged), as against a passing failure. */
const REFUSAL = (status: number) => status >= 400 && status < 500 && ![401, 408, 409, 429].includes(status);

export type Requester = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The browser's requester: same-origin fetch with the session cookie and the CSRF header. */
export function browserRequester(csrf: string, base = ''): Requester {
  return async (method, path, body) => {
    const headers: Record<string, string> = {};
    if (method !== 'GET') headers['x-csrf-token'] = csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(`${base}${path}`, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: r.status, body: await r.json().catch(() => null) };
  };
}

/** Who is signed in (GET /api/session), or null: no server (static hosting, offline) or not signed in. */
export async function serverSession(base = ''): Promise<{ user: string; role: string; csrf: string } | null> {
  try {
    const r = await fetch(`${base}/api/session`, { credentials: 'same-origin' });
    return r.ok ? ((await r.json()) as { user: string; role: string; csrf: string }) : null;
  } catch {
    return null;
  }
}

export const contentHash = (s: Pick<Site, 'name' | 'type' | 'note' | 'geometry'>): string => JSON.stringify([s.name, s.type, s.note, s.geometry]);

export function fromServer(s: ServerSite): Site {
  return {
    id: s.id,
    name: s.name,
    type: isSiteType(s.type) ? s.type : '其他',
    note: s.note,
    geometry: s.geometry,
    origin: s.origin,
    created: s.created,
    updated: s.updated,
  };
}

const body = (s: Site) => ({ name: s.name, type: s.type, note: s.note, origin: s.origin, geometry: s.geometry });

/** The list could not be read: the server is unreachable, or answered with an error (status and body kept). */
export class SyncUnavailable extends Error {
  constructor(readonly status: number, readonly body: unknown) {
    super(`GET /api/sites answered ${status}`);
  }
}

/**
 * One synchronisation pass. `local` is the workspace; `meta` what the last pass left, `refusedBefore` the refusals
 * remembered (neither is modified: new ones are returned).
 */
export async function syncOnce(request: Requester, local: Site[], previous: SyncMeta, canWrite = true, refusedBefore: RefusedMeta = {}): Promise<SyncResult> {
  const meta: SyncMeta = { ...previous };
  const refused: RefusedMeta = {};
  const out: SyncResult = { meta, pulls: [], removals: [], conflicts: [], problems: [], refused, info: {}, pushed: 0 };
  const list = await request('GET', '/api/sites?deleted=1');
  if (list.status !== 200) throw new SyncUnavailable(list.status, list.body);
  const server = new Map<string, ServerSite>((list.body.sites as ServerSite[]).map((s) => [s.id, s]));
  for (const s of server.values()) {
    if (!s.deleted) out.info[s.id] = { owner: s.owner, sharing: s.sharing, can_edit: s.can_edit, can_share: s.can_share, version: s.version };
  }
  const here = new Set(local.map((s) => s.id));

  const save = async (site: Site, version: number | null) => {
    // A viewer's sites stay in the browser (the server refuses their writes): said, not hidden.
    if (!canWrite) {
      out.problems.push({ kind: 'viewerLocal', id: site.id, name: site.name });
      return;
    }
    const hash = contentHash(site);
    const before = refusedBefore[site.id];
    if (before && before.hash === hash) {
      // Refused as it is: not sent again until it changes.
      refused[site.id] = before;
      out.problems.push({ kind: 'refused', id: site.id, name: site.name, status: before.status, body: before.body });
      return;
    }
    const r = version === null
      ? await request('POST', '/api/sites', { id: site.id, ...body(site) })
      : await request('PUT', `/api/sites/${encodeURIComponent(site.id)}`, { version, ...body(site) });
    if (r.status === 200 || r.status === 201) {
      meta[site.id] = { version: r.body.version, hash };
      const w = r.body as ServerSite;
      out.info[site.id] = { owner: w.owner, sharing: w.sharing, can_edit: w.can_edit, can_share: w.can_share, version: w.version };
      out.pushed++;
    } else if (r.status === 409 && r.body?.current) out.conflicts.push({ local: site, server: r.body.current });
    else if (REFUSAL(r.status)) {
      refused[site.id] = { hash, status: r.status, body: r.body };
      out.problems.push({ kind: 'refused', id: site.id, name: site.name, status: r.status, body: r.body });
    } else out.problems.push({ kind: 'transient', id: site.id, name: site.name, status: r.status, body: r.body });
  };

  for (const site of local) {
    const m = meta[site.id];
    const s = server.get(site.id);
    const hash = contentHash(site);
    if (!s) {
      // Not on the server (or no longer shared with us): a site we never synced is created there.
      if (!m) await save(site, null);
      continue;
    }
    const serverHash = contentHash(fromServer(s));
    if (!m) {
      if (serverHash === hash) meta[site.id] = { version: s.version, hash };
      else out.conflicts.push({ local: site, server: s });
      continue;
    }
    const changedHere = hash !== m.hash;
    const changedThere = s.version !== m.version;
    if (s.deleted) {
      if (!changedHere) {
        out.removals.push(site.id);
        delete meta[site.id];
      } else out.conflicts.push({ local: site, server: s });
    } else if (changedHere && !changedThere) {
      if (s.can_edit) await save(site, m.version);
      else out.problems.push({ kind: 'readOnly', id: site.id, name: site.name });
    } else if (!changedHere && changedThere) {
      out.pulls.push(fromServer(s));
      meta[site.id] = { version: s.version, hash: serverHash };
    } else if (changedHere && changedThere) {
      if (serverHash === hash) meta[site.id] = { version: s.version, hash };
      else out.conflicts.push({ local: site, server: s });
    }
  }
  for (const s of server.values()) {
    if (here.has(s.id)) continue;
    const m = meta[s.id];
    if (m && !s.deleted && s.can_share && canWrite && s.version === m.version) {
      // Deleted here, unchanged there since: delete it on the server too (soft; history keeps it).
      const r = await request('DELETE', `/api/sites/${encodeURIComponent(s.id)}?version=${m.version}`);
      if (r.status === 200) delete meta[s.id];
      else if (r.status !== 409) out.problems.push({ kind: REFUSAL(r.status) ? 'refused' : 'transient', id: s.id, name: s.name, status: r.status, body: r.body });
    } else if (!s.deleted && (!m || s.version !== m.version)) {
      // New to this browser (shared with us, or made elsewhere), or changed there after we removed it here.
      out.pulls.push(fromServer(s));
      meta[s.id] = { version: s.version, hash: contentHash(fromServer(s)) };
    } else if (s.deleted) delete meta[s.id];
  }
  return out;
}

/** The planner chose in a conflict: keep theirs (the local copy is saved on the server's version) or the server's. */
export async function resolveConflict(request: Requester, c: Conflict, keep: 'local' | 'server', meta: SyncMeta): Promise<{ meta: SyncMeta; pull: Site | null; error: { status: number; body: unknown } | null; conflict: Conflict | null }> {
  const next = { ...meta };
  if (keep === 'server') {
    const site = fromServer(c.server);
    if (c.server.deleted) {
      delete next[c.local.id];
      return { meta: next, pull: null, error: null, conflict: null };
    }
    next[site.id] = { version: c.server.version, hash: contentHash(site) };
    return { meta: next, pull: site, error: null, conflict: null };
  }
  const r = c.server.deleted
    ? await request('POST', `/api/sites/${encodeURIComponent(c.local.id)}/restore`, { version: c.server.version - 1, base: c.server.version })
      .then(async (x) => (x.status === 200 ? request('PUT', `/api/sites/${encodeURIComponent(c.local.id)}`, { version: x.body.version, ...body(c.local) }) : x))
    : await request('PUT', `/api/sites/${encodeURIComponent(c.local.id)}`, { version: c.server.version, ...body(c.local) });
  if (r.status === 200) {
    next[c.local.id] = { version: r.body.version, hash: contentHash(c.local) };
    return { meta: next, pull: null, error: null, conflict: null };
  }
  if (r.status === 409 && r.body?.current) return { meta: next, pull: null, error: null, conflict: { local: c.local, server: r.body.current } };
  return { meta: next, pull: null, error: { status: r.status, body: r.body }, conflict: null };
}

const META_KEY = 'xingguo-planner-sync:';
const REFUSED_KEY = 'xingguo-planner-refused:';

function load<T extends object>(key: string): T {
  try {
    const v = JSON.parse(localStorage.getItem(key) ?? '{}') as unknown;
    return (v && typeof v === 'object' ? v : {}) as T;
  } catch {
    return {} as T;
  }
}

function save(key: string, value: object): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or blocked: the next pass compares again from the server's versions (conflicts, never lost edits);
    // a refused site is then sent once more per page load and refused again, with the reason shown.
  }
}

export const loadMeta = (user: string): SyncMeta => load<SyncMeta>(META_KEY + user);
export const saveMeta = (user: string, meta: SyncMeta): void => save(META_KEY + user, meta);
export const loadRefused = (user: string): RefusedMeta => load<RefusedMeta>(REFUSED_KEY + user);
export const saveRefused = (user: string, refused: RefusedMeta): void => save(REFUSED_KEY + user, refused);
