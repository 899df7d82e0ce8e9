// The siting record of a shared site: computed by the server from its data folder (the sample data) with the planner's
// own core whenever the geometry or type changes — on create, on a save that changes either, and on a restore — kept
// as it is by a save that changes neither, and null on a server without a data folder. Areas are checked against turf
// intersections of the site with the control-line files (@turf/area, spherical: within 0.5 %).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { M2_PER_MU } from '../../../src/core/geo/units.ts';
import { boxOverlapTurf, boxPolygon, farmlandMeetsRedline, readSitingData, type Box } from '../../fixtures/siting-spots.ts';
import { SitingService } from '../../../src/server/siting.ts';
import { createSite } from '../../../src/server/sites.ts';
import { Client, engines, signedIn, testServer, type TestServer } from './helpers.ts';

const DATA = path.resolve(import.meta.dirname, '../../../data');

describe.each(engines())('siting records on $name', (engine) => {
  let server: TestServer;
  let alice: Client;
  let box: Box;
  let farmlandMu: number;
  let redlineMu: number;

  beforeAll(async () => {
    const data = readSitingData(DATA);
    box = farmlandMeetsRedline(data);
    farmlandMu = boxOverlapTurf(box, data.constraints['permanent-farmland']) / M2_PER_MU;
    redlineMu = boxOverlapTurf(box, data.constraints['ecological-redline']) / M2_PER_MU;
    server = await testServer(engine, { dataDir: DATA });
    alice = await signedIn(server, 'alice', 'planner');
  });
  afterAll(async () => server?.close());

  const near = (got: number, want: number) => expect(Math.abs(got - want) / want, `${got} vs ${want}`).toBeLessThan(0.005);

  it('a PV site across 永久基本农田 and 生态保护红线: the server records 禁止 with both areas', async () => {
    const r = await alice.request('POST', '/api/sites', { name: '光伏 跨线', type: '光伏', geometry: boxPolygon(box) });
    expect(r.status).toBe(201);
    const s = r.body.siting;
    expect(s.verdict).toBe('禁止');
    const by = (rule: string) => s.findings.find((f: { rule: string }) => f.rule === rule);
    near(by('farmland-pv').area_mu, farmlandMu);
    near(by('redline-build').area_mu, redlineMu);
    expect(by('farmland-pv').layer).toBe('permanent-farmland');
    expect(s.layers.find((l: { key: string }) => l.key === 'permanent-farmland')).toMatchObject({ synthetic: true });
    expect(s.rules_version).toMatch(/^siting-/);
    // The stored row says the same (the record is the server's, not the client's).
    const { rows } = await server.db.query<{ siting: { verdict: string } }>('SELECT siting FROM sites WHERE id = $1', [r.body.id]);
    expect(rows[0].siting.verdict).toBe('禁止');
    (globalThis as { siteId?: string }).siteId = r.body.id;
  }, 60_000);

  it('a new type alone is re-checked against the stored geometry; a note alone keeps the record; a restore recomputes', async () => {
    const id = (globalThis as { siteId?: string }).siteId!;
    const retyped = await alice.request('PUT', `/api/sites/${id}`, { version: 1, type: '造林' });
    expect(retyped.status).toBe(200);
    const rules = retyped.body.siting.findings.map((f: { rule: string; verdict: string }) => `${f.rule}:${f.verdict}`);
    expect(rules).toContain('farmland-forest:禁止');
    expect(rules).toContain('redline-restore:注意');
    expect(rules).not.toContain('farmland-pv:禁止');
    const noted = await alice.request('PUT', `/api/sites/${id}`, { version: 2, note: '只改备注' });
    expect(noted.body.siting).toEqual(retyped.body.siting);
    const restored = await alice.request('POST', `/api/sites/${id}/restore`, { version: 1 });
    expect(restored.status).toBe(200);
    expect(restored.body.type).toBe('光伏');
    expect(restored.body.siting.findings.map((f: { rule: string }) => f.rule)).toContain('farmland-pv');
    const listed = await alice.request('GET', '/api/sites');
    expect(listed.body.sites.find((x: { id: string }) => x.id === id).siting.verdict).toBe('禁止');
  }, 60_000);

  it('without a readable data folder the record is null (not checked, never "allowed"), and the reason is logged', async () => {
    const lines: string[] = [];
    const missing = new SitingService(path.join(DATA, 'no-such-folder'), (l) => lines.push(l));
    expect(await missing.recordOf(boxPolygon(box), '光伏')).toBeNull();
    expect(lines.join('\n')).toMatch(/siting: layers not loaded from .*no-such-folder/);
    const { rows: [me] } = await server.db.query<{ id: number }>('SELECT id FROM users WHERE username = $1', ['alice']);
    const r = await createSite(server.db, { id: me.id, username: 'alice', role: 'planner' }, { name: '无数据', type: '光伏', geometry: boxPolygon(box) }, (g, t) => missing.recordOf(g, t));
    expect(r.siting).toBeNull();
  });
});
