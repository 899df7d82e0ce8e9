// No acknowledged report is lost when the server is killed (issue 26, as bench:server checks for sites): the server
// runs as its own process (scripts/serve.ts = `npm start`, as bench:server runs it) on a PGlite folder; a phone's worth of reports
// with photos are sent at once and the server is killed with SIGKILL while they arrive; after a restart on the same
// folder every report answered 201 is there with its photo byte for byte, and sending the unanswered ones again with
// their Idempotency-Keys files each exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SPECIES } from '../../../src/core/inventory/schema.ts';
import { openAndMigrate } from '../../../src/server/main.ts';
import { addUser } from '../../../src/server/users.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const JPEG = new Uint8Array(readFileSync(path.join(ROOT, 'test/fixtures/photos/field-photo.jpg')));
const PASSWORD = 'kill-test password';

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const port = (s.address() as { port: number }).port;
    s.close(() => resolve(port));
  });
});

async function startServer(dbDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/serve.ts')], {
    cwd: ROOT, env: { ...process.env, PORT: String(await freePort()), XG_DB_DIR: dbDir, DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 600 s:\n${out}`)), 600_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].endsWith('/') ? m[1] : `${m[1]}/`);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`the server exited (${code}) before it started:\n${out}`)));
  });
  return { child, url };
}

async function signIn(url: string): Promise<{ cookie: string; csrf: string }> {
  const r = await fetch(`${url}api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'walker', password: PASSWORD }) });
  return { cookie: `xg_session=${/xg_session=([^;]+)/.exec(r.headers.get('set-cookie') ?? '')![1]}`, csrf: ((await r.json()) as { csrf: string }).csrf };
}

interface Sent { id: string; key: string; photo: Uint8Array; photoId: string; report: object }

function makeReport(i: number): Sent {
  const id = `kill-report-${i.toString().padStart(3, '0')}`;
  const photoId = `kill-photo-${i.toString().padStart(3, '0')}`;
  // Each photo differs (a comment segment after SOI), so a mixed-up photo would show.
  const comment = new TextEncoder().encode(`photo ${i}`);
  const photo = new Uint8Array([0xff, 0xd8, 0xff, 0xfe, 0, comment.length + 2, ...comment, ...JPEG.subarray(2)]);
  return {
    id, key: `kill-key-${i}-abcdef`, photo, photoId,
    report: { id, template: 'stand-survey', target: { kind: 'stand', id: '360732100-001-001' }, values: { species: SPECIES[0], canopy: 0.6, height_m: 11.5 }, photos: [{ id: photoId, name: `IMG_${i}.jpg` }] },
  };
}

async function post(url: string, s: { cookie: string; csrf: string }, r: Sent): Promise<number> {
  const form = new FormData();
  form.append('report', JSON.stringify(r.report));
  form.append(r.photoId, new Blob([r.photo as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }), 'x.jpg');
  const res = await fetch(`${url}api/reports`, { method: 'POST', body: form, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'idempotency-key': r.key } });
  await res.arrayBuffer();
  return res.status;
}

describe('field reports survive SIGKILL', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'xg-field-kill-'));
  const dbDir = path.join(work, 'db');
  let child: ChildProcess | null = null;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  });

  it('keeps every acknowledged report and files the rest exactly once on retry', async () => {
    const { db, unlock } = await openAndMigrate({ dbDir, log: () => undefined });
    await addUser(db, 'walker', PASSWORD, 'planner');
    await db.close();
    unlock();

    let server = await startServer(dbDir);
    child = server.child;
    let session = await signIn(server.url);
    const reports = Array.from({ length: 40 }, (_, i) => makeReport(i));
    const acked = new Set<string>();
    let killed = false;
    // Sent four at a time, as a phone's queue with a few parallel uploads; killed once 12 are acknowledged.
    const lanes = Array.from({ length: 4 }, async (_, lane) => {
      for (let i = lane; i < reports.length && !killed; i += 4) {
        const status = await post(server.url, session, reports[i]).catch(() => 0);
        if (status === 201) acked.add(reports[i].id);
        if (acked.size >= 12 && !killed) {
          killed = true;
          server.child.kill('SIGKILL');
        }
      }
    });
    await Promise.all(lanes);
    expect(killed).toBe(true);
    await new Promise((r) => server.child.exitCode !== null || server.child.signalCode !== null ? r(null) : server.child.once('exit', r));

    server = await startServer(dbDir);
    child = server.child;
    session = await signIn(server.url);
    const listed = (await (await fetch(`${server.url}api/reports?mine=true`, { headers: { cookie: session.cookie } })).json()) as { reports: { id: string; photos: { url: string; sha256: string }[] }[] };
    const byId = new Map(listed.reports.map((r) => [r.id, r]));
    for (const id of acked) {
      const r = byId.get(id);
      expect(r, `acknowledged report ${id} after SIGKILL`).toBeDefined();
      const sent = reports.find((x) => x.id === id)!;
      expect(r!.photos[0].sha256).toBe(createHash('sha256').update(sent.photo).digest('hex'));
      const bytes = new Uint8Array(await (await fetch(`${server.url}${r!.photos[0].url.replace(/^\//, '')}`, { headers: { cookie: session.cookie } })).arrayBuffer());
      expect(bytes).toEqual(sent.photo);
    }
    // The phone sends everything it has not seen acknowledged again, with the same keys: each is filed once.
    for (const r of reports.filter((x) => !acked.has(x.id))) expect(await post(server.url, session, r)).toBe(201);
    for (const r of reports.filter((x) => acked.has(x.id)).slice(0, 3)) expect(await post(server.url, session, r)).toBe(201);
    const after = (await (await fetch(`${server.url}api/reports?mine=true`, { headers: { cookie: session.cookie } })).json()) as { reports: { id: string }[] };
    expect(after.reports.map((r) => r.id).sort()).toEqual(reports.map((r) => r.id).sort());
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
    child = null;
  }, 900_000);
});
