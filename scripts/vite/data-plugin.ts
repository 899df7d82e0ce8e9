// Serves data/ at <base>/data/ in the dev and preview servers, and copies it into the build so that the output folder
// deploys on its own as static files. `include` limits what is copied (the public build passes its own list). The pages
// the server serves (scripts/lib/pages.ts builds them with XG_PAGES_ONLY=1) get no copy: the server serves its data
// folder's files itself (src/server/app.ts), so one build serves any data folder and nothing stale is left in it.
import { createReadStream, existsSync, mkdirSync, copyFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Connect, Plugin } from 'vite';
import { isServedDataFile } from '../../src/server/static-files.ts';

const MIME: Record<string, string> = {
  '.geojson': 'application/geo+json',
  '.json': 'application/json',
  '.pbf': 'application/x-protobuf',
  '.pmtiles': 'application/octet-stream',
  '.fgb': 'application/octet-stream',
};

export interface DataPluginOptions {
  dataDir: string;
  /** Which files (relative to dataDir) may be served and copied; default: every file except README.md. */
  include?: (file: string) => boolean;
}

function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

/** The same rule as the server's (src/server/static-files.ts isServedDataFile): not the README, not benchmark copies. */
const servedByDefault = isServedDataFile;

export function dataPlugin({ dataDir, include = servedByDefault }: DataPluginOptions): Plugin {
  let outDir = 'dist';
  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    const url = decodeURIComponent((req.url ?? '').split('?')[0]);
    const match = url.match(/\/data\/(.+)$/);
    if (!match) return next();
    const rel = path.posix.normalize(match[1]);
    if (rel.startsWith('..') || !include(rel)) return next();
    const file = path.join(dataDir, rel);
    if (!existsSync(file) || !statSync(file).isFile()) return next();
    res.setHeader('Content-Type', MIME[path.extname(file)] ?? 'application/octet-stream');
    res.setHeader('Content-Length', String(statSync(file).size));
    createReadStream(file).pipe(res);
  };
  return {
    name: 'xingguo-data',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
    closeBundle() {
      if (process.env.XG_PAGES_ONLY === '1') return;
      for (const rel of listFiles(dataDir).filter(include)) {
        const target = path.join(outDir, 'data', rel);
        mkdirSync(path.dirname(target), { recursive: true });
        copyFileSync(path.join(dataDir, rel), target);
      }
    },
  };
}
