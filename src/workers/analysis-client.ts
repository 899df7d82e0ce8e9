// The main thread's handle on the analysis worker. One worker per page; every call is async, so the UI never blocks.
import { wrap, type Remote } from 'comlink';
import { DATA_BASE } from '../layers/data-source.ts';
import type { AnalysisApi, LoadReport } from './analysis.worker.ts';

let remote: Remote<AnalysisApi> | null = null;
let loaded: Promise<LoadReport> | null = null;

export function analysis(): { api: Remote<AnalysisApi>; ready: Promise<LoadReport> } {
  if (!remote) {
    const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis' });
    remote = wrap<AnalysisApi>(worker);
    loaded = remote.load(new URL(DATA_BASE, location.href).href);
  }
  return { api: remote, ready: loaded! };
}

/** Fired on window after the project layers changed (an edit in the bureau page) and the worker has re-read them. */
export const PROJECTS_CHANGED = 'xg-projects-changed';

/** After an edit: the worker (when started) re-reads the project layers, then the dashboard is told to recompute. */
export async function reloadProjectLayers(): Promise<void> {
  if (remote && loaded) {
    await loaded;
    await remote.reloadProjects(new URL(DATA_BASE, location.href).href);
  }
  window.dispatchEvent(new Event(PROJECTS_CHANGED));
}
