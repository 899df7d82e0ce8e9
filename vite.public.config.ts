// The public read-only page (public.html → dist-public/index.html): its own bundle and its own data list, so the folder
// deploys alone as static files and holds no internal data (test/unit/public-build.test.ts scans it). The page imports
// the public layer registry (src/layers/public-registry.ts) by an ordinary import; the internal entries are in another
// file it never imports, so they cannot reach the bundle (the scan checks that too).
//   npm run build:public   → dist-public/
// XINGGUO_DATA_DIR points it at another data folder (the build test uses a fixture county). The server's build of this
// page (scripts/lib/pages.ts, XG_PAGES_ONLY=1) holds no data: the server serves the public files of its data folder.
import react from '@vitejs/plugin-react';
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { buildPublicData } from './scripts/build-public-data.ts';
import { dataPlugin } from './scripts/vite/data-plugin.ts';
import { publicDataFiles } from './src/public-page/layers.ts';
import { devWithoutCsp } from './scripts/vite/dev-csp.ts';
import { testHooks } from './scripts/vite/test-hooks.ts';
import { resolveDataDir } from './scripts/lib/data-dir.ts';

const ROOT = import.meta.dirname;
const DATA_DIR = resolveDataDir();
const PAGES_ONLY = process.env.XG_PAGES_ONLY === '1';
const OUT_DIR = 'dist-public';

/** The pipeline step before the build: data/ → data/public/ aggregates (skipped when already up to date). */
function publicDataStep(): Plugin {
  return {
    name: 'xingguo-public-data',
    buildStart() {
      if (PAGES_ONLY) return; // the server's start prepares its data folder (scripts/lib/data-dir.ts prepareDataDir)
      buildPublicData({ dataDir: DATA_DIR, log: (line) => this.info(line) });
    },
  };
}

/** The page is public.html in the source tree (index.html is the bureau's); deployed, it is the folder's index.html. */
function publicIndex(): Plugin {
  let outDir = OUT_DIR;
  return {
    name: 'xingguo-public-index',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const from = path.join(outDir, 'public.html');
      if (existsSync(from)) renameSync(from, path.join(outDir, 'index.html'));
    },
  };
}

const files = new Set(publicDataFiles());

export default defineConfig({
  base: './',
  plugins: [devWithoutCsp(), testHooks(), react(), publicDataStep(), dataPlugin({ dataDir: DATA_DIR, include: (f) => files.has(f) }), publicIndex()],
  server: { host: '127.0.0.1', port: 5174, open: '/public.html' },
  preview: { host: '127.0.0.1', port: 5174 },
  build: {
    outDir: OUT_DIR,
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    rollupOptions: { input: path.join(ROOT, 'public.html') },
  },
});
