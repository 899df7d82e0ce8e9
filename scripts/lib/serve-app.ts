// Builds a page with Vite as a static site (the data folder copied in) and serves the output with `vite preview` on
// 127.0.0.1: the static deployment, for the benchmarks that time it (bench:public, bench). `npm start` and the browser
// suites do not use it: they build through scripts/lib/pages.ts and serve through the server (scripts/lib/start-app.ts).
import path from 'node:path';
import { build, preview, type PreviewServer } from 'vite';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ServedApp {
  url: string;
  close: () => Promise<void>;
}

export async function buildApp(configFile = 'vite.config.ts', env: Record<string, string> = {}): Promise<void> {
  Object.assign(process.env, env);
  await build({ root: ROOT, configFile: path.join(ROOT, configFile), logLevel: 'warn' });
}

export async function serveBuilt(configFile = 'vite.config.ts', port = 0): Promise<ServedApp> {
  const server: PreviewServer = await preview({
    root: ROOT,
    configFile: path.join(ROOT, configFile),
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port, strictPort: port !== 0, open: false },
  });
  const address = server.httpServer.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actualPort}/`,
    close: () => new Promise<void>((resolve) => server.httpServer.close(() => resolve())),
  };
}
