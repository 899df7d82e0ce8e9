// The bureau's sign-in page (login.html → dist-login/index.html), served by the server at /login/ to anyone: its own
// small bundle, so nothing of the bureau app (layer list, file names) is readable without a session.
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const ROOT = import.meta.dirname;

function loginIndex(): Plugin {
  return {
    name: 'xingguo-login-index',
    apply: 'build',
    closeBundle() {
      const from = path.join(ROOT, 'dist-login', 'login.html');
      if (existsSync(from)) renameSync(from, path.join(ROOT, 'dist-login', 'index.html'));
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [loginIndex()],
  build: { outDir: 'dist-login', emptyOutDir: true, sourcemap: false, rollupOptions: { input: path.join(ROOT, 'login.html') } },
});
