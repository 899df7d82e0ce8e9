// The field page's installable-app pieces for the bureau build (vite.config.ts): its web app manifest and icon written
// into dist/field/ (fixed names, so the manifest can name the icon), and the service worker built by vite-plugin-pwa
// from src/field/field-sw.ts with the precache list of the files the field page needs offline. The worker is written to
// field-sw.js in the bureau build's output folder and registered with the scope /field/ only, so the bureau page never runs under it.
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96"><rect width="96" height="96" rx="18" fill="#0b3d1a"/><path d="M48 10C28 32 22 52 48 86c26-34 20-54 0-76z" fill="#7bd389"/><circle cx="48" cy="50" r="9" fill="#0b3d1a"/></svg>`;

const MANIFEST = {
  name: '兴国碳汇图 · 外业',
  short_name: '外业',
  lang: 'zh-CN',
  start_url: '/field/',
  scope: '/field/',
  display: 'standalone',
  orientation: 'portrait',
  background_color: '#ffffff',
  theme_color: '#0b3d1a',
  icons: [{ src: '/field/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
};

function fieldAppFiles(): Plugin {
  return {
    name: 'xingguo-field-app-files',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'field/manifest.webmanifest', source: `${JSON.stringify(MANIFEST, null, 2)}\n` });
      this.emitFile({ type: 'asset', fileName: 'field/icon.svg', source: ICON });
    },
  };
}

export function fieldPwa(): Plugin[] {
  return [
    fieldAppFiles(),
    ...VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/field',
      filename: 'field-sw.ts',
      injectRegister: false,
      manifest: false,
      // The page registers the worker itself (src/field/register-sw.ts); nothing is injected into the bureau page.
      injectManifest: {
        // The field page and every script, style and font of the build (the bureau page's chunks share them); the
        // data files are not precached: the offline areas store those (src/field/offline-areas.ts).
        globPatterns: ['field/*.{html,webmanifest,svg}', 'assets/**/*.{js,mjs,css,woff2,wasm}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ];
}
