// Runs every browser test against freshly built pages served on 127.0.0.1. Part of `npm test`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildApp, ROOT, serveBuilt } from '../../scripts/lib/serve-app.ts';
import { bureauTests } from './bureau.spec.ts';
import { launchBrowser, runTests } from './harness.ts';

const ensure = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/ensure-data.ts')], { stdio: 'inherit', cwd: ROOT });
if (ensure.status !== 0) process.exit(1);

console.log('browser tests: building the app …');
await buildApp();
const app = await serveBuilt();
const browser = await launchBrowser();
let failed = 0;
try {
  failed += await runTests('bureau', bureauTests(browser, app.url));
} finally {
  await browser.close();
  await app.close();
}
console.log(failed ? `browser tests: ${failed} failed` : 'browser tests: all passed');
process.exit(failed ? 1 : 0);
