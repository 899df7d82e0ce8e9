// The main thread's handle on the planner worker (created on first use).
import { wrap, type Remote } from 'comlink';
import { DATA_BASE } from '../layers/data-source.ts';
import type { PlannerApi } from './planner.worker.ts';

let remote: Remote<PlannerApi> | null = null;

export function planner(): Remote<PlannerApi> {
  if (!remote) {
    const worker = new Worker(new URL('./planner.worker.ts', import.meta.url), { type: 'module', name: 'planner' });
    remote = wrap<PlannerApi>(worker);
  }
  return remote;
}

export const dataBaseUrl = (): string => new URL(DATA_BASE, location.href).href;
