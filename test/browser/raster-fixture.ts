// The raster suite's data folder: a copy of data/ into which two GeoTIFFs made here are imported with
// `npm run data:raster` (as a bureau would), plus an extra-layers.json declaring an intranet tile service served by a
// second local server (another origin). Each GeoTIFF is 60 × 60 pixels of 10 m in CGCS2000 GK CM 114°E (EPSG:4547)
// near a township seat: a background class and a 5 × 5 block of another class in the middle, so a pixel's colour at
// a known coordinate says whether the raster is drawn at the right place.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import type { FeatureCollection, Point } from 'geojson';
import { crsByCode, fromLonLat, toLonLat } from '../../src/core/geo/crs.ts';
import { writeCog } from '../../src/core/raster/cog-write.ts';
import { EXTRA_LAYERS_FILE } from '../../src/layers/extra-layers.ts';
import { ROOT } from '../../scripts/lib/serve-app.ts';

export const FIXTURE_CLASSES = [
  { value: 1, key: 'fixture-a', name: { zh: '测试甲类', en: 'Test class A' }, colour: '#ff00ff', carbon: null },
  { value: 2, key: 'fixture-b', name: { zh: '测试乙类', en: 'Test class B' }, colour: '#00ffff', carbon: null },
  { value: 3, key: 'fixture-c', name: { zh: '测试丙类', en: 'Test class C' }, colour: '#ffff00', carbon: null },
];
/** The intranet service's tiles are one flat colour. */
export const TILE_COLOUR: [number, number, number] = [255, 128, 0];

export interface RasterFixture {
  dataDir: string;
  /** Lon/lat of the centre of the 5 × 5 block (the middle pixel's centre), of a background pixel 10 pixels east of it,
   *  and of one 16 pixels east of it. */
  block: [number, number];
  background: [number, number];
  east: [number, number];
  /** Raster ids: 2020 (background class 1) and 2024 (background class 3); the block is class 2 in both. */
  ids: { early: string; late: string };
  tiles: { origin: string; requests: string[]; close: () => Promise<void> };
}

const SIZE = 60;
const PIXEL = 10;

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** A 256 × 256 PNG of one colour (RGB, no filter): the intranet service's tile. */
export function flatPng([r, g, b]: [number, number, number]): Buffer {
  const row = Buffer.alloc(1 + 256 * 3);
  for (let i = 0; i < 256; i++) row.set([r, g, b], 1 + i * 3);
  const raw = Buffer.concat(Array.from({ length: 256 }, () => row));
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(256, 0);
  ihdr.writeUInt32BE(256, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

async function tileServer(): Promise<{ origin: string; requests: string[]; close: () => Promise<void> }> {
  const png = flatPng(TILE_COLOUR);
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' }).end(png);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { origin: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Writes the folder (copy of data/, rasters/ copied since the import writes there) and imports the two GeoTIFFs. */
export async function writeRasterFixture(work: string): Promise<RasterFixture> {
  const data = path.join(ROOT, 'data');
  const dir = path.join(work, 'data');
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(data)) {
    if (name === EXTRA_LAYERS_FILE) continue;
    const from = path.join(data, name);
    if (name === 'rasters' || name === 'public') cpSync(from, path.join(dir, name), { recursive: true });
    else if (statSync(from).isDirectory()) symlinkSync(from, path.join(dir, name), 'dir');
    else copyFileSync(from, path.join(dir, name));
  }
  const crs = crsByCode(4547)!;
  const labels = JSON.parse(readFileSync(path.join(data, 'township-labels.geojson'), 'utf8')) as FeatureCollection<Point>;
  const [lon, lat] = labels.features[Math.floor(labels.features.length / 3)].geometry.coordinates;
  // 1.5 km north of a township seat: away from its label, which is drawn over every raster
  const [x, y0] = fromLonLat(crs.proj4)(lon, lat);
  const y = y0 + 1500;
  const ox = Math.round(x / PIXEL) * PIXEL - (SIZE / 2) * PIXEL;
  const oy = Math.round(y / PIXEL) * PIXEL + (SIZE / 2) * PIXEL;
  const grid = { width: SIZE, height: SIZE, geoTransform: [ox, PIXEL, 0, oy, 0, -PIXEL] as [number, number, number, number, number, number], crs };
  const inBlock = (col: number, row: number) => Math.abs(col - 30) <= 2 && Math.abs(row - 30) <= 2;
  const centreOf = (col: number, row: number) => toLonLat(crs.proj4)(ox + (col + 0.5) * PIXEL, oy - (row + 0.5) * PIXEL);
  writeFileSync(path.join(work, 'classes.json'), JSON.stringify({ classes: FIXTURE_CLASSES }));
  const ids = { early: 'fixture-2020', late: 'fixture-2024' };
  for (const [id, year, bg] of [[ids.early, 2020, 1], [ids.late, 2024, 3]] as const) {
    const pixels = new Uint8Array(SIZE * SIZE).map((_, i) => (inBlock(i % SIZE, Math.floor(i / SIZE)) ? 2 : bg));
    const file = path.join(work, `${id}.tif`);
    writeFileSync(file, writeCog({ grid, dataType: 'uint8', bands: 1, data: pixels, nodata: 0, resampling: 'mode' }));
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/data-raster.ts'), file, '--kind', 'categorical', '--year', String(year),
      '--classes', path.join(work, 'classes.json'), '--out', dir, '--id', id, '--name-zh', `测试栅格 ${year}`, '--name-en', `Test raster ${year}`, '--no-display'],
      { cwd: ROOT, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`data:raster failed for ${id}: ${run.stderr}`);
  }
  const tiles = await tileServer();
  const service = {
    id: 'intranet-dom', name: { zh: '内网正射影像（测试）', en: 'Intranet orthophoto (test)' }, geometry: 'raster', audience: 'internal',
    source: { type: 'xyz', tiles: `${tiles.origin}/dom/{z}/{x}/{y}.png`, attribution: '测试内网瓦片', minzoom: 0, maxzoom: 18 },
    raster: { kind: 'imagery', year: 2023 },
  };
  writeFileSync(path.join(dir, EXTRA_LAYERS_FILE), JSON.stringify({ layers: [service] }, null, 2));
  return { dataDir: dir, block: centreOf(30, 30), background: centreOf(40, 30), east: centreOf(46, 30), ids, tiles };
}
