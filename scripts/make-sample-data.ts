// npm run data — regenerate the sample data in data/ (or --out DIR) and print the totals.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSummary } from './sample-data/report.ts';
import { generateSampleData } from './sample-data/generate.ts';
import { cli } from './lib/args.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = cli({
  name: 'npm run data',
  usage: 'npm run data [-- --out <dir>]',
  about: 'Regenerate the synthetic sample data (real county outline, townships and plan projects) and print the totals.',
  options: { out: { type: 'string', help: 'the folder to write (default data/)' } },
});
const outDir = values.out ? resolve(values.out) : join(root, 'data');

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
