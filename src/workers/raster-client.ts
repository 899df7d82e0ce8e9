// The main thread's handle on the raster worker (created on first use), and one answer per zone kept for the page's
// life: reopening a popup or the dashboard does not count the pixels again.
import { wrap, type Remote } from 'comlink';
import type { ZoneSummary } from '../core/raster/zone-summary.ts';
import { DATA_BASE } from '../layers/data-source.ts';
import type { RasterApi } from './raster.worker.ts';
import type { ZoneTarget } from './raster-zonal.ts';

let remote: Remote<RasterApi> | null = null;
const answers = new Map<string, Promise<{ summaries: ZoneSummary[]; ms: number } | null>>();

function worker(): Remote<RasterApi> {
  remote ??= wrap<RasterApi>(new Worker(new URL('./raster.worker.ts', import.meta.url), { type: 'module', name: 'raster' }));
  return remote;
}

export type { ZoneTarget };

/** The zone's summaries on the release's rasters (null when the feature is not in the release). */
export function zoneStatistics(target: ZoneTarget): Promise<{ summaries: ZoneSummary[]; ms: number } | null> {
  const key = JSON.stringify(target);
  let p = answers.get(key);
  if (!p) {
    p = worker().target(new URL(DATA_BASE, location.href).href, target);
    p.catch(() => answers.delete(key));
    answers.set(key, p);
  }
  return p;
}
