// The bureau page's raster worker: zonal statistics of a stand, a township or the county (popups, dashboard) off the
// main thread — the county's land cover reads and counts ~60 M pixels. The work is in raster-zonal.ts (shared with
// the planner's worker, which adds a site's land cover to its analysis).
import { expose } from 'comlink';
import type { Geometry } from 'geojson';
import { targetSummaries, zoneSummaries, type ZoneTarget } from './raster-zonal.ts';

const api = {
  summaries: (base: string, geometries: (Geometry | null)[]) => zoneSummaries(base, geometries),
  target: (base: string, target: ZoneTarget) => targetSummaries(base, target),
};

export type RasterApi = typeof api;
expose(api);
