// `npm start`: make sure the sample data exists, build the app, serve it on 127.0.0.1 and print the URL.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildApp, ROOT, serveBuilt } from './lib/serve-app.ts';

const ensure = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/ensure-data.ts')], { stdio: 'inherit', cwd: ROOT });
if (ensure.status !== 0) {
  console.error('npm start: the sample data could not be prepared (see the message above).');
  process.exit(1);
}
console.log('building the app …');
await buildApp();
const port = Number(process.env.PORT ?? 5173);
const app = await serveBuilt('vite.config.ts', port).catch(async (e: Error) => {
  console.warn(`port ${port} is busy (${e.message}); choosing a free port`);
  return serveBuilt('vite.config.ts', 0);
});
console.log(`\n  兴国碳汇图 is running at ${app.url}\n  (Ctrl+C to stop)\n`);
