// The bureau's sign-in page (login.html → dist-login/index.html), served by the server at /login/ to anyone: its own
// small bundle, so nothing of the bureau app (layer list, file names) is readable without a session.
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const ROOT = import.meta.dirname;

function loginIndex(): Plugin {
  let outDir = path.join(ROOT, 'dist-login');
  return {
    name: 'xingguo-login-index',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const from = path.join(outDir, 'login.html');
      if (existsSync(from)) renameSync(from, path.join(outDir, 'index.html'));
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [loginIndex()],
  build: { outDir: 'dist-login', emptyOutDir: true, sourcemap: false, rollupOptions: { input: path.join(ROOT, 'login.html') } },
});
