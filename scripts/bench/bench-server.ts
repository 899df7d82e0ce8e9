// Load and fault benchmark of the server: N signed-in clients (50) mix reads and writes of their sites for D seconds
// (60); then, while they are still writing, the server is killed with SIGKILL, restarted on the same database, and
// every write it acknowledged (a 2xx answer) is looked up in the site's history: the version and the note it wrote
// must be there. Last line: one JSON object with the backend, counts, lost writes, latency percentiles and rps.
//
// Usage: npm run bench:server -- [--backend pglite|postgres] [--clients 50] [--seconds 60] [--think-ms 0]
//   postgres: uses DATABASE_URL (a fresh database is created in it and dropped afterwards), or, without one, starts a
//   throw-away cluster with scripts/db/cluster.sh (Debian's postgresql-15-postgis-3 must be installed).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openAndMigrate } from '../../src/server/main.ts';
import { openDb } from '../../src/server/db.ts';
import { addUser } from '../../src/server/users.ts';
import { mulberry32 } from '../../src/core/random.ts';
import { cli } from '../lib/args.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

const { values: args } = cli({
  name: 'bench:server',
  usage: 'npm run bench:server -- [--backend pglite|postgres] [--clients 50] [--seconds 60] [--think-ms 0]',
  options: {
    backend: { type: 'string', choices: ['pglite', 'postgres'], default: 'pglite', help: 'database engine (postgres: DATABASE_URL)' },
    clients: { type: 'integer', default: 50, min: 1, help: 'signed-in clients' },
    seconds: { type: 'number', default: 60, min: 0.001, help: 'how long the clients run before the kill' },
    'think-ms': { type: 'number', default: 0, min: 0, help: 'mean pause between one client\'s requests' },
  },
});
const BACKEND = args.backend;
const CLIENTS = args.clients;
const SECONDS = args.seconds;
/** Mean pause between one client's requests (exponential), like a person at a page; 0 = as fast as answers come. */
const THINK_MS = args['think-ms'];
const PASSWORD = 'bench password 1234';

const freePort = () => new Promise<number>((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as net.AddressInfo;
    s.close(() => resolve(port));
  });
});

// --- the database --------------------------------------------------------------------------------------------------
const work = mkdtempSync(path.join(os.tmpdir(), 'xg-bench-server-'));
const cleanups: (() => Promise<void> | void)[] = [() => rmSync(work, { recursive: true, force: true })];
let databaseUrl: string | undefined;
const dbDir = path.join(work, 'db');

if (BACKEND === 'postgres') {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const pgDir = path.join(work, 'pg');
    spawnSync('chmod', ['755', work]);
    const started = spawnSync('bash', [path.join(ROOT, 'scripts/db/cluster.sh'), 'start', pgDir, String(await freePort())], { encoding: 'utf8' });
    if (started.status !== 0) throw new Error(`could not start a PostgreSQL cluster: ${started.stderr}`);
    adminUrl = started.stdout.trim();
    cleanups.unshift(() => void spawnSync('bash', [path.join(ROOT, 'scripts/db/cluster.sh'), 'stop', pgDir]));
    console.log(`bench:server: throw-away PostgreSQL cluster at ${adminUrl}`);
  }
  const name = `xg_bench_${process.pid}`;
  const admin = await openDb({ url: adminUrl });
  await admin.exec(`CREATE DATABASE ${name}`); // name from the pid only, never from input
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  databaseUrl = u.toString();
  cleanups.unshift(async () => {
    await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.close();
  });
}

async function cleanup() {
  for (const c of cleanups) await c();
}

// The accounts, made before the server starts (the embedded database is one process's at a time).
{
  const { db, unlock } = await openAndMigrate({ databaseUrl, dbDir, log: () => undefined });
  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => addUser(db, `bench${i}`, PASSWORD, i % 10 === 9 ? 'editor' : 'planner')));
  await db.close();
  unlock();
}

// --- the server process --------------------------------------------------------------------------------------------
async function startServerProcess(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/start.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(await freePort()), XG_DB_DIR: dbDir, DATABASE_URL: databaseUrl ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 180 s:\n${out}`)), 180_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`the server exited (${code}) before it started:\n${out}`)));
  });
  return { child, url };
}

// --- clients -------------------------------------------------------------------------------------------------------
interface Client {
  name: string;
  cookie: string;
  csrf: string;
  sites: { id: string; version: number }[];
  /** The newest change time this client has seen: its lists ask only for what changed since (as the planner's sync does). */
  since: number;
}

interface Ack {
  id: string;
  version: number;
  note: string;
}

const latencies: number[] = [];
const acks: Ack[] = [];
let requests = 0;
let errors = 0;
let measuring = true;

async function call(base: string, c: Client | null, method: string, url: string, body?: unknown): Promise<{ status: number; json: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const headers: Record<string, string> = {};
  if (c?.cookie) headers.cookie = c.cookie;
  if (c && method !== 'GET') headers['x-csrf-token'] = c.csrf;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const t0 = performance.now();
  const r = await fetch(base + url.replace(/^\//, ''), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await r.json().catch(() => null);
  if (measuring) {
    latencies.push(performance.now() - t0);
    requests++;
  }
  if (c && r.headers.get('set-cookie')) c.cookie = /xg_session=[^;]+/.exec(r.headers.get('set-cookie')!)![0];
  return { status: r.status, json };
}

function polygon(rand: () => number) {
  const lon = 115.1 + rand() * 0.5;
  const lat = 26.1 + rand() * 0.5;
  const n = 8 + Math.floor(rand() * 24);
  const r = 0.001 + rand() * 0.004;
  const ring = Array.from({ length: n }, (_, i) => {
    const a = (i / n) * 2 * Math.PI;
    const k = 0.7 + 0.3 * rand();
    return [lon + Math.cos(a) * r * k, lat + Math.sin(a) * r * k];
  });
  return { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
}

async function runClient(base: string, c: Client, index: number, until: () => boolean): Promise<void> {
  const rand = mulberry32(1000 + index);
  let seq = 0;
  while (until()) {
    if (THINK_MS > 0) await new Promise((r) => setTimeout(r, -Math.log(1 - rand()) * THINK_MS));
    if (!until()) return;
    const p = rand();
    try {
      // 5 % create, 15 % save, 10 % list (what changed), 70 % read one site.
      if (p < 0.05 || c.sites.length < 2) {
        const note = `${c.name}#${seq++}`;
        const r = await call(base, c, 'POST', '/api/sites', { name: `site ${note}`, type: '造林', note, geometry: polygon(rand), sharing: rand() < 0.1 ? 'everyone' : 'private' });
        if (r.status === 201) {
          c.sites.push({ id: r.json.id, version: r.json.version });
          acks.push({ id: r.json.id, version: r.json.version, note });
        } else errors++;
      } else if (p < 0.2) {
        const s = c.sites[Math.floor(rand() * c.sites.length)];
        const note = `${c.name}#${seq++}`;
        const body: Record<string, unknown> = { version: s.version, note };
        if (rand() < 0.3) body.geometry = polygon(rand);
        const r = await call(base, c, 'PUT', `/api/sites/${s.id}`, body);
        if (r.status === 200) {
          s.version = r.json.version;
          acks.push({ id: s.id, version: r.json.version, note });
        } else if (r.status === 409) s.version = r.json.current.version;
        else errors++;
      } else if (p < 0.3) {
        const r = await call(base, c, 'GET', `/api/sites?since=${c.since}`);
        if (r.status !== 200) errors++;
        else for (const s of r.json.sites as { updated: number }[]) c.since = Math.max(c.since, s.updated);
      } else {
        const s = c.sites[Math.floor(rand() * c.sites.length)];
        const r = await call(base, c, 'GET', `/api/sites/${s.id}`);
        if (r.status !== 200) errors++;
      }
    } catch {
      // The server is gone (killed): the client stops; writes without an answer were never acknowledged.
      if (!measuring) return;
      errors++;
    }
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;
}

let server = await startServerProcess();
try {
  console.log(`bench:server: ${BACKEND} server at ${server.url}; signing in ${CLIENTS} clients …`);
  const clients: Client[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const c: Client = { name: `bench${i}`, cookie: '', csrf: '', sites: [], since: 0 };
    const r = await call(server.url, c, 'POST', '/api/session', { username: c.name, password: PASSWORD });
    if (r.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(r.json)}`);
    c.csrf = r.json.csrf;
    clients.push(c);
  }
  latencies.length = 0;
  requests = 0;
  console.log(`bench:server: ${CLIENTS} clients reading and writing for ${SECONDS} s …`);
  const t0 = performance.now();
  const end = t0 + SECONDS * 1000;
  let alive = true;
  const running = clients.map((c, i) => runClient(server.url, c, i, () => alive));
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  // Kill while the clients are still writing: no graceful shutdown, no flush.
  const elapsed = (performance.now() - t0) / 1000;
  const measured = { requests, latencies: [...latencies].sort((a, b) => a - b) };
  measuring = false;
  server.child.kill('SIGKILL');
  alive = false;
  await Promise.all(running);
  await new Promise((r) => (server.child.exitCode !== null || server.child.signalCode !== null ? r(null) : server.child.once('exit', r)));
  void end;
  console.log(`bench:server: killed the server (SIGKILL) during writes after ${elapsed.toFixed(1)} s; ${acks.length} writes acknowledged; restarting …`);

  server = await startServerProcess();
  const checker = clients[0];
  // Every acknowledged write must be in its site's history, with the note that write carried.
  const bySite = new Map<string, Ack[]>();
  for (const a of acks) bySite.set(a.id, [...(bySite.get(a.id) ?? []), a]);
  const owners = new Map<string, Client>();
  for (const c of clients) for (const s of c.sites) owners.set(s.id, c);
  let lost = 0;
  const ids = [...bySite.keys()];
  for (let i = 0; i < ids.length; i += 20) {
    await Promise.all(ids.slice(i, i + 20).map(async (id) => {
      const owner = owners.get(id) ?? checker;
      const r = await call(server.url, owner, 'GET', `/api/sites/${id}/history`);
      const versions = new Map<number, string>((r.json?.versions ?? []).map((v: { version: number; note: string }) => [v.version, v.note]));
      for (const a of bySite.get(id)!) {
        if (versions.get(a.version) !== a.note) {
          lost++;
          if (lost <= 5) console.log(`  lost: site ${id} version ${a.version} (${a.note}): ${r.status} ${versions.has(a.version) ? `note is ${versions.get(a.version)}` : 'version missing'}`);
        }
      }
    }));
  }
  console.log(`bench:server: checked ${acks.length} acknowledged writes on ${ids.length} sites after the restart: ${lost} lost; ${errors} unexpected answers during the run`);
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
  const round = (x: number) => Math.round(x * 10) / 10;
  console.log(JSON.stringify({
    backend: BACKEND,
    clients: CLIENTS,
    requests: measured.requests,
    writes_acked: acks.length,
    lost,
    p95_ms: round(percentile(measured.latencies, 95)),
    p99_ms: round(percentile(measured.latencies, 99)),
    rps: round(measured.requests / elapsed),
    ...(THINK_MS > 0 ? { think_ms: THINK_MS } : {}),
  }));
} catch (e) {
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
  throw e;
} finally {
  await cleanup();
}
