// `npm start [-- --data <dir>]`: make sure the data exists (the sample data, or a release written by
// `npm run data:import`), build the app, serve it on 127.0.0.1 and print the URL. The data folder: --data, else
// XINGGUO_DATA_DIR, else data/ (scripts/lib/data-dir.ts).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { prepareDataDir, resolveDataDir } from './lib/data-dir.ts';
import { buildApp, ROOT, serveBuilt } from './lib/serve-app.ts';

const dataDir = resolveDataDir(process.argv.slice(2));
const prepared = await prepareDataDir(dataDir, () => spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/ensure-data.ts')], { stdio: 'inherit', cwd: ROOT }).status === 0);
if (!prepared.ok) {
  console.error(`npm start: ${prepared.message}`);
  process.exit(1);
}
console.log(`building the app …${prepared.env.XINGGUO_DATA_DIR ? ` (data: ${dataDir})` : ''}`);
await buildApp('vite.config.ts', prepared.env);
const port = Number(process.env.PORT ?? 5173);
const app = await serveBuilt('vite.config.ts', port).catch(async (e: Error) => {
  console.warn(`port ${port} is busy (${e.message}); choosing a free port`);
  return serveBuilt('vite.config.ts', 0);
});
console.log(`\n  兴国碳汇图 is running at ${app.url}\n  (Ctrl+C to stop)\n`);
