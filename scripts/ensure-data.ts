// Used by `npm start`, `npm test` and CI: make sure data/ holds current sample data, generating it only when needed.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSampleData } from './sample-data/ensure.ts';
import { formatSummary } from './sample-data/report.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
try {
  const summary = await ensureSampleData(root, undefined, (l) => console.log(l));
  console.log(summary ? formatSummary(summary) : 'sample data present');
} catch (err) {
  console.error(`Sample data generation failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
