// Serves a built page folder and the data folder read-only: no directory listing, no path outside the folder,
// ETag/304 for the tiles and data files the map fetches again and again.
import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FastifyReply } from 'fastify';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.pbf': 'application/x-protobuf',
  '.bin': 'application/octet-stream',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Which files of a data folder the bureau page may fetch (signed in): all of them but the folder's README and the
 * FlatGeobuf copies `npm run bench:formats` writes (benchmark only). The static build copies the same set.
 */
export function isServedDataFile(rel: string): boolean {
  return rel !== 'README.md' && !rel.endsWith('.fgb');
}

/** `urlPath` as a path inside a folder (no leading slash), or null when it is malformed or would leave the folder. */
function relativePath(urlPath: string): string | null {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  rel = path.posix.normalize(`/${rel}`);
  if (rel.split('/').includes('..')) return null;
  return rel.slice(1);
}

/** The file under `root` that `urlPath` names (index.html for a folder), or null when there is none or it escapes. */
export function resolveFile(root: string, urlPath: string): string | null {
  const rel = relativePath(urlPath);
  if (rel === null) return null;
  let file = path.resolve(root, rel);
  if (!file.startsWith(path.resolve(root))) return null;
  if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

/** A data folder's file named by `urlPath` when `allowed` lets that page read it (folders are never listed). */
export function resolveDataFile(root: string, urlPath: string, allowed: (rel: string) => boolean): string | null {
  const rel = relativePath(urlPath);
  if (rel === null || !allowed(rel)) return null;
  const file = path.resolve(root, rel);
  if (!file.startsWith(path.resolve(root) + path.sep)) return null;
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

export function sendFile(reply: FastifyReply, file: string, ifNoneMatch: string | undefined, cacheControl: string): FastifyReply {
  const st = statSync(file);
  const etag = `"${st.size.toString(36)}-${Math.floor(st.mtimeMs).toString(36)}"`;
  const ext = path.extname(file);
  reply.header('ETag', etag).header('Cache-Control', cacheControl).header('X-Content-Type-Options', 'nosniff');
  if (ext === '.html') {
    // frame-ancestors can only be sent as a header (the pages carry the rest of their CSP in a meta tag).
    reply.header('Content-Security-Policy', "frame-ancestors 'none'").header('Referrer-Policy', 'no-referrer');
  }
  if (ifNoneMatch === etag) return reply.code(304).send();
  return reply.type(MIME[ext] ?? 'application/octet-stream').header('Content-Length', String(st.size)).send(createReadStream(file));
}
