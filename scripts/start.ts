// `npm start`: make sure the sample data exists, build the pages (bureau, public, sign-in), then serve them and the
// API with the database (src/server). Prints the URL, and a one-time set-up link while there is no account.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildApp, ROOT } from './lib/serve-app.ts';
import { serveFromEnv } from '../src/server/main.ts';

const ensure = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/ensure-data.ts')], { stdio: 'inherit', cwd: ROOT });
if (ensure.status !== 0) {
  console.error('npm start: the sample data could not be prepared (see the message above).');
  process.exit(1);
}
console.log('building the pages …');
await buildApp();
await buildApp('vite.public.config.ts');
await buildApp('vite.login.config.ts');
await serveFromEnv();
