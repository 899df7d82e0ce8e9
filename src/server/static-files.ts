// Serves a built page folder (dist/, dist-public/, dist-login/) read-only: no directory listing, no path outside the
// folder, ETag/304 for the tiles and data files the map fetches again and again.
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

/** The file under `root` that `urlPath` names (index.html for a folder), or null when there is none or it escapes. */
export function resolveFile(root: string, urlPath: string): string | null {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  rel = path.posix.normalize(`/${rel}`);
  if (rel.split('/').includes('..')) return null;
  let file = path.join(root, rel);
  if (!file.startsWith(path.resolve(root))) return null;
  if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
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
