// New sites the planner makes by hand: drawn on the map, or typed as coordinates. Both get the next default name
// (地块 N) and the type 其他; the planner names and types them afterwards.
import type { Geometry } from 'geojson';
import type { Site } from '../site.ts';
import { asDrawn } from './draw-form.ts';
import { nextName, unchanged, type OpResult, type PlanWorkspace } from './workspace.ts';

export interface AddDrawnArgs {
  /** Terra Draw's feature id: the site keeps it, so drawing and workspace name the same thing. */
  id: string;
  geometry: Geometry;
  /** The Terra Draw mode it was drawn in (polygon, rectangle, circle …), kept in `origin`. */
  mode: string;
  /** The word a default name starts with, in the UI language (地块 / Site). */
  label: string;
  now: number;
}

export function addDrawn(ws: PlanWorkspace, a: AddDrawnArgs): OpResult {
  if (ws.sites.some((s) => s.id === a.id)) return unchanged(ws);
  const { name, counter } = nextName(ws, a.label);
  const site: Site = { id: a.id, name, type: '其他', note: '', geometry: a.geometry, origin: `draw:${a.mode}`, created: a.now, updated: a.now, rev: 1 };
  return { workspace: { ...ws, sites: [...ws.sites, site], counter }, change: { put: [site], removed: [], drawn: true, focus: site.id } };
}

export interface AddTypedArgs {
  id: string;
  geometry: Geometry;
  /** What the coordinate form says the coordinates were (kept as the note). */
  note: string;
  label: string;
  now: number;
}

export function addTyped(ws: PlanWorkspace, a: AddTypedArgs): OpResult {
  const { name, counter } = nextName(ws, a.label);
  const site = asDrawn<Site>({ id: a.id, name, type: '其他', note: a.note, geometry: a.geometry, origin: 'coords', created: a.now, updated: a.now, rev: 1 });
  return { workspace: { ...ws, sites: [...ws.sites, site], counter }, change: { put: [site], removed: [], focus: site.id } };
}
