// 发布 computes the public snapshot (2020–2030 aggregates over 200k-stand-sized data, a few seconds) in a worker thread:
// while it runs the server keeps answering other requests — GET /api/health and a signed-in read are answered
// promptly, and the event loop is never blocked for long — and the snapshot it stores is the one the build computes.
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeSnapshot } from '../../../src/server/publish-compute.ts';
import { currentProjectLayers } from '../../../src/server/publish.ts';
import { Client, engines, signedIn, testServer, type TestServer } from './helpers.ts';

const DATA = path.resolve(import.meta.dirname, '../../../data');

describe('发布 in a worker thread', () => {
  let server: TestServer;
  let editor: Client;
  let viewer: Client;
  let anon: Client;

  beforeAll(async () => {
    server = await testServer(engines()[0], { dataDir: DATA });
    editor = await signedIn(server, 'eve', 'editor');
    viewer = await signedIn(server, 'vic', 'viewer');
    anon = new Client(server);
  }, 300_000);
  afterAll(async () => { await server?.close(); });

  it('the server answers other requests while a publish is computing', async () => {
    // What the computation costs on this thread, i.e. how long every request would wait if 发布 ran inline. The checks
    // below are relative to it, so they mean the same on a fast machine and on a loaded one.
    const ti = performance.now();
    expect(computeSnapshot({ dataDir: DATA, projectLayers: await currentProjectLayers(server.db) }).ok).toBe(true);
    const inlineMs = performance.now() - ti;
    const loop = monitorEventLoopDelay({ resolution: 10 });
    let pending = true;
    const t0 = performance.now();
    const pub = editor.request('POST', '/api/publish').finally(() => { pending = false; });
    const during: { ms: number; status: number }[] = [];
    loop.enable();
    while (pending) {
      const t = performance.now();
      const r = await (during.length % 2 ? viewer.request('GET', '/api/projects/mines') : anon.request('GET', '/api/health'));
      if (pending) during.push({ ms: performance.now() - t, status: r.status });
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    loop.disable();
    const r = await pub;
    const total = performance.now() - t0;
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.n).toBe(1);
    // Long enough for the check to mean something: inline, it would block every one of these requests that long.
    expect(inlineMs).toBeGreaterThan(200);
    expect(during.every((d) => d.status === 200)).toBe(true);
    expect(during.length, `answers during a ${total.toFixed(0)} ms publish`).toBeGreaterThanOrEqual(5);
    const slowest = Math.max(...during.map((d) => d.ms));
    const maxDelay = loop.max / 1e6;
    console.log(`publish ${total.toFixed(0)} ms (worker ${r.body.worker_ms} ms; inline ${inlineMs.toFixed(0)} ms); ${during.length} answers meanwhile, slowest ${slowest.toFixed(0)} ms; event-loop delay max ${maxDelay.toFixed(0)} ms`);
    expect(slowest).toBeLessThan(inlineMs / 2);
    expect(maxDelay).toBeLessThan(inlineMs / 2);
  }, 300_000);

  it('the worker stores what the computation gives on this thread, byte for byte', async () => {
    const out = computeSnapshot({ dataDir: DATA, projectLayers: await currentProjectLayers(server.db) });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    for (const [rel, text] of Object.entries(out.files)) {
      const r = await viewer.request('GET', `/api/public-snapshots/1/${rel}`);
      expect(r.status, rel).toBe(200);
      expect(JSON.stringify(r.body), rel).toBe(JSON.stringify(JSON.parse(text)));
    }
  }, 300_000);

  it('a data folder without stands is refused with the reason (the worker reports it, the server answers 500 and stores nothing)', async () => {
    const { publish } = await import('../../../src/server/publish.ts');
    const refused = await publish(server.db, { username: 'eve', role: 'editor' } as never, path.join(DATA, 'no-such-folder')).then(() => null, (e: { status: number; extra: Record<string, unknown> }) => e);
    // Keyed for the page ("publish failed, see the log"); the reason travels in `detail` and goes to the server's log.
    expect(refused?.status).toBe(500);
    expect(refused?.extra.key).toBe('publish.failed');
    expect(String(refused?.extra.detail)).toMatch(/stands and the county outline are needed/);
    const list = await viewer.request('GET', '/api/public-snapshots');
    expect(list.body.snapshots).toHaveLength(1);
  }, 300_000);
});
