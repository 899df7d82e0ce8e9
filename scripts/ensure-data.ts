// Used by `npm test` and CI (and, in-process, by `npm start`): make sure data/ holds current sample data, generating it
// only when needed (scripts/sample-data/prepare.ts).
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareSampleFolder } from './sample-data/prepare.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
try {
  await prepareSampleFolder(root, (l) => console.log(l));
} catch (err) {
  console.error(`Sample data or tile generation failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
