// Shared fixtures for the operation tests (not a test file itself: vitest picks up *.test.ts only).
import type { Polygon } from 'geojson';
import type { Site } from '../site.ts';
import { EMPTY_WORKSPACE, type PlanWorkspace } from './workspace.ts';

export const square = (x: number, y: number, d = 0.01): Polygon => ({ type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });

export function site(id: string, over: Partial<Site> = {}): Site {
  return { id, name: `site ${id}`, type: '其他', note: '', geometry: square(115, 26), origin: 'draw:polygon', created: 1, updated: 1, rev: 1, ...over };
}

export const workspace = (sites: Site[], over: Partial<PlanWorkspace> = {}): PlanWorkspace => ({ ...EMPTY_WORKSPACE, sites, ...over });

/** Ids n1, n2 … in call order: deterministic stand-ins for newSiteId. */
export function ids(prefix = 'n'): () => string {
  let i = 0;
  return () => `${prefix}${++i}`;
}
