// Rasters served with HTTP Range (src/server/raster-routes.ts): who may read them, the bytes of every kind of range
// against the file itself, and geotiff.js reading a real COG through the running server pixel for pixel like it reads
// the bytes in memory (the way the map's worker and the statistics read them).
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGeoTiff, openGeoTiffUrl } from '../../../src/core/raster/read.ts';
import { parseRange } from '../../../src/server/byte-ranges.ts';
import { rasterFile } from '../../../src/server/raster-routes.ts';
import { writeCog } from '../../../src/core/raster/cog-write.ts';
import { crsByCode } from '../../../src/core/geo/crs.ts';
import { engines, signedIn, testServer, type Client, type TestServer } from './helpers.ts';

describe('parseRange', () => {
  it('reads single, open, suffix and several ranges, clipped to the file', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual([{ start: 0, end: 9 }]);
    expect(parseRange('bytes=90-', 100)).toEqual([{ start: 90, end: 99 }]);
    expect(parseRange('bytes=-10', 100)).toEqual([{ start: 90, end: 99 }]);
    expect(parseRange('bytes=-500', 100)).toEqual([{ start: 0, end: 99 }]);
    expect(parseRange('bytes=95-200', 100)).toEqual([{ start: 95, end: 99 }]);
    expect(parseRange('bytes=0-1, 10-11', 100)).toEqual([{ start: 0, end: 1 }, { start: 10, end: 11 }]);
  });
  it('says none for ranges outside the file and full for what it does not read', () => {
    expect(parseRange('bytes=100-', 100)).toBe('none');
    expect(parseRange('bytes=-0', 100)).toBe('none');
    expect(parseRange(undefined, 100)).toBe('full');
    expect(parseRange('items=0-1', 100)).toBe('full');
    expect(parseRange('bytes=5-1', 100)).toBe('full');
    expect(parseRange('bytes=a-b', 100)).toBe('full');
    expect(parseRange(`bytes=${Array.from({ length: 40 }, (_, i) => `${i}-${i}`).join(',')}`, 100)).toBe('full');
  });
});

const entry = (id: string, audience: 'internal' | 'public') => ({
  id, kind: 'categorical', year: 2025, name: { zh: id, en: id }, file: `rasters/${id}.tif`, crs: 'EPSG:4547', width: 300, height: 200,
  geotransform: [640000, 10, 0, 2920000, 0, -10], bounds: [115.4, 26.3, 115.5, 26.4], bands: 1, data_type: 'uint8', nodata: 0,
  classes: [{ value: 1, key: 'forest', name: { zh: '乔木林', en: 'Forest' }, colour: '#1b7837', carbon: 'forest' }, { value: 2, key: 'water', name: { zh: '水域', en: 'Water' }, colour: '#2166ac', carbon: null }],
  audience, sample_data: true, source: { made_by: 'test' },
});

for (const engine of engines()) {
  describe(`rasters with HTTP Range (${engine.name})`, () => {
    let server: TestServer;
    let dataDir: string;
    let cog: Uint8Array;
    let planner: Client;
    beforeAll(async () => {
      dataDir = mkdtempSync(path.join(os.tmpdir(), 'xg-range-'));
      mkdirSync(path.join(dataDir, 'rasters'));
      // a real COG (6 × 5 tiles of 256, overviews): pseudo-random values so a wrong byte shows and deflate cannot
      // shrink it below what a window's tiles weigh
      const width = 1500, height = 1200;
      let seed = 12345;
      const data = new Uint8Array(width * height).map(() => 1 + ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24) % 200);
      cog = writeCog({ grid: { width, height, geoTransform: [640000, 10, 0, 2920000, 0, -10], crs: crsByCode(4547)! }, dataType: 'uint8', bands: 1, data, nodata: 0, resampling: 'mode' });
      writeFileSync(path.join(dataDir, 'rasters/internal-a.tif'), cog);
      writeFileSync(path.join(dataDir, 'rasters/public-b.tif'), cog);
      writeFileSync(path.join(dataDir, 'rasters/not-listed.tif'), cog);
      writeFileSync(path.join(dataDir, 'rasters.json'), JSON.stringify({ format: 'xingguo-rasters-1', rasters: [entry('internal-a', 'internal'), entry('public-b', 'public')] }));
      copyFileSync(path.join(dataDir, 'rasters.json'), path.join(dataDir, 'release.json'));
      server = await testServer(engine, { dataDir });
      planner = await signedIn(server, 'pat', 'planner');
    }, 180_000);
    afterAll(async () => {
      await server?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const inject = (url: string, headers: Record<string, string> = {}, cookie = planner.cookie, method: 'GET' | 'HEAD' = 'GET') =>
      server.app.fastify.inject({ method, url, headers: { ...headers, ...(cookie ? { cookie } : {}) } });

    it('answers an empty collection for an optional layer file the release lacks (监测图斑), 404 for any other', async () => {
      const patches = await inject('/data/monitoring-patches.geojson');
      expect(patches.statusCode).toBe(200);
      expect(patches.json()).toEqual({ type: 'FeatureCollection', features: [] });
      expect((await inject('/data/no-such-layer.geojson')).statusCode).toBe(404);
      expect((await inject('/data/monitoring-patches.geojson', {}, '')).statusCode).toBe(401);
    });

    it('needs a session for the bureau\'s rasters, with a keyed message', async () => {
      const r = await inject('/data/rasters/internal-a.tif', {}, '');
      expect(r.statusCode).toBe(401);
      expect(r.json()).toMatchObject({ key: 'auth.signInFirst' });
    });

    it('answers the whole file, one range, a suffix and several ranges with the file\'s own bytes', async () => {
      const full = await inject('/data/rasters/internal-a.tif');
      expect(full.statusCode).toBe(200);
      expect(full.headers['accept-ranges']).toBe('bytes');
      expect(full.headers['content-type']).toBe('image/tiff');
      expect(Buffer.compare(full.rawPayload, Buffer.from(cog))).toBe(0);

      const one = await inject('/data/rasters/internal-a.tif', { range: 'bytes=100-1123' });
      expect(one.statusCode).toBe(206);
      expect(one.headers['content-range']).toBe(`bytes 100-1123/${cog.length}`);
      expect(one.headers['content-length']).toBe('1024');
      expect(Buffer.compare(one.rawPayload, Buffer.from(cog.subarray(100, 1124)))).toBe(0);

      const suffix = await inject('/data/rasters/internal-a.tif', { range: 'bytes=-16' });
      expect(suffix.statusCode).toBe(206);
      expect(Buffer.compare(suffix.rawPayload, Buffer.from(cog.subarray(cog.length - 16)))).toBe(0);

      const many = await inject('/data/rasters/internal-a.tif', { range: 'bytes=0-3, 500-509' });
      expect(many.statusCode).toBe(206);
      const type = String(many.headers['content-type']);
      const boundary = /boundary=(\S+)/.exec(type)?.[1];
      expect(type).toMatch(/^multipart\/byteranges/);
      expect(Number(many.headers['content-length'])).toBe(many.rawPayload.length);
      const parts = many.rawPayload.toString('latin1').split(`--${boundary}`).slice(1, -1);
      expect(parts).toHaveLength(2);
      const bodyOf = (p: string) => Buffer.from(p.slice(p.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, ''), 'latin1');
      expect(parts[0]).toContain(`Content-Range: bytes 0-3/${cog.length}`);
      expect(Buffer.compare(bodyOf(parts[0]), Buffer.from(cog.subarray(0, 4)))).toBe(0);
      expect(parts[1]).toContain(`Content-Range: bytes 500-509/${cog.length}`);
      expect(Buffer.compare(bodyOf(parts[1]), Buffer.from(cog.subarray(500, 510)))).toBe(0);
    });

    it('416 for a range past the end, 200 when If-Range names an older file, 304 for a current ETag, HEAD without a body', async () => {
      const past = await inject('/data/rasters/internal-a.tif', { range: `bytes=${cog.length}-` });
      expect(past.statusCode).toBe(416);
      expect(past.headers['content-range']).toBe(`bytes */${cog.length}`);
      const stale = await inject('/data/rasters/internal-a.tif', { range: 'bytes=0-9', 'if-range': '"stale-etag"' });
      expect(stale.statusCode).toBe(200);
      expect(stale.rawPayload.length).toBe(cog.length);
      const first = await inject('/data/rasters/internal-a.tif', { range: 'bytes=0-9' });
      const etag = String(first.headers.etag);
      const fresh = await inject('/data/rasters/internal-a.tif', { range: 'bytes=0-9', 'if-range': etag });
      expect(fresh.statusCode).toBe(206);
      expect((await inject('/data/rasters/internal-a.tif', { 'if-none-match': etag })).statusCode).toBe(304);
      const head = await inject('/data/rasters/internal-a.tif', { range: 'bytes=0-9' }, planner.cookie, 'HEAD');
      expect(head.statusCode).toBe(206);
      expect(head.rawPayload.length).toBe(0);
    });

    it('serves nothing outside rasters/', async () => {
      // the route's own resolver refuses every way out of rasters/ (the bureau's /data/ route serves the folder's
      // other files to a signed-in user anyway; the public page must not reach them through the raster route)
      for (const tail of ['../release.json', '..%2Frelease.json', '%2e%2e/release.json', 'missing.tif', 'a%00.tif', '..\\release.json']) {
        expect(rasterFile(dataDir, tail), tail).toBeNull();
      }
      expect(rasterFile(dataDir, 'internal-a.tif')?.rel).toBe('rasters/internal-a.tif');
      for (const url of ['/public/data/rasters/..%2Frelease.json', '/public/data/rasters/%2e%2e/release.json', '/public/data/rasters/missing.tif', '/public/data/rasters/a%00.tif', '/data/rasters/missing.tif']) {
        const r = await inject(url, {}, url.startsWith('/public') ? '' : planner.cookie);
        expect(r.statusCode, url).toBe(404);
        expect(r.rawPayload.toString()).not.toContain('xingguo-rasters-1');
      }
    });

    it('the public page reads only the rasters the registry marks public', async () => {
      const pub = await inject('/public/data/rasters/public-b.tif', { range: 'bytes=0-7' }, '');
      expect(pub.statusCode).toBe(206);
      expect(pub.headers['cache-control']).toBe('public, no-cache');
      for (const f of ['internal-a.tif', 'not-listed.tif']) {
        const r = await inject(`/public/data/rasters/${f}`, {}, '');
        expect(r.statusCode, f).toBe(404);
      }
    });

    it('geotiff.js reads the COG through the server as it reads the bytes (header, then only the tiles asked)', async () => {
      await server.app.fastify.listen({ port: 0, host: '127.0.0.1' });
      const port = (server.app.fastify.server.address() as { port: number }).port;
      // count what geotiff.js fetches: every request a byte range, fewer bytes than the file
      const realFetch = globalThis.fetch;
      const asked: string[] = [];
      let received = 0;
      globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
        asked.push(new Headers(init?.headers).get('range') ?? 'none');
        const res = await realFetch(input, init);
        received += (await res.clone().arrayBuffer()).byteLength;
        return res;
      };
      let remote, local, win, remotePixels;
      try {
        remote = await openGeoTiffUrl(`http://127.0.0.1:${port}/data/rasters/internal-a.tif`, { headers: { cookie: planner.cookie } });
        local = await openGeoTiff(readFileSync(path.join(dataDir, 'rasters/internal-a.tif')), 'local');
        win = { col: 250, row: 180, width: 300, height: 200 };
        remotePixels = await remote.read(win);
      } finally {
        globalThis.fetch = realFetch;
      }
      expect(asked.length).toBeGreaterThan(0);
      expect(asked.every((r) => r.startsWith('bytes=')), asked.join(' ')).toBe(true);
      expect(received).toBeLessThan(cog.length);
      expect(Array.from(remotePixels)).toEqual(Array.from(await local.read(win)));
      expect(remote.info.grid).toEqual(local.info.grid);
    });
  });
}
