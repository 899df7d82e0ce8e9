// npm run data — regenerate the sample data in data/ (or --out DIR) and print the totals.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSummary } from './sample-data/report.ts';
import { generateSampleData } from './sample-data/generate.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv.indexOf('--out');
const outDir = outArg > 0 && process.argv[outArg + 1] ? resolve(process.argv[outArg + 1]) : join(root, 'data');

const started = Date.now();
try {
  console.log(`Generating sample data for 兴国县 into ${outDir}`);
  const summary = generateSampleData({ outDir, root, log: (l) => console.log(l) });
  console.log(formatSummary(summary));
  console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
} catch (err) {
  console.error(`Sample data generation failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
