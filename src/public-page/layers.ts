// Which registry layers the public page draws, and so which data files its build may contain. Everything else in the
// registry (internal stands, and public layers this page does not need) stays out of the public build.
import { PUBLIC_LAYERS } from '../layers/public-registry.ts';
import type { LayerDef } from '../layers/types.ts';
import { PLAN_PROGRESS_FILE } from './public-data.ts';

/** In drawing order. 'public-neighbours' is the simplified copy of 'neighbours' the pipeline writes. */
export const PAGE_LAYER_IDS = ['public-neighbours', 'county', 'water', 'rivers', 'township-stats', 'public-projects'] as const;
export const TOWNSHIP_LAYER = 'township-stats';
export const PROJECT_LAYER = 'public-projects';

/** The page's layers in PAGE_LAYER_IDS order, all visible (the public-only entries are off by default for the bureau). */
export function pageLayers(): LayerDef[] {
  const available = PUBLIC_LAYERS;
  const missing = PAGE_LAYER_IDS.filter((id) => !available.some((l) => l.id === id));
  if (missing.length) throw new Error(`public page: registry has no public layer ${missing.join(', ')}`);
  return PAGE_LAYER_IDS.map((id) => ({ ...available.find((l) => l.id === id)!, visible: true }));
}

/** Every data file the public page reads: its layers' sources and label files, and the plan-progress table. */
export function publicDataFiles(): string[] {
  const files = new Set<string>([PLAN_PROGRESS_FILE]);
  for (const l of pageLayers()) {
    files.add(l.source.file);
    if (l.labels) files.add(l.labels.file);
  }
  return [...files].sort();
}
