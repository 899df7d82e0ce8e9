// Builds the bureau app against a given data folder into its own output folder and serves it (vite preview), for the
// 200k-stand browser test and the map benchmark. XG_DATA_DIR / XG_OUT_DIR are read by vite.config.ts.
import path from 'node:path';
import { buildApp, ROOT, serveBuilt, type ServedApp } from '../lib/serve-app.ts';

export async function serveWithData(dataDir: string, outDir: string): Promise<ServedApp> {
  // XG_TEST_HOOKS: the benchmark reads the map through window.__map (src/test-hooks.ts).
  const env = { XG_DATA_DIR: path.resolve(ROOT, dataDir), XG_OUT_DIR: path.resolve(ROOT, outDir), XG_TEST_HOOKS: '1' };
  await buildApp('vite.config.ts', env);
  return serveBuilt();
}
