// The bureau app (index.html). The public page has its own config (vite.public.config.ts) and output folder.
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { defineConfig } from 'vite';
import { dataPlugin } from './scripts/vite/data-plugin.ts';

export default defineConfig({
  base: './',
  plugins: [react(), dataPlugin({ dataDir: path.resolve(import.meta.dirname, 'data') })],
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 5173 },
  build: { outDir: 'dist', chunkSizeWarningLimit: 2000, sourcemap: false },
  worker: { format: 'es' },
});
