// `npm start [-- --data <dir>]`: make sure the data exists (the sample data, or a release written by
// `npm run data:import`), build the pages (bureau, public, sign-in), then serve them and the API with the database
// (src/server). Prints the URL, and a one-time set-up link while there is no account. The data folder: --data, else
// XINGGUO_DATA_DIR, else data/ (scripts/lib/data-dir.ts).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { cli, SHARED_OPTIONS } from './lib/args.ts';
import { prepareDataDir, resolveDataDir } from './lib/data-dir.ts';
import { buildApp, ROOT } from './lib/serve-app.ts';
import { serveFromEnv } from '../src/server/main.ts';

const { values } = cli({
  name: 'npm start',
  usage: 'npm start [-- --data <dir>]',
  about: 'Build the bureau, public and sign-in pages for a data folder, then serve them and the API.',
  options: { data: SHARED_OPTIONS.data },
});
const dataDir = resolveDataDir(values.data);
const prepared = await prepareDataDir(dataDir, () => spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/ensure-data.ts')], { stdio: 'inherit', cwd: ROOT }).status === 0);
if (!prepared.ok) {
  console.error(`npm start: ${prepared.message}`);
  process.exit(1);
}
console.log(`building the pages …${prepared.env.XINGGUO_DATA_DIR ? ` (data: ${dataDir})` : ''}`);
await buildApp('vite.config.ts', prepared.env);
await buildApp('vite.public.config.ts', prepared.env);
await buildApp('vite.login.config.ts');
await serveFromEnv();
