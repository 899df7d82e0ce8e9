// Which registry layers the public page draws, and so which data files its build may contain. Everything else in the
// registry (internal stands, and public layers this page does not need) stays out of the public build.
import { layersFor } from '../layers/registry.ts';
import type { LayerDef } from '../layers/types.ts';
import { PLAN_PROGRESS_FILE } from './public-data.ts';

export const PAGE_LAYER_IDS = ['neighbours', 'county', 'water', 'rivers', 'township-stats', 'public-projects'] as const;
export const TOWNSHIP_LAYER = 'township-stats';
export const PROJECT_LAYER = 'public-projects';

/** The page's layers in registry order, all visible (the public-only entries are off by default for the bureau). */
export function pageLayers(): LayerDef[] {
  const ids = new Set<string>(PAGE_LAYER_IDS);
  const layers = layersFor('public').filter((l) => ids.has(l.id)).map((l) => ({ ...l, visible: true }));
  const missing = PAGE_LAYER_IDS.filter((id) => !layers.some((l) => l.id === id));
  if (missing.length) throw new Error(`public page: registry has no public layer ${missing.join(', ')}`);
  return layers;
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
