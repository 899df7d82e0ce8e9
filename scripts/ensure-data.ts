// Used by `npm start`, `npm test` and CI: make sure data/ holds current sample data, generating it only when needed.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSampleData, ensureSampleRelease } from './sample-data/ensure.ts';
import { formatSummary } from './sample-data/report.ts';
import { ensureSampleRasters } from './sample-data/rasters.ts';
import { ensureTiles } from './tiles/ensure.ts';
import { buildPublicData } from './build-public-data.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
try {
  const summary = await ensureSampleData(root, undefined, (l) => console.log(l));
  console.log(summary ? formatSummary(summary) : 'sample data present');
  ensureSampleRelease(resolve(root, 'data'));
  // Land cover 2020/2025, pseudo-imagery and the 监测图斑 of the sample (made from the layers above, no GDAL needed).
  if (!ensureSampleRasters(resolve(root, 'data'), (l) => console.log(l))) console.log('sample rasters present');
  // The map reads the stands as prebuilt tiles and the analysis worker reads their columns: build them when missing/stale.
  if (!(await ensureTiles(resolve(root, 'data'), (l) => console.log(l)))) console.log('stand tiles present');
  // Public aggregates (data/public/): the public page ships them, and the bureau's public-figure layers read them.
  buildPublicData({ dataDir: resolve(root, 'data'), log: (l) => console.log(l) });
} catch (err) {
  console.error(`Sample data or tile generation failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
