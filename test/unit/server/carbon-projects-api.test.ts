// Carbon-sink projects through the API (src/server/carbon-projects.ts): create, read, list, save with the version rule
// (409 on stale with the server's copy), history, soft delete and restore, roles (viewers read only) and a bad project
// file refused with the field the core's parser names.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, engines, signedIn, testServer, type TestServer } from './helpers.ts';

const example = JSON.parse(readFileSync(new URL('../../fixtures/projects/example-project.json', import.meta.url), 'utf8'));

describe.each(engines())('carbon-projects API on $name', (engine) => {
  let server: TestServer;
  let alice: Client; // planner
  let bob: Client; // editor
  let carol: Client; // viewer

  beforeAll(async () => {
    server = await testServer(engine);
    alice = await signedIn(server, 'alice', 'planner');
    bob = await signedIn(server, 'bob', 'editor');
    carol = await signedIn(server, 'carol', 'viewer');
  });
  afterAll(async () => server?.close());

  it('creates version 1 with the server id in the body; everyone signed in reads it; viewers cannot write', async () => {
    const r = await alice.request('POST', '/api/carbon-projects', { project: example });
    expect(r.status).toBe(201);
    expect(r.body.version).toBe(1);
    expect(r.body.project.id).toBe(r.body.id);
    expect(r.body.project.parcels).toHaveLength(example.parcels.length);
    expect(r.body.owner).toBe('alice');
    const seen = await carol.request('GET', `/api/carbon-projects/${r.body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.can_edit).toBe(false);
    expect(seen.body.project.name).toBe(example.name);
    const list = await carol.request('GET', '/api/carbon-projects');
    expect(list.body.projects.map((p: { id: string }) => p.id)).toContain(r.body.id);
    const refused = await carol.request('POST', '/api/carbon-projects', { project: example });
    expect(refused.status).toBe(403);
    expect(refused.body.key).toBe('carbonProject.viewerReadOnly');
    const refusedPut = await carol.request('PUT', `/api/carbon-projects/${r.body.id}`, { version: 1, project: example });
    expect(refusedPut.status).toBe(403);
    const anon = await new Client(server).request('GET', '/api/carbon-projects');
    expect(anon.status).toBe(401);
  });

  it('saves on the current version and refuses a stale one with 409 and the server copy', async () => {
    const { body: created } = await alice.request('POST', '/api/carbon-projects', { project: example });
    const first = await bob.request('PUT', `/api/carbon-projects/${created.id}`, { version: 1, project: { ...example, name: 'bob 改' } });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    expect(first.body.updated_by).toBe('bob');
    const stale = await alice.request('PUT', `/api/carbon-projects/${created.id}`, { version: 1, project: { ...example, name: 'alice 改' } });
    expect(stale.status).toBe(409);
    expect(stale.body.key).toBe('carbonProject.changedMeanwhile');
    expect(stale.body.current.name).toBe('bob 改');
    expect(stale.body.current.version).toBe(2);
    const noVersion = await alice.request('PUT', `/api/carbon-projects/${created.id}`, { project: example });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.key).toBe('carbonProject.versionRequired');
    const h = await alice.request('GET', `/api/carbon-projects/${created.id}/history`);
    expect(h.body.versions.map((v: { version: number; author: string; change: string }) => [v.version, v.author, v.change])).toEqual([[2, 'bob', 'update'], [1, 'alice', 'create']]);
    expect(h.body.versions[1].project.name).toBe(example.name);
  });

  it('deletes softly and restores a version as a new one', async () => {
    const { body: created } = await alice.request('POST', '/api/carbon-projects', { project: { ...example, name: 'to delete' } });
    const stale = await alice.request('DELETE', `/api/carbon-projects/${created.id}?version=7`);
    expect(stale.status).toBe(409);
    const del = await alice.request('DELETE', `/api/carbon-projects/${created.id}?version=1`);
    expect(del.status).toBe(200);
    expect(del.body.deleted).toBe(true);
    const list = await alice.request('GET', '/api/carbon-projects');
    expect(list.body.projects.map((p: { id: string }) => p.id)).not.toContain(created.id);
    const save = await alice.request('PUT', `/api/carbon-projects/${created.id}`, { version: 2, project: example });
    expect(save.status).toBe(409);
    expect(save.body.key).toBe('carbonProject.deleted');
    const badRestore = await alice.request('POST', `/api/carbon-projects/${created.id}/restore`, { version: 2, base: 2 });
    expect(badRestore.status).toBe(400);
    expect(badRestore.body.key).toBe('carbonProject.versionIsDeletion');
    const restored = await alice.request('POST', `/api/carbon-projects/${created.id}/restore`, { version: 1, base: 2 });
    expect(restored.status).toBe(200);
    expect(restored.body.version).toBe(3);
    expect(restored.body.deleted).toBe(false);
    expect(restored.body.name).toBe('to delete');
    expect((await carol.request('POST', `/api/carbon-projects/${created.id}/restore`, { version: 1, base: 3 })).status).toBe(403);
  });

  it('refuses a bad project file naming the field, and an unknown id with 404', async () => {
    const bad = await alice.request('POST', '/api/carbon-projects', { project: { ...example, crediting_years: 70 } });
    expect(bad.status).toBe(400);
    expect(bad.body.key).toBe('carbonProject.invalid');
    expect(bad.body.field).toBe('crediting_years');
    const badDesign = await alice.request('POST', '/api/carbon-projects', { project: { ...example, parcels: [{ ...example.parcels[0], design: 'D9' }] } });
    expect(badDesign.status).toBe(400);
    expect(badDesign.body.field).toBe('parcels[0].design');
    const noBody = await alice.request('POST', '/api/carbon-projects', { name: 'x' });
    expect(noBody.status).toBe(400);
    expect(noBody.body.key).toBe('carbonProject.body');
    const missing = await carol.request('GET', '/api/carbon-projects/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.key).toBe('carbonProject.notFound');
    expect((await carol.request('GET', '/api/carbon-projects/nope/history')).status).toBe(404);
  });
});
