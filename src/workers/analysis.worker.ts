// The analysis worker: loads the plan layers once, measures every polygon once (ellipsoidal areas cached), then answers
// progress, roll-ups and carbon-density queries off the main thread, so the map never freezes. The computation lives in
// analysis-core.ts (also run by the consistency test in Node); this file only exposes it.
import { expose } from 'comlink';
import type { StandMethod } from '../core/carbon/stand.ts';
import { createAnalysis, fetchReader, type CarbonPoints, type LoadReport } from './analysis-core.ts';

export type { CarbonPoints, LoadReport } from './analysis-core.ts';

let core: ReturnType<typeof createAnalysis> | null = null;
const loaded = () => {
  if (!core) throw new Error('analysis worker: data not loaded');
  return core;
};

const api = {
  async load(dataBase: string): Promise<LoadReport> {
    core = createAnalysis(fetchReader(dataBase));
    return core.load();
  },
  /** Re-reads the project layers (the bureau edits them; served from the database) so the next progress query reflects an edit at once. */
  async reloadProjects(_dataBase?: string): Promise<void> {
    if (core) await core.reloadProjects();
  },
  /** Progress for the county (code null) or one township as of a year (default: the data's). */
  progress: (code: string | null, method: StandMethod = 'ipcc_bef', year?: number) => loaded().progress(code, method, year),
  carbonPoints: (method: StandMethod = 'ipcc_bef'): CarbonPoints => loaded().carbonPoints(method),
};

export type AnalysisApi = typeof api;
expose(api);
