// The bureau app (index.html) and the field page (field/index.html, issue 26; served to signed-in users at /field/). The public page has its own config (vite.public.config.ts) and output folder.
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { defineConfig } from 'vite';
import { dataPlugin } from './scripts/vite/data-plugin.ts';
import { devWithoutCsp } from './scripts/vite/dev-csp.ts';
import { testHooks } from './scripts/vite/test-hooks.ts';
import { extraLayersDefine, tileServiceCsp } from './scripts/vite/extra-layers.ts';
import { resolveDataDir } from './scripts/lib/data-dir.ts';
import { fieldPwa } from './scripts/vite/field-pwa.ts';

// The one resolver (XINGGUO_DATA_DIR, else data/). The pages `npm start` builds (scripts/lib/pages.ts) read only the
// folder's extra-layers.json and rasters.json from it (its layers): the server serves the folder's files itself.
const DATA_DIR = resolveDataDir();

export default defineConfig({
  base: './',
  // XINGGUO_DATA_DIR (a bureau's release) builds a static copy for another data folder (`npm run build` copies the
  // folder into the output); XG_OUT_DIR gives it its own output folder (e.g. the map benchmark's dist-bench-*).
  plugins: [devWithoutCsp(), testHooks(), react(), dataPlugin({ dataDir: DATA_DIR }), tileServiceCsp(DATA_DIR), ...fieldPwa()],
  // Layers the data folder adds to the registry (extra-layers.json beside their GeoJSON, src/layers/extra-layers.ts;
  // rasters.json, src/layers/raster-layers.ts) and the intranet tile origins the CSP allows.
  define: extraLayersDefine(DATA_DIR),
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 5173 },
  build: {
    outDir: process.env.XG_OUT_DIR ?? 'dist',
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
    rollupOptions: { input: { main: path.resolve(import.meta.dirname, 'index.html'), field: path.resolve(import.meta.dirname, 'field/index.html') } },
  },
  worker: { format: 'es' },
});
