// The site-statistics half of `npm run bench:raster`, in a worker thread as the app runs it in a Web Worker: the COG is
// opened by URL (HTTP Range requests for the header and the tiles a site needs, geotiff.js's default fetch client and
// the core's fflate inflate — the browser's path), then each site's land-cover areas are computed by the core.
import { parentPort, workerData } from 'node:worker_threads';
import type { Geometry } from 'geojson';
import { openGeoTiffUrl } from '../../src/core/raster/read.ts';
import { zonalFromReader, type CategoricalZoneStats } from '../../src/core/raster/zonal.ts';

const { url, sites } = workerData as { url: string; sites: Geometry[] };
const reader = await openGeoTiffUrl(url);
const times: number[] = [];
const results: CategoricalZoneStats[] = [];
for (const site of sites) {
  const t0 = performance.now();
  const [stats] = await zonalFromReader(reader, [site], 'categorical') as CategoricalZoneStats[];
  times.push(performance.now() - t0);
  results.push(stats);
}
parentPort!.postMessage({ times, results });
