// The bureau app (index.html) and the field page (field/index.html, issue 26; served to signed-in users at /field/). The public page has its own config (vite.public.config.ts) and output folder.
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { defineConfig } from 'vite';
import { dataPlugin } from './scripts/vite/data-plugin.ts';
import { devWithoutCsp } from './scripts/vite/dev-csp.ts';
import { testHooks } from './scripts/vite/test-hooks.ts';
import { extraLayersDefine } from './scripts/vite/extra-layers.ts';
import { fieldPwa } from './scripts/vite/field-pwa.ts';

const DATA_DIR = path.resolve(import.meta.dirname, process.env.XINGGUO_DATA_DIR ?? process.env.XG_DATA_DIR ?? 'data');

export default defineConfig({
  base: './',
  // XINGGUO_DATA_DIR (a bureau's release, set by `npm start -- --data dir`) or XG_DATA_DIR (e.g. data-stress/, 200k
  // stands, for the stress test and `npm run bench`) serve another data folder; XG_OUT_DIR gives it its own output folder.
  plugins: [devWithoutCsp(), testHooks(), react(), dataPlugin({ dataDir: DATA_DIR }), ...fieldPwa()],
  // Layers the data folder adds to the registry (extra-layers.json beside their GeoJSON; src/layers/extra-layers.ts).
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
