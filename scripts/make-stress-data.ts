// npm run data:stress -- --stands 200000 [--out DIR] — the sample data again, with a given number of stands (same schema,
// same seed, deterministic), into data-stress/ by default (gitignored). It also builds the stand tiles and columns
// (scripts/tiles/) so the folder can be served as the app's data directly. Skips work when the folder is current.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSummary } from './sample-data/report.ts';
import { staleReason } from './sample-data/ensure.ts';
import { buildPublicData } from './build-public-data.ts';
import { ensureTiles } from './tiles/ensure.ts';
import { cli } from './lib/args.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Stand count recorded in DIR/summary.json, or null. */
function standsIn(dir: string): number | null {
  try {
    return (JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { stands?: number }).stands ?? null;
  } catch {
    return null;
  }
}

export async function makeStressData(stands: number, outDir: string, log: (l: string) => void = console.log, force = false): Promise<void> {
  if (!Number.isInteger(stands) || stands < 1000 || stands > 1_000_000) throw new Error(`--stands must be an integer from 1000 to 1000000, got ${stands}`);
  const stale = force ? 'forced' : staleReason(outDir) ?? (standsIn(outDir) === stands ? null : `holds ${standsIn(outDir)} stands, ${stands} wanted`);
  if (stale) {
    log(`stress data ${outDir}: ${stale} — generating ${stands} stands`);
    const { generateSampleData } = await import('./sample-data/generate.ts');
    const summary = generateSampleData({ outDir, root, log, standCount: stands });
    log(formatSummary(summary));
  } else {
    log(`stress data ${outDir}: present (${stands} stands)`);
  }
  await ensureTiles(outDir, log);
  // The public aggregates too: the bureau app's 公开统计 layers read them, and without them it shows a load error.
  buildPublicData({ dataDir: outDir, log });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = cli({
    name: 'data:stress',
    usage: 'npm run data:stress -- [--stands 200000] [--out DIR] [--force]',
    about: 'The sample data with a given number of stands (same schema and seed), its tiles and public aggregates.',
    options: {
      stands: { type: 'integer', default: 200_000, min: 1000, max: 1_000_000, help: 'how many stands' },
      out: { type: 'string', help: 'the folder to write (default data-stress/)' },
      force: { type: 'boolean', help: 'generate even when the folder is current' },
    },
  });
  const outDir = resolve(values.out ?? join(root, 'data-stress'));
  const started = Date.now();
  try {
    await makeStressData(values.stands, outDir, console.log, values.force);
    console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.${existsSync(outDir) ? '' : ' (nothing written)'}`);
  } catch (err) {
    console.error(`Stress data generation failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
