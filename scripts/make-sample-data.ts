// npm run data — regenerate the sample data in data/ (or --out DIR) and print the totals.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSummary } from './sample-data/report.ts';
import { generateSampleData } from './sample-data/generate.ts';
import { generateSampleRasters } from './sample-data/rasters.ts';
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
  console.log('Rasters (land cover 2020/2025, pseudo-imagery 2025, 监测图斑 2020→2025):');
  const rasters = generateSampleRasters(outDir, (l) => console.log(l));
  for (const [file, bytes] of Object.entries(rasters.bytes)) console.log(`  ${file.padEnd(32)} ${(bytes / 1e6).toFixed(2).padStart(7)} MB`);
  console.log(`  ${rasters.patches.loss} loss and ${rasters.patches.gain} gain patches (${rasters.patches.explained} explained by the data) from ${rasters.planted} planted changes`);
  console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
} catch (err) {
  console.error(`Sample data generation failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
