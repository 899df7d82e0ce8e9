// The planner's server sync (src/planner/storage/server-sync.ts) against the real API: pushes new and changed sites,
// pulls colleagues' changes and sites shared with the planner, deletes softly both ways, and turns concurrent edits into
// conflicts that keep both versions until the planner chooses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash, resolveConflict, syncOnce, type Requester, type SyncMeta } from '../../../src/planner/storage/server-sync.ts';
import type { Site } from '../../../src/planner/site.ts';
import { engines, signedIn, square, testServer, type Client, type TestServer } from './helpers.ts';

const requester = (c: Client): Requester => (method, path, body) => c.request(method, path, body);

function site(id: string, name: string, lon = 115.3): Site {
  return { id, name, type: '造林', note: '', geometry: square(lon, 26.3), origin: 'draw:polygon', created: 1, updated: 1 };
}

describe('planner sync on pglite', () => {
  const engine = engines()[0];
  let server: TestServer;
  let ann: Client;
  let ben: Client;
  let local: Site[] = [];
  let meta: SyncMeta = {};

  const sync = async () => {
    const r = await syncOnce(requester(ann), local, meta);
    meta = r.meta;
    local = local.filter((s) => !r.removals.includes(s.id));
    for (const p of r.pulls) local = local.some((s) => s.id === p.id) ? local.map((s) => (s.id === p.id ? p : s)) : [...local, p];
    return r;
  };

  beforeAll(async () => {
    server = await testServer(engine);
    ann = await signedIn(server, 'ann', 'planner');
    ben = await signedIn(server, 'ben', 'planner');
  });
  afterAll(async () => server?.close());

  it('pushes a new local site under its own id, then a local edit on its version', async () => {
    local = [site('s-1', 'first')];
    const r = await sync();
    expect(r.pushed).toBe(1);
    expect(meta['s-1'].version).toBe(1);
    local = [{ ...local[0], name: 'first, renamed' }];
    await sync();
    const s = await ann.request('GET', '/api/sites/s-1');
    expect(s.body).toMatchObject({ name: 'first, renamed', version: 2 });
    expect((await sync()).pushed).toBe(0); // nothing changed: nothing sent
  });

  it('pulls a colleague’s change and a site shared with the planner', async () => {
    await ann.request('PUT', '/api/sites/s-1', { version: 2, sharing: { users: ['ben'] } });
    meta['s-1'].version = 3; // ann's own sharing change, acknowledged
    await ben.request('PUT', '/api/sites/s-1', { version: 3, note: 'ben was here' });
    await ben.request('POST', '/api/sites', { id: 'b-1', name: 'from ben', type: '光伏', geometry: square(115.5, 26.5), sharing: 'everyone' });
    const r = await sync();
    expect(r.pulls.map((p) => p.id).sort()).toEqual(['b-1', 's-1']);
    expect(local.find((s) => s.id === 's-1')!.note).toBe('ben was here');
    expect(local.find((s) => s.id === 'b-1')!.name).toBe('from ben');
  });

  it('edits on both sides become a conflict; the planner keeps theirs, or the server’s', async () => {
    local = local.map((s) => (s.id === 's-1' ? { ...s, name: 'ann offline edit' } : s));
    const v = (await ben.request('GET', '/api/sites/s-1')).body.version;
    await ben.request('PUT', '/api/sites/s-1', { version: v, name: 'ben edit' });
    const r = await sync();
    expect(r.conflicts).toHaveLength(1);
    const c = r.conflicts[0];
    expect(c.local.name).toBe('ann offline edit');
    expect(c.server.name).toBe('ben edit');
    expect(c.server.updated_by).toBe('ben');
    // Nothing was overwritten on either side.
    expect((await ann.request('GET', '/api/sites/s-1')).body.name).toBe('ben edit');
    expect(local.find((s) => s.id === 's-1')!.name).toBe('ann offline edit');
    const kept = await resolveConflict(requester(ann), c, 'local', meta);
    meta = kept.meta;
    expect(kept.error).toBeNull();
    const now = (await ann.request('GET', '/api/sites/s-1')).body;
    expect(now.name).toBe('ann offline edit');
    expect(meta['s-1']).toEqual({ version: now.version, hash: contentHash(local.find((s) => s.id === 's-1')!) });
    // And the other way: ben edits again while ann edits; ann takes the server's.
    await ben.request('PUT', '/api/sites/s-1', { version: now.version, note: 'ben again' });
    local = local.map((s) => (s.id === 's-1' ? { ...s, note: 'ann again' } : s));
    const r2 = await sync();
    expect(r2.conflicts).toHaveLength(1);
    const took = await resolveConflict(requester(ann), r2.conflicts[0], 'server', meta);
    meta = took.meta;
    expect(took.pull!.note).toBe('ben again');
    local = local.map((s) => (s.id === 's-1' ? took.pull! : s));
    expect((await sync()).conflicts).toHaveLength(0);
  });

  it('a local delete is a soft delete on the server; a delete there removes it here', async () => {
    local = [...local, site('s-2', 'second', 115.2)];
    await sync();
    local = local.filter((s) => s.id !== 's-2');
    await sync();
    const gone = await ann.request('GET', '/api/sites/s-2');
    expect(gone.body.deleted).toBe(true);
    const h = await ann.request('GET', '/api/sites/s-2/history');
    expect(h.body.versions[0].change).toBe('delete');
    // ben deletes his shared site: it leaves ann's workspace.
    const b = (await ben.request('GET', '/api/sites/b-1')).body;
    await ben.request('DELETE', `/api/sites/b-1?version=${b.version}`);
    const r = await sync();
    expect(r.removals).toEqual(['b-1']);
    expect(local.some((s) => s.id === 'b-1')).toBe(false);
  });

  it('a site the server refuses stays local with the keyed reason, and is not sent again until it changes (issue 24)', async () => {
    local = [...local, { ...site('s-3', 'bad'), geometry: { type: 'Polygon', coordinates: [[[115, 26], [115.1, 26.1], [115.1, 26], [115, 26.1], [115, 26]]] } }, site('s-4', '名称<b>')];
    const writes: string[] = [];
    const counting: Requester = (method, path, body) => { if (method !== 'GET') writes.push(`${method} ${path}`); return ann.request(method, path, body); };
    let refused = {};
    const pass = async () => {
      const r = await syncOnce(counting, local, meta, true, refused);
      meta = r.meta;
      refused = r.refused;
      return r;
    };
    const r = await pass();
    expect(local.some((s) => s.id === 's-3')).toBe(true);
    const byId = Object.fromEntries(r.problems.map((p) => [p.id, p]));
    expect(byId['s-3']).toMatchObject({ kind: 'refused', status: 400, body: { key: 'geometry.selfIntersection' } });
    expect(byId['s-4']).toMatchObject({ kind: 'refused', status: 400, body: { key: 'site.fieldMarkup', params: { field: 'name' } } });
    expect(writes).toEqual(['POST /api/sites', 'POST /api/sites']);
    // The next passes (every 20 s, every page load with the refusals kept in localStorage) send nothing and say why.
    for (let i = 0; i < 3; i++) {
      const again = await pass();
      expect(again.problems.map((p) => [p.id, p.kind]).sort()).toEqual([['s-3', 'refused'], ['s-4', 'refused']]);
    }
    expect(writes).toHaveLength(2);
    // Changed (the markup taken out): sent again, and accepted.
    local = local.map((s) => (s.id === 's-4' ? { ...s, name: '名称 b' } : s));
    const fixed = await pass();
    expect(writes).toEqual(['POST /api/sites', 'POST /api/sites', 'POST /api/sites']);
    expect(fixed.problems.map((p) => p.id)).toEqual(['s-3']);
    expect((await ann.request('GET', '/api/sites/s-4')).body.name).toBe('名称 b');
    expect(fixed.info['s-4']).toMatchObject({ owner: 'ann', sharing: 'private', can_share: true });
  });

  it('a viewer’s local site is a problem of the pass, not silently "synced"', async () => {
    const vic = await signedIn(server, 'vic', 'viewer');
    const r = await syncOnce(requester(vic), [site('v-1', 'viewer drew this')], {}, false);
    expect(r.problems).toEqual([{ kind: 'viewerLocal', id: 'v-1', name: 'viewer drew this' }]);
    expect((await vic.request('GET', '/api/sites/v-1')).status).toBe(404);
  });
});
