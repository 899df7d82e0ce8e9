// The data folder's rasters (rasters/*.tif, docs/raster.md) served with HTTP Range, as a Fastify plugin: the map's
// raster worker and the statistics read a COG's header and then only the tiles they need. The bureau's /data/rasters/…
// needs a session like every internal file; /public/data/rasters/… serves only the files of rasters.json entries whose
// audience is "public" (the registry says so), and nothing else of the folder.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { parseRasterManifest, RASTER_MANIFEST_FILE } from '../core/raster/manifest.ts';
import { contentRange, ifRangeMatches, multipartFraming, parseRange } from './byte-ranges.ts';
import { ApiError } from './errors.ts';

export interface RasterRoutesOptions {
  /** The data folder (its rasters/ and rasters.json); without one, every raster answers 404. */
  dataDir?: string;
}

export const RASTER_DIR = 'rasters';

const TYPES: Record<string, string> = { '.tif': 'image/tiff', '.tiff': 'image/tiff', '.json': 'application/json' };

/** The file of the data folder's rasters/ that a URL tail names, or null (malformed, outside rasters/, or absent). */
export function rasterFile(dataDir: string, tail: string): { file: string; rel: string } | null {
  let rel: string;
  try {
    rel = decodeURIComponent(tail.split('?')[0]);
  } catch {
    return null;
  }
  if (rel.includes('\0') || rel.includes('\\')) return null;
  rel = path.posix.normalize(`/${RASTER_DIR}/${rel}`).slice(1);
  if (!rel.startsWith(`${RASTER_DIR}/`) || rel.split('/').includes('..')) return null;
  const root = path.resolve(dataDir, RASTER_DIR);
  const file = path.resolve(dataDir, rel);
  if (!file.startsWith(root + path.sep)) return null;
  return existsSync(file) && statSync(file).isFile() ? { file, rel } : null;
}

/** The files (relative to the data folder) of the rasters.json entries marked public; re-read when the file changes. */
function publicRasterFiles(dataDir: string): () => Set<string> {
  let cached: { mtime: number; files: Set<string> } | null = null;
  return () => {
    const manifest = path.join(dataDir, RASTER_MANIFEST_FILE);
    if (!existsSync(manifest)) return new Set();
    const mtime = statSync(manifest).mtimeMs;
    if (cached?.mtime === mtime) return cached.files;
    let files = new Set<string>();
    try {
      const m = parseRasterManifest(readFileSync(manifest, 'utf8'), manifest);
      files = new Set(m.rasters.filter((r) => r.audience === 'public').flatMap((r) => [r.file, ...(r.display_file ? [r.display_file] : [])]));
    } catch {
      // A broken rasters.json publishes nothing (the bureau page says what is wrong with it).
    }
    cached = { mtime, files };
    return files;
  };
}

/** Sends `file` whole (200), in one range (206), in several (206 multipart/byteranges), or 304 / 416. */
export function sendRanged(req: FastifyRequest, reply: FastifyReply, file: string, cacheControl: string): FastifyReply {
  const st = statSync(file);
  const size = st.size;
  const etag = `"${size.toString(36)}-${Math.floor(st.mtimeMs).toString(36)}"`;
  const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  reply
    .header('Accept-Ranges', 'bytes')
    .header('ETag', etag)
    .header('Last-Modified', st.mtime.toUTCString())
    .header('Cache-Control', cacheControl)
    .header('X-Content-Type-Options', 'nosniff');
  if (req.headers['if-none-match'] === etag) return reply.code(304).send();
  const h = req.headers;
  const asked = ifRangeMatches(h['if-range'] as string | undefined, etag, st.mtime) ? parseRange(h.range, size) : 'full';
  if (asked === 'none') return reply.code(416).header('Content-Range', `bytes */${size}`).send();
  if (asked === 'full') return reply.code(200).type(type).header('Content-Length', String(size)).send(createReadStream(file));
  if (asked.length === 1) {
    const [r] = asked;
    return reply.code(206).type(type).header('Content-Range', contentRange(r, size)).header('Content-Length', String(r.end - r.start + 1))
      .send(createReadStream(file, { start: r.start, end: r.end }));
  }
  const ranges = asked; // narrowed: the generator below does not see the checks above
  const boundary = `xg${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const { heads, tail, length } = multipartFraming(asked, size, type, boundary);
  async function* body() {
    for (let i = 0; i < ranges.length; i++) {
      yield Buffer.from(heads[i]);
      for await (const chunk of createReadStream(file, { start: ranges[i].start, end: ranges[i].end })) yield chunk as Buffer;
    }
    yield Buffer.from(tail);
  }
  return reply.code(206).header('Content-Type', `multipart/byteranges; boundary=${boundary}`).header('Content-Length', String(length)).send(Readable.from(body()));
}

/** GET (and HEAD) /data/rasters/* for signed-in users and /public/data/rasters/* for the public entries. */
export const rasterRoutes: FastifyPluginAsync<RasterRoutesOptions> = async (app, opts) => {
  const dataDir = opts.dataDir;
  const publicFiles = dataDir ? publicRasterFiles(dataDir) : () => new Set<string>();
  const notFound = (req: FastifyRequest) => ApiError.keyed(404, 'request.notFound', { method: req.method, path: req.url.split('?')[0] });
  const params = { type: 'object', properties: { '*': { type: 'string', maxLength: 512 } }, required: ['*'] } as const;

  app.get('/data/rasters/*', { schema: { params } }, async (req, reply) => {
    // app.ts's onRequest hook has read the session: internal files need one.
    if (!req.session) throw ApiError.keyed(401, 'auth.signInFirst');
    const found = dataDir ? rasterFile(dataDir, (req.params as { '*': string })['*']) : null;
    if (!found) throw notFound(req);
    return sendRanged(req, reply, found.file, 'private, no-cache');
  });

  app.get('/public/data/rasters/*', { schema: { params } }, async (req, reply) => {
    const found = dataDir ? rasterFile(dataDir, (req.params as { '*': string })['*']) : null;
    // An internal raster is not there for the public page: the same 404 as a missing file, nothing to tell them apart.
    if (!found || !publicFiles().has(found.rel)) throw notFound(req);
    return sendRanged(req, reply, found.file, 'public, no-cache');
  });
};
