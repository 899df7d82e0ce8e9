// Which registry layers the public page draws (the entries marked `publicPage`), and so which data files its build may
// contain. Everything else in the registry (internal stands, and public layers this page does not need) stays out of
// the public build.
import { PUBLIC_LAYERS } from '../layers/public-registry.ts';
import type { LayerDef } from '../layers/types.ts';
import { PLAN_PROGRESS_FILE } from './public-data.ts';

export const TOWNSHIP_LAYER = 'township-stats';
export const PROJECT_LAYER = 'public-projects';

/** The page's layers in drawing order, all visible (the public-only entries are off by default for the bureau). */
export function pageLayers(): LayerDef[] {
  const layers = PUBLIC_LAYERS.filter((l) => l.publicPage);
  const missing = [TOWNSHIP_LAYER, PROJECT_LAYER].filter((id) => !layers.some((l) => l.id === id));
  if (missing.length) throw new Error(`public page: the registry marks no public page layer ${missing.join(', ')}`);
  return layers.map((l) => ({ ...l, visible: true }));
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
