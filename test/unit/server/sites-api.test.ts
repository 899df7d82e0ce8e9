// Shared sites through the API: create, read, save with the version rule (409 on stale), history, restore, soft delete
// and its undo, sharing, the area from src/core against PostGIS's ST_Area(geography), and bad input answering 4xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geodesicArea } from '../../../src/core/geo/measure.ts';
import { M2_PER_MU } from '../../../src/core/geo/units.ts';
import { BODY_LIMIT } from '../../../src/server/app.ts';
import { Client, engines, signedIn, square, testServer, type TestServer } from './helpers.ts';

describe.each(engines())('sites API on $name', (engine) => {
  let server: TestServer;
  let alice: Client; // planner, owner
  let bob: Client; // planner
  let carol: Client; // viewer
  let erin: Client; // editor

  beforeAll(async () => {
    server = await testServer(engine);
    alice = await signedIn(server, 'alice', 'planner');
    bob = await signedIn(server, 'bob', 'planner');
    carol = await signedIn(server, 'carol', 'viewer');
    erin = await signedIn(server, 'erin', 'editor');
  });
  afterAll(async () => server?.close());

  it('creates a site as version 1 with its area from src/core, matching ST_Area(geography) within 0.1 %', async () => {
    const geometry = square(115.35, 26.33, 0.01);
    const r = await alice.request('POST', '/api/sites', { name: '光伏 A', type: '光伏', geometry });
    expect(r.status).toBe(201);
    expect(r.body.version).toBe(1);
    expect(typeof r.body.id).toBe('string');
    const m2 = geodesicArea(geometry);
    expect(r.body.area_mu).toBeCloseTo(m2 / M2_PER_MU, 6);
    const { rows } = await server.db.query<{ a: number; srid: number }>('SELECT ST_Area(geom::geography) AS a, ST_SRID(geom) AS srid FROM sites WHERE id = $1', [r.body.id]);
    expect(rows[0].srid).toBe(4490);
    // PostGIS measures on its spheroid for SRID 4490 (CGCS2000 ≈ WGS84); the core on CGCS2000: agree to well under 0.1 %.
    expect(Math.abs(rows[0].a - m2) / m2).toBeLessThan(1e-3);
    expect(Math.abs(r.body.area_m2 - rows[0].a)).toBeLessThan(1); // ~1.1 km² square: within a square metre
  });

  it('saves on the current version, refuses a stale version with 409 and the server copy', async () => {
    const created = await alice.request('POST', '/api/sites', { name: 'shared', type: '造林', geometry: square(115.4, 26.4), sharing: { users: ['bob'] } });
    const id = created.body.id;
    // Both planners open version 1.
    const a = await alice.request('GET', `/api/sites/${id}`);
    const b = await bob.request('GET', `/api/sites/${id}`);
    expect(a.body.version).toBe(1);
    expect(b.body.version).toBe(1);
    const first = await alice.request('PUT', `/api/sites/${id}`, { version: 1, name: 'alice edit' });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const second = await bob.request('PUT', `/api/sites/${id}`, { version: 1, name: 'bob edit' });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatch(/alice/);
    expect(second.body.current.name).toBe('alice edit');
    expect(second.body.current.version).toBe(2);
    // Bob chooses his version after seeing both: he saves on version 2.
    const third = await bob.request('PUT', `/api/sites/${id}`, { version: 2, name: 'bob edit' });
    expect(third.status).toBe(200);
    expect(third.body.version).toBe(3);
    expect(third.body.updated_by).toBe('bob');
    const missing = await bob.request('PUT', `/api/sites/${id}`, { name: 'no version' });
    expect(missing.status).toBe(400);
  });

  it('two planners saving the same version at the same moment: exactly one wins', async () => {
    const created = await alice.request('POST', '/api/sites', { name: 'race', type: '修复', geometry: square(115.41, 26.41), sharing: 'everyone' });
    const id = created.body.id;
    const [x, y] = await Promise.all([
      alice.request('PUT', `/api/sites/${id}`, { version: 1, note: 'from alice' }),
      bob.request('PUT', `/api/sites/${id}`, { version: 1, note: 'from bob' }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const h = await alice.request('GET', `/api/sites/${id}/history`);
    expect(h.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('reads racing with saves never leave a stale copy behind (the embedded engine caches current rows)', async () => {
    const c = await alice.request('POST', '/api/sites', { name: 'busy', type: '造林', geometry: square(115.45, 26.45), sharing: 'everyone' });
    let version = 1;
    for (let i = 0; i < 8; i++) {
      const [w] = await Promise.all([
        alice.request('PUT', `/api/sites/${c.body.id}`, { version, note: `note ${i}` }),
        bob.request('GET', `/api/sites/${c.body.id}`),
        carol.request('GET', `/api/sites/${c.body.id}`),
        bob.request('GET', `/api/sites/${c.body.id}`),
      ]);
      expect(w.status).toBe(200);
      version = w.body.version;
      const after = await bob.request('GET', `/api/sites/${c.body.id}`);
      expect(after.body).toMatchObject({ version, note: `note ${i}` });
    }
    await alice.request('PUT', `/api/sites/${c.body.id}`, { version, sharing: 'private' });
    expect((await bob.request('GET', `/api/sites/${c.body.id}`)).status).toBe(404);
  });

  it('keeps every version with author, time and change; restores any version as a new one', async () => {
    const g1 = square(115.3, 26.3, 0.002);
    const g2 = square(115.3, 26.3, 0.004);
    const c = await alice.request('POST', '/api/sites', { name: 'v1', type: '其他', geometry: g1 });
    const id = c.body.id;
    await alice.request('PUT', `/api/sites/${id}`, { version: 1, name: 'v2', geometry: g2 });
    const h = await alice.request('GET', `/api/sites/${id}/history`);
    expect(h.status).toBe(200);
    const [v2, v1] = h.body.versions;
    expect(v2).toMatchObject({ version: 2, author: 'alice', change: 'update', name: 'v2' });
    expect(v2.fields.sort()).toEqual(['geometry', 'name']);
    expect(v1).toMatchObject({ version: 1, change: 'create', name: 'v1' });
    expect(Math.abs(v2.time - Date.now())).toBeLessThan(120_000);
    expect(v2.area_m2).toBeCloseTo(geodesicArea(g2), 3);
    const r = await alice.request('POST', `/api/sites/${id}/restore`, { version: 1 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ version: 3, name: 'v1' });
    expect(r.body.geometry).toEqual(g1);
    expect(r.body.area_m2).toBeCloseTo(geodesicArea(g1), 3);
    const h2 = await alice.request('GET', `/api/sites/${id}/history`);
    expect(h2.body.versions[0]).toMatchObject({ version: 3, change: 'restore', author: 'alice' });
    expect((await alice.request('POST', `/api/sites/${id}/restore`, { version: 99 })).status).toBe(404);
    expect((await alice.request('POST', `/api/sites/${id}/restore`, { version: 1, base: 2 })).status).toBe(409);
  });

  it('deletes softly (gone from the list, kept in history) and undoes the delete by restoring', async () => {
    const c = await alice.request('POST', '/api/sites', { name: 'to delete', type: '风电', geometry: square(115.2, 26.2) });
    const id = c.body.id;
    expect((await alice.request('DELETE', `/api/sites/${id}?version=7`)).status).toBe(409);
    const d = await alice.request('DELETE', `/api/sites/${id}?version=1`);
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ deleted: true, version: 2 });
    const list = await alice.request('GET', '/api/sites');
    expect(list.body.sites.some((s: { id: string }) => s.id === id)).toBe(false);
    const withDeleted = await alice.request('GET', '/api/sites?deleted=1');
    expect(withDeleted.body.sites.find((s: { id: string }) => s.id === id).deleted).toBe(true);
    expect((await alice.request('PUT', `/api/sites/${id}`, { version: 2, name: 'x' })).status).toBe(409);
    const undo = await alice.request('POST', `/api/sites/${id}/restore`, { version: 1 });
    expect(undo.body).toMatchObject({ deleted: false, version: 3, name: 'to delete' });
    expect((await alice.request('GET', '/api/sites')).body.sites.some((s: { id: string }) => s.id === id)).toBe(true);
  });

  it('shares with named users, with everyone, or nobody; only the owner changes sharing', async () => {
    const c = await alice.request('POST', '/api/sites', { name: 'private one', type: '造林', geometry: square(115.1, 26.1) });
    const id = c.body.id;
    for (const other of [bob, carol, erin]) expect((await other.request('GET', `/api/sites/${id}`)).status).toBe(404);
    const s1 = await alice.request('PUT', `/api/sites/${id}`, { version: 1, sharing: { users: ['carol'] } });
    expect(s1.body.sharing).toEqual({ users: ['carol'] });
    expect((await carol.request('GET', `/api/sites/${id}`)).status).toBe(200);
    expect((await carol.request('GET', `/api/sites/${id}`)).body.can_edit).toBe(false);
    expect((await bob.request('GET', `/api/sites/${id}`)).status).toBe(404);
    expect((await carol.request('PUT', `/api/sites/${id}`, { version: 2, name: 'viewer edit' })).status).toBe(403);
    await alice.request('PUT', `/api/sites/${id}`, { version: 2, sharing: 'everyone' });
    const e = await erin.request('GET', `/api/sites/${id}`);
    expect(e.body.can_edit).toBe(true);
    expect(e.body.can_share).toBe(false);
    expect((await erin.request('PUT', `/api/sites/${id}`, { version: 3, name: 'editor edit' })).status).toBe(200);
    expect((await erin.request('PUT', `/api/sites/${id}`, { version: 4, sharing: 'private' })).status).toBe(403);
    expect((await bob.request('DELETE', `/api/sites/${id}`)).status).toBe(403);
    expect((await alice.request('PUT', `/api/sites/${id}`, { version: 4, sharing: { users: ['nobody-here'] } })).status).toBe(400);
  });

  it('a client may choose the id (the planner keeps its local ids); a taken id answers 409', async () => {
    const r = await alice.request('POST', '/api/sites', { id: 'local-site-1', name: 'mine', type: '其他', geometry: square() });
    expect(r.status).toBe(201);
    expect(r.body.id).toBe('local-site-1');
    expect((await bob.request('POST', '/api/sites', { id: 'local-site-1', name: 'mine too', type: '其他', geometry: square() })).status).toBe(409);
    expect((await alice.request('POST', '/api/sites', { id: 'bad id!', name: 'x', type: '其他', geometry: square() })).status).toBe(400);
  });

  describe('bad input answers 4xx with a message and changes nothing', () => {
    const cases: [string, unknown, RegExp][] = [
      ['no name', { type: '光伏', geometry: square() }, /name is required/],
      ['unknown type', { name: 'x', type: 'casino', geometry: square() }, /type must be one of/],
      ['HTML in the name', { name: '<img src=x onerror=alert(1)>', type: '光伏', geometry: square() }, /must not contain "<"/],
      ['control characters', { name: 'a\u0000b', type: '光伏', geometry: square() }, /control characters/],
      ['name too long', { name: '长'.repeat(201), type: '光伏', geometry: square() }, /at most 200/],
      ['no geometry', { name: 'x', type: '光伏' }, /geometry must be a GeoJSON geometry/],
      ['geometry type', { name: 'x', type: '光伏', geometry: { type: 'Circle', coordinates: [1, 2] } }, /geometry type must be one of/],
      ['malformed coordinates', { name: 'x', type: '光伏', geometry: { type: 'Polygon', coordinates: [[1, 2], [3, 4]] } }, /malformed/],
      ['string coordinates', { name: 'x', type: '光伏', geometry: { type: 'Point', coordinates: ['115', '26'] } }, /malformed/],
      ['latitude beyond 90', { name: 'x', type: '光伏', geometry: { type: 'Point', coordinates: [115, 95] } }, /latitude|90/],
      ['longitude beyond 180', { name: 'x', type: '光伏', geometry: { type: 'Point', coordinates: [215, 26] } }, /longitude/],
      ['open ring', { name: 'x', type: '光伏', geometry: { type: 'Polygon', coordinates: [[[115, 26], [115.1, 26], [115.1, 26.1], [115, 26.1]]] } }, /not closed/],
      ['self-intersecting ring', { name: 'x', type: '光伏', geometry: { type: 'Polygon', coordinates: [[[115, 26], [115.1, 26.1], [115.1, 26], [115, 26.1], [115, 26]]] } }, /not valid.*Self-intersection/i],
      ['huge geometry', { name: 'x', type: '光伏', geometry: { type: 'LineString', coordinates: Array.from({ length: 60_000 }, (_, i) => [115 + i * 1e-6, 26]) } }, /too large/],
      ['sharing', { name: 'x', type: '光伏', geometry: square(), sharing: 'the world' }, /sharing must be/],
      ['array body', [1, 2], /JSON object/],
    ];
    it.each(cases)('%s', async (_what, body, message) => {
      const before = (await alice.request('GET', '/api/sites')).body.sites.length;
      const r = await alice.request('POST', '/api/sites', body);
      expect(r.status).toBe(400);
      expect(r.body.error).toMatch(message);
      expect((await alice.request('GET', '/api/sites')).body.sites.length).toBe(before);
    });

    it('an oversized body answers 413', async () => {
      const r = await alice.request('POST', '/api/sites', undefined, { rawBody: JSON.stringify({ name: 'x', type: '光伏', note: 'n'.repeat(BODY_LIMIT) }) });
      expect(r.status).toBe(413);
      expect(r.body.error).toMatch(/too large/);
    });

    it('broken JSON and a non-JSON body answer 400 / 415', async () => {
      const broken = await alice.request('POST', '/api/sites', undefined, { rawBody: '{"name": "x",' });
      expect(broken.status).toBe(400);
      expect(typeof broken.body.error).toBe('string');
      const form = await alice.request('POST', '/api/sites', undefined, { rawBody: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(form.status).toBe(415);
      expect(form.body.error).toMatch(/JSON/);
    });

    it('SQL in a name is stored as plain text and the tables survive', async () => {
      const name = "x'); DROP TABLE sites; -- \" OR 1=1";
      const r = await alice.request('POST', '/api/sites', { name, type: '其他', geometry: square(), note: "'; DELETE FROM users; --" });
      expect(r.status).toBe(201);
      expect((await alice.request('GET', `/api/sites/${r.body.id}`)).body.name).toBe(name);
      const { rows } = await server.db.query<{ n: number }>('SELECT count(*)::integer AS n FROM users');
      expect(rows[0].n).toBe(4);
    });
  });
});

describe('two servers in one process (as the browser suites run them)', () => {
  it('each names the owners of its own sites: user ids that coincide across databases never swap names', async () => {
    const [engine] = engines();
    const one = await testServer(engine);
    const two = await testServer(engine);
    try {
      // The first user of each database has the same id; their names differ.
      const first = await signedIn(one, 'first-on-one', 'planner');
      const other = await signedIn(two, 'first-on-two', 'planner');
      const a = await first.request('POST', '/api/sites', { name: 'on one', type: '造林', geometry: square(115.35, 26.33) });
      expect(a.status).toBe(201);
      expect(a.body.owner).toBe('first-on-one');
      const b = await other.request('POST', '/api/sites', { name: 'on two', type: '造林', geometry: square(115.36, 26.34) });
      expect(b.status).toBe(201);
      expect(b.body.owner).toBe('first-on-two');
      expect((await other.request('GET', `/api/sites/${b.body.id}`)).body.owner).toBe('first-on-two');
    } finally {
      await one.close();
      await two.close();
    }
  });
});
