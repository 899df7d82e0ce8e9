// Benchmark: prebuilt z/x/y vector tiles vs FlatGeobuf (packed Hilbert R-tree) for the stand layer, both read over HTTP
// from a static server with Range support, the way a browser reads them. For three views the app shows (county,
// township, detail; 640×400 px) it counts HTTP requests and bytes, times fetch + decode to GeoJSON features ready to
// draw, and counts features, distinct stand ids (overview squares carry none; a stand cut by tile edges counts once)
// and vertices delivered. FlatGeobuf is read twice: with the library's default 256 KB request-merging gap (`fgb`) and
// with 16 KB (`fgb_16k`). Median of N runs after one warm-up; the formats rotate order run by run so load on the
// machine hits each alike. Prints a table; the last line is one JSON object with every figure and the fgb/tiles ratios.
//
// Usage: npm run bench:formats [-- --data data|data-stress (repeatable; default both) --runs 5 --latency ms]
// --latency delays every response by that many ms (a network round trip; localhost has none). Default 0.
//
// Why the file is written here and not with flatgeobuf's own `serialize`: flatgeobuf 4.5.0's JS serialize writes no
// spatial index (indexNodeSize 0), and an HTTP bbox read refuses such a file; it also types every column from the first
// feature only, so a column whose first value is null becomes a string column (upgrade_year 2022 comes back as
// "2022"). writeIndexedFgb uses the library's own feature and header encoders, types columns from all features, sorts
// by Hilbert order of the bbox centres and writes the packed R-tree (node size 16), as the reference writers do.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import * as flatbuffers from 'flatbuffers';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { parseGeometry } from 'flatgeobuf/lib/mjs/geojson/geometry.js';
import { buildFeature } from 'flatgeobuf/lib/mjs/generic/feature.js';
import { inferGeometryType } from 'flatgeobuf/lib/mjs/generic/header.js';
import { Header } from 'flatgeobuf/lib/mjs/flat-geobuf/header.js';
import { Column } from 'flatgeobuf/lib/mjs/flat-geobuf/column.js';
import { Crs } from 'flatgeobuf/lib/mjs/flat-geobuf/crs.js';
import { ColumnType } from 'flatgeobuf/lib/mjs/flat-geobuf/column-type.js';
import type { ColumnMeta } from 'flatgeobuf/lib/mjs/column-meta.js';
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js';
import { generateLevelBounds, NODE_ITEM_BYTE_LEN } from 'flatgeobuf/lib/mjs/packedrtree.js';
import Config from 'flatgeobuf/lib/mjs/config.js';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { cli } from '../lib/args.ts';
import { countPositions } from '../../src/core/geo/validate.ts';
import { bboxOf } from '../../src/core/geo/positions.ts';

const MAGIC = [0x66, 0x67, 0x62, 0x03, 0x66, 0x67, 0x62, 0x00]; // "fgb\3fgb\0": FlatGeobuf 3.x
const NODE_SIZE = 16;

// ---------------------------------------------------------------------------------------------------------------
// Writing an indexed FlatGeobuf

type Box = [number, number, number, number];

function geometryBox(g: Geometry): Box {
  if (g.type === 'GeometryCollection') throw new Error('GeometryCollection is not supported');
  return bboxOf(g) ?? [Infinity, Infinity, -Infinity, -Infinity];
}

/** Column types from the first non-null value of each property over all features (not from the first feature only). */
function columnsOf(features: Feature[]): ColumnMeta[] {
  const types = new Map<string, ColumnType | null>();
  for (const f of features) {
    for (const [k, v] of Object.entries(f.properties ?? {})) {
      const t = v === null || v === undefined ? null
        : typeof v === 'boolean' ? ColumnType.Bool
          : typeof v === 'number' ? ColumnType.Double
            : typeof v === 'string' ? ColumnType.String : ColumnType.Json;
      const seen = types.get(k);
      if (seen === undefined || seen === null) types.set(k, t);
      else if (t !== null && t !== seen) throw new Error(`property "${k}" mixes ${ColumnType[seen]} and ${ColumnType[t]} values`);
    }
  }
  return [...types].map(([name, t]) => ({
    name, type: t ?? ColumnType.String, title: null, description: null, width: -1, precision: -1, scale: -1,
    nullable: true, unique: false, primary_key: false,
  }));
}

/** Hilbert index of (x, y) on a 2^16 × 2^16 grid (the algorithm flatbush and the FlatGeobuf writers use). */
function hilbert(x: number, y: number): number {
  let a = x ^ y;
  let b = 0xffff ^ a;
  let c = 0xffff ^ (x | y);
  let d = x & (y ^ 0xffff);
  let A = a | (b >> 1);
  let B = (a >> 1) ^ a;
  let C = ((c >> 1) ^ (b & (d >> 1))) ^ c;
  let D = ((a & (c >> 1)) ^ (d >> 1)) ^ d;
  a = A; b = B; c = C; d = D;
  A = (a & (a >> 2)) ^ (b & (b >> 2));
  B = (a & (b >> 2)) ^ (b & ((a ^ b) >> 2));
  C ^= (a & (c >> 2)) ^ (b & (d >> 2));
  D ^= (b & (c >> 2)) ^ ((a ^ b) & (d >> 2));
  a = A; b = B; c = C; d = D;
  A = (a & (a >> 4)) ^ (b & (b >> 4));
  B = (a & (b >> 4)) ^ (b & ((a ^ b) >> 4));
  C ^= (a & (c >> 4)) ^ (b & (d >> 4));
  D ^= (b & (c >> 4)) ^ ((a ^ b) & (d >> 4));
  a = A; b = B; c = C; d = D;
  C ^= (a & (c >> 8)) ^ (b & (d >> 8));
  D ^= (b & (c >> 8)) ^ ((a ^ b) & (d >> 8));
  a = C ^ (C >> 1);
  b = D ^ (D >> 1);
  let i0 = x ^ y;
  let i1 = b | (0xffff ^ (i0 | a));
  i0 = (i0 | (i0 << 8)) & 0x00ff00ff;
  i0 = (i0 | (i0 << 4)) & 0x0f0f0f0f;
  i0 = (i0 | (i0 << 2)) & 0x33333333;
  i0 = (i0 | (i0 << 1)) & 0x55555555;
  i1 = (i1 | (i1 << 8)) & 0x00ff00ff;
  i1 = (i1 | (i1 << 4)) & 0x0f0f0f0f;
  i1 = (i1 | (i1 << 2)) & 0x33333333;
  i1 = (i1 | (i1 << 1)) & 0x55555555;
  return ((i1 << 1) | i0) >>> 0;
}

function buildHeader(meta: HeaderMeta, envelope: Box): Uint8Array {
  const b = new flatbuffers.Builder(1024);
  const cols = (meta.columns ?? []).map((c) => {
    const name = b.createString(c.name);
    Column.startColumn(b);
    Column.addName(b, name);
    Column.addType(b, c.type);
    return Column.endColumn(b);
  });
  const columns = Header.createColumnsVector(b, cols);
  const env = Header.createEnvelopeVector(b, envelope);
  const name = b.createString('stands');
  Crs.startCrs(b);
  Crs.addCode(b, 4326);
  const crs = Crs.endCrs(b);
  Header.startHeader(b);
  Header.addName(b, name);
  Header.addEnvelope(b, env);
  Header.addGeometryType(b, meta.geometryType);
  Header.addColumns(b, columns);
  Header.addFeaturesCount(b, BigInt(meta.featuresCount));
  Header.addIndexNodeSize(b, NODE_SIZE);
  Header.addCrs(b, crs);
  b.finishSizePrefixed(Header.endHeader(b));
  return b.asUint8Array();
}

/**
 * FlatGeobuf bytes with a packed Hilbert R-tree: features sorted by the Hilbert value of their bbox centre, leaf
 * nodes = feature bboxes with their byte offset, parents = union of up to 16 children with the index of the first.
 * The returned array owns its buffer from offset 0 (flatgeobuf's ArrayReader reads `bytes.buffer` directly).
 */
export function writeIndexedFgb(fc: FeatureCollection): Uint8Array {
  const n = fc.features.length;
  if (n === 0) throw new Error('cannot index an empty feature collection');
  const boxes = fc.features.map((f) => {
    if (!f.geometry) throw new Error(`feature ${f.id ?? '?'} has no geometry`);
    return geometryBox(f.geometry);
  });
  const ext: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const bx of boxes) {
    ext[0] = Math.min(ext[0], bx[0]); ext[1] = Math.min(ext[1], bx[1]);
    ext[2] = Math.max(ext[2], bx[2]); ext[3] = Math.max(ext[3], bx[3]);
  }
  const w = ext[2] - ext[0] || 1;
  const h = ext[3] - ext[1] || 1;
  const hv = boxes.map((bx) => hilbert(
    Math.floor((0xffff * ((bx[0] + bx[2]) / 2 - ext[0])) / w), Math.floor((0xffff * ((bx[1] + bx[3]) / 2 - ext[1])) / h)));
  const order = [...Array(n).keys()].sort((i, j) => hv[i] - hv[j] || i - j);

  const meta: HeaderMeta = {
    geometryType: inferGeometryType(fc.features as never), columns: columnsOf(fc.features), envelope: null,
    featuresCount: n, indexNodeSize: NODE_SIZE, crs: null, title: null, description: null, metadata: null,
  };
  const header = buildHeader(meta, ext);
  const featureBytes = order.map((i) => {
    const f = fc.features[i];
    const props: Record<string, unknown> = {};
    for (const c of meta.columns ?? []) props[c.name] = f.properties?.[c.name] ?? null;
    return buildFeature(parseGeometry(f.geometry as never), props as never, meta);
  });

  const levels = generateLevelBounds(n, NODE_SIZE);
  const numNodes = levels[0][1]; // root first, the leaf level ends the tree
  const tree = new Float64Array(numNodes * 4);
  const offsets = new BigUint64Array(numNodes);
  const leaf0 = levels[0][0];
  let featureOffset = 0;
  for (let k = 0; k < n; k++) {
    const bx = boxes[order[k]];
    tree.set(bx, (leaf0 + k) * 4);
    offsets[leaf0 + k] = BigInt(featureOffset);
    featureOffset += featureBytes[k].length;
  }
  for (let l = 0; l < levels.length - 1; l++) {
    let pos = levels[l][0];
    let parent = levels[l + 1][0];
    while (pos < levels[l][1]) {
      const first = pos;
      const u: Box = [Infinity, Infinity, -Infinity, -Infinity];
      for (let j = 0; j < NODE_SIZE && pos < levels[l][1]; j++, pos++) {
        u[0] = Math.min(u[0], tree[pos * 4]); u[1] = Math.min(u[1], tree[pos * 4 + 1]);
        u[2] = Math.max(u[2], tree[pos * 4 + 2]); u[3] = Math.max(u[3], tree[pos * 4 + 3]);
      }
      tree.set(u, parent * 4);
      offsets[parent++] = BigInt(first);
    }
  }

  const treeBytes = numNodes * NODE_ITEM_BYTE_LEN;
  const out = new Uint8Array(MAGIC.length + header.length + treeBytes + featureOffset);
  out.set(MAGIC, 0);
  out.set(header, MAGIC.length);
  const view = new DataView(out.buffer);
  let p = MAGIC.length + header.length;
  for (let i = 0; i < numNodes; i++, p += NODE_ITEM_BYTE_LEN) {
    for (let j = 0; j < 4; j++) view.setFloat64(p + j * 8, tree[i * 4 + j], true);
    view.setBigUint64(p + 32, offsets[i], true);
  }
  for (const fb of featureBytes) { out.set(fb, p); p += fb.length; }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// A static file server with Range support that counts what it sends

interface Served { url: string; stats: { requests: number; bytes: number }; close: () => Promise<void> }

/** `latencyMs` delays every response, standing in for a network round trip (localhost has none). */
export function serveStatic(root: string, latencyMs: number): Promise<Served> {
  const stats = { requests: 0, bytes: 0 };
  const server = http.createServer((req, res) => {
    void (async () => {
      stats.requests++;
      if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
      const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const file = path.resolve(root, '.' + rel);
      if (!file.startsWith(path.resolve(root) + path.sep)) { res.writeHead(403).end(); return; }
      let fh: fs.promises.FileHandle | undefined;
      try {
        fh = await fs.promises.open(file, 'r');
        const size = (await fh.stat()).size;
        const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
        let start = 0;
        let end = size - 1;
        if (m) {
          start = Number(m[1]);
          end = m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
          if (start >= size || end < start) { res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end(); return; }
        }
        const body = Buffer.alloc(end - start + 1);
        if (body.length) await fh.read(body, 0, body.length, start);
        stats.bytes += body.length;
        res.writeHead(m ? 206 : 200, {
          'Content-Length': body.length, 'Accept-Ranges': 'bytes', 'Content-Type': 'application/octet-stream',
          ...(m ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
        });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      } finally {
        await fh?.close();
      }
    })();
  });
  // undici reuses idle keep-alive sockets for ~4 s; a server closing them at its 5 s default races with that reuse and
  // fails a fetch now and then ("other side closed")
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    resolve({ url: `http://127.0.0.1:${port}`, stats, close: () => new Promise((r) => server.close(() => r())) });
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Views and the readers

const W = 640;
const H = 400;
const TILE = 512; // MapLibre vector sources default to 512-px tiles: tile zoom = floor(map zoom)
const COUNTY: Box = [115.05, 26.05, 115.9, 26.75]; // XINGGUO_BOUNDS in src/map/MapView.tsx, fitted with padding 20
const COUNTY_PADDING = 20;
// The app's opening county view is ~z6.8 (its map area is smaller than the page); a bare 640×400 map fits the county
// at z8.3. Both are measured: 'county' at z6.8, 'county_fit' at the fitted zoom.
const COUNTY_APP_ZOOM = 6.8;
const TOWN_CENTRE: [number, number] = [115.36, 26.33];

const mercX = (lon: number): number => (lon + 180) / 360;
const mercY = (lat: number): number => {
  const s = Math.sin((lat * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
};
const lonOf = (x: number): number => x * 360 - 180;
const latOf = (y: number): number => (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;

interface View { name: string; zoom: number; bbox: Box }

function viewAt(name: string, centre: [number, number], zoom: number): View {
  const world = TILE * 2 ** zoom;
  const cx = mercX(centre[0]);
  const cy = mercY(centre[1]);
  const hw = W / 2 / world;
  const hh = H / 2 / world;
  return { name, zoom, bbox: [lonOf(cx - hw), latOf(cy + hh), lonOf(cx + hw), latOf(cy - hh)] };
}

/** The zoom at which a W×H map fits the box with `padding` px (MapLibre fitBounds, as MapView does), and that view. */
function fitView(name: string, b: Box, padding: number, zoomOverride?: number): View {
  const dx = mercX(b[2]) - mercX(b[0]);
  const dy = mercY(b[1]) - mercY(b[3]);
  const zoom = Math.min(Math.log2((W - 2 * padding) / (dx * TILE)), Math.log2((H - 2 * padding) / (dy * TILE)));
  const centre: [number, number] = [lonOf((mercX(b[0]) + mercX(b[2])) / 2), latOf((mercY(b[1]) + mercY(b[3])) / 2)];
  return viewAt(name, centre, zoomOverride ?? zoom);
}

export function tilesCovering(bbox: Box, z: number): [number, number, number][] {
  const n = 2 ** z;
  const clamp = (v: number): number => Math.min(n - 1, Math.max(0, Math.floor(v * n)));
  const out: [number, number, number][] = [];
  for (let x = clamp(mercX(bbox[0])); x <= clamp(mercX(bbox[2])); x++)
    for (let y = clamp(mercY(bbox[3])); y <= clamp(mercY(bbox[1])); y++) out.push([z, x, y]);
  return out;
}


type Format = 'tiles' | 'fgb' | 'fgb_16k';
const FORMATS: Format[] = ['tiles', 'fgb', 'fgb_16k'];

interface Delivered { ms: number; requests: number; bytes: number; features: number; vertices: number; stand_ids: number }

async function readTiles(base: string, layer: string, tiles: [number, number, number][]): Promise<Omit<Delivered, 'ms' | 'requests' | 'bytes'>> {
  const features: Feature[] = [];
  let next = 0;
  // a browser keeps at most 6 HTTP/1.1 connections per host, so at most 6 tiles are in flight
  const worker = async (): Promise<void> => {
    while (next < tiles.length) {
      const [z, x, y] = tiles[next++];
      const res = await fetch(`${base}/${z}/${x}/${y}.pbf`);
      if (!res.ok) throw new Error(`tile ${z}/${x}/${y}: HTTP ${res.status}`);
      const vt = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
      const l = vt.layers[layer];
      if (!l) continue; // empty tile (0 bytes)
      for (let i = 0; i < l.length; i++) features.push(l.feature(i).toGeoJSON(x, y, z) as Feature);
    }
  };
  await Promise.all(Array.from({ length: Math.min(6, tiles.length) }, worker));
  return summarise(features);
}

/** FlatGeobuf's default merges index and feature reads whose gap is < 256 KB into one request (fewer requests, more
 * bytes); `fgb_16k` runs the same read with a 16 KB gap to show the other end of that trade. */
const FGB_GAP_DEFAULT = Config.global.extraRequestThreshold();
const FGB_GAP_SMALL = 16 * 1024;

async function readFgb(url: string, bbox: Box, gap: number): Promise<Omit<Delivered, 'ms' | 'requests' | 'bytes'>> {
  const features: Feature[] = [];
  const rect = { minX: bbox[0], minY: bbox[1], maxX: bbox[2], maxY: bbox[3] };
  Config.global.setExtraRequestThreshold(gap);
  try {
    for await (const f of deserialize(url, { rect })) features.push(f as Feature);
  } finally {
    Config.global.setExtraRequestThreshold(FGB_GAP_DEFAULT);
  }
  return summarise(features);
}

function summarise(features: Feature[]): Omit<Delivered, 'ms' | 'requests' | 'bytes'> {
  const ids = new Set<unknown>();
  let vertices = 0;
  for (const f of features) {
    vertices += countPositions(f.geometry);
    const id = f.properties?.id;
    if (typeof id === 'string') ids.add(id); // overview squares carry no stand id
  }
  return { features: features.length, vertices, stand_ids: ids.size };
}

async function timed(served: Served, read: () => Promise<Omit<Delivered, 'ms' | 'requests' | 'bytes'>>): Promise<Delivered> {
  served.stats.requests = 0;
  served.stats.bytes = 0;
  const t0 = performance.now();
  const r = await read();
  const ms = performance.now() - t0;
  return { ms, requests: served.stats.requests, bytes: served.stats.bytes, ...r };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// ---------------------------------------------------------------------------------------------------------------

interface TilesMeta { version: string; layer: string; bounds: Box; minzoom: number; maxzoom: number; detail_minzoom: number; stands: number; pyramid: { bytes: number } }

async function ensureFgb(dir: string): Promise<{ file: string; bytes: number; write_ms: number | null }> {
  const src = path.join(dir, 'stands.geojson');
  const file = path.join(dir, 'stands.fgb');
  if (!fs.existsSync(src)) throw new Error(`${src} is missing (run npm run data, or npm run data:stress -- --stands 200000)`);
  if (fs.existsSync(file) && fs.statSync(file).mtimeMs >= fs.statSync(src).mtimeMs) return { file, bytes: fs.statSync(file).size, write_ms: null };
  const t0 = performance.now();
  let fc: FeatureCollection;
  try { fc = JSON.parse(fs.readFileSync(src, 'utf8')) as FeatureCollection; } catch (e) { throw new Error(`${src}: not valid JSON (${(e as Error).message})`); }
  if (!Array.isArray(fc.features)) throw new Error(`${src}: not a GeoJSON FeatureCollection`);
  const bytes = writeIndexedFgb(fc);
  fs.writeFileSync(file, bytes);
  return { file, bytes: bytes.length, write_ms: Math.round(performance.now() - t0) };
}

async function benchData(dir: string, runs: number, latencyMs: number): Promise<Record<string, unknown>> {
  const metaFile = path.join(dir, 'tiles/stands/tiles.json');
  if (!fs.existsSync(metaFile)) throw new Error(`${metaFile} is missing (the tile step writes it: npx tsx scripts/ensure-data.ts or make-stress-data)`);
  const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as TilesMeta;
  const fgb = await ensureFgb(dir);
  const served = await serveStatic(dir, latencyMs);
  const views = [fitView('county', COUNTY, COUNTY_PADDING, COUNTY_APP_ZOOM), fitView('county_fit', COUNTY, COUNTY_PADDING), viewAt('township', TOWN_CENTRE, 11), viewAt('detail', TOWN_CENTRE, 13)];
  const out: Record<string, unknown> = {
    data: dir, stands: meta.stands, tiles_version: meta.version, detail_minzoom: meta.detail_minzoom, tiles_total_bytes: meta.pyramid.bytes,
    fgb_bytes: fgb.bytes, fgb_write_ms: fgb.write_ms, views: {} as Record<string, unknown>,
  };
  try {
    for (const v of views) {
      const tz = Math.min(meta.maxzoom, Math.max(meta.minzoom, Math.floor(v.zoom)));
      // MapLibre requests no tile outside the source's `bounds`
      const b = meta.bounds;
      const clipped: Box = [Math.max(v.bbox[0], b[0]), Math.max(v.bbox[1], b[1]), Math.min(v.bbox[2], b[2]), Math.min(v.bbox[3], b[3])];
      const tiles = tilesCovering(clipped, tz);
      const readers: Record<Format, () => Promise<Omit<Delivered, 'ms' | 'requests' | 'bytes'>>> = {
        tiles: () => readTiles(`${served.url}/tiles/stands`, meta.layer, tiles),
        fgb: () => readFgb(`${served.url}/stands.fgb`, v.bbox, FGB_GAP_DEFAULT),
        fgb_16k: () => readFgb(`${served.url}/stands.fgb`, v.bbox, FGB_GAP_SMALL),
      };
      const got: Record<Format, Delivered[]> = { tiles: [], fgb: [], fgb_16k: [] };
      for (const k of FORMATS) await timed(served, readers[k]); // warm-up
      for (let r = 0; r < runs; r++) {
        // rotate the order run by run so that load on the machine hits every format alike
        for (let j = 0; j < FORMATS.length; j++) {
          const k = FORMATS[(r + j) % FORMATS.length];
          got[k].push(await timed(served, readers[k]));
        }
      }
      const fig = (k: Format): Delivered => {
        const last = got[k][got[k].length - 1];
        if (got[k].some((d) => d.features !== last.features || d.bytes !== last.bytes)) throw new Error(`${k} ${v.name}: runs delivered different results`);
        return { ...last, ms: Math.round(median(got[k].map((d) => d.ms))) };
      };
      const t = fig('tiles');
      const f = fig('fgb');
      const f16 = fig('fgb_16k');
      (out.views as Record<string, unknown>)[v.name] = {
        zoom: +v.zoom.toFixed(2), tile_zoom: tz, tile_content: tz >= meta.detail_minzoom ? 'stands' : 'overview',
        bbox: v.bbox.map((x) => +x.toFixed(4)), tiles: t, fgb: f, fgb_16k: f16,
        fgb_over_tiles_ms: +(f.ms / t.ms).toFixed(2), fgb_over_tiles_bytes: +(f.bytes / t.bytes).toFixed(2),
        fgb_16k_over_tiles_ms: +(f16.ms / t.ms).toFixed(2), fgb_16k_over_tiles_bytes: +(f16.bytes / t.bytes).toFixed(2),
      };
    }
  } finally {
    await served.close();
  }
  return out;
}

async function main(): Promise<void> {
  const { values } = cli({
    name: 'bench:formats',
    usage: 'npm run bench:formats [-- --data DIR ... --runs 5 --latency 0]',
    options: {
      data: { type: 'string', multiple: true, help: 'a data folder; repeat for more (default data and data-stress)' },
      runs: { type: 'integer', default: 5, min: 1, help: 'timed runs after a warm-up (the median counts)' },
      latency: { type: 'number', default: 0, min: 0, help: 'added latency per request, ms' },
    },
  });
  const dirs = values.data.length ? values.data : ['data', 'data-stress'];
  const { runs, latency } = values;
  // flatgeobuf logs every index node and range request with console.debug, which Node prints to stdout
  console.debug = () => {};
  const results = [];
  for (const d of dirs) results.push(await benchData(d, runs, latency));

  const rows: string[][] = [['data', 'view', 'zoom/tile z', 'format', 'requests', 'KB', 'ms', 'features', 'stand ids', 'vertices']];
  for (const r of results) {
    for (const [name, v] of Object.entries(r.views as Record<string, { zoom: number; tile_zoom: number; tile_content: string } & Record<Format, Delivered>>)) {
      for (const k of FORMATS) {
        const d = v[k];
        rows.push([`${r.stands}`, name, `${v.zoom}/${k === 'tiles' ? `${v.tile_zoom} ${v.tile_content}` : '-'}`, k,
          `${d.requests}`, (d.bytes / 1024).toFixed(0), `${d.ms}`, `${d.features}`, `${d.stand_ids}`, `${d.vertices}`]);
      }
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows) console.log(row.map((c, i) => (i < 4 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  for (const r of results) console.log(`${r.stands} stands: tile pyramid ${((r.tiles_total_bytes as number) / 1e6).toFixed(1)} MB, stands.fgb ${((r.fgb_bytes as number) / 1e6).toFixed(1)} MB${r.fgb_write_ms !== null ? ` (written in ${r.fgb_write_ms} ms)` : ''}`);
  console.log(JSON.stringify({ runs, viewport: [W, H], latency_ms: latency, datasets: results }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    console.error(`bench-formats: ${(e as Error).message}${(e as Error).cause ? ` (${String((e as Error).cause)})` : ''}`);
    process.exit(1);
  });
}
