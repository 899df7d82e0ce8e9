// The sample data folder (data/) made ready to serve: generated when missing or made by another generator version, its
// release.json, stand tiles and public aggregates (re)built when stale. Each step is skipped when current, so the
// "already present" path costs a few file checks. Used by `npm start` (scripts/lib/start-app.ts) and scripts/ensure-data.ts.
import { join } from 'node:path';
import { buildPublicData } from '../build-public-data.ts';
import { ensureTiles } from '../tiles/ensure.ts';
import { ensureSampleData, ensureSampleRelease } from './ensure.ts';
import { formatSummary } from './report.ts';
import { ensureSampleRasters } from './rasters.ts';

export async function prepareSampleFolder(root: string, log: (line: string) => void = console.log): Promise<void> {
  const dir = join(root, 'data');
  const summary = await ensureSampleData(root, undefined, log);
  log(summary ? formatSummary(summary) : 'sample data present');
  ensureSampleRelease(dir);
  // Land cover 2020/2025, pseudo-imagery and the 监测图斑 of the sample (made from the layers above, no GDAL needed).
  if (!ensureSampleRasters(dir, log)) log('sample rasters present');
  // The map reads the stands as prebuilt tiles and the analysis worker reads their columns: build them when missing/stale.
  if (!(await ensureTiles(dir, log))) log('stand tiles present');
  // Public aggregates (data/public/): the public page reads them, and the bureau's public-figure layers too.
  buildPublicData({ dataDir: dir, log });
}
