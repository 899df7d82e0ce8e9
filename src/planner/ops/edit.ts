// Changes to one site: its shape (from the drawing: every change of shape raises `rev`), or its name, type and note
// (from the list: `rev` stays, so Terra Draw is left alone).
import type { Geometry } from 'geojson';
import type { Site } from '../site.ts';
import { findSite, revOf, sameGeometry, unchanged, withSite, type OpResult, type PlanWorkspace } from './workspace.ts';

export interface EditGeometryArgs {
  id: string;
  geometry: Geometry;
  now: number;
}

/** A reshaped site (moved, a vertex dragged, undo/redo of an edit). The same shape again changes nothing. */
export function editGeometry(ws: PlanWorkspace, a: EditGeometryArgs): OpResult {
  const site = findSite(ws, a.id);
  if (!site || sameGeometry(site.geometry, a.geometry)) return unchanged(ws);
  const next: Site = { ...site, geometry: a.geometry, updated: a.now, rev: revOf(site) + 1 };
  return { workspace: { ...ws, sites: withSite(ws.sites, next) }, change: { put: [next], removed: [], drawn: true } };
}

export type SiteDetails = Partial<Pick<Site, 'name' | 'type' | 'note'>>;

export interface EditDetailsArgs {
  id: string;
  details: SiteDetails;
  now: number;
}

/** A new name, type or note (the workspace list). */
export function editDetails(ws: PlanWorkspace, a: EditDetailsArgs): OpResult {
  const site = findSite(ws, a.id);
  if (!site) return unchanged(ws);
  const next: Site = { ...site, ...pickDetails(a.details), updated: a.now };
  return { workspace: { ...ws, sites: withSite(ws.sites, next) }, change: { put: [next], removed: [] } };
}

/** Only the detail fields: an edit cannot change the id, geometry or revision by passing more. */
function pickDetails(d: SiteDetails): SiteDetails {
  const out: SiteDetails = {};
  if (d.name !== undefined) out.name = d.name;
  if (d.type !== undefined) out.type = d.type;
  if (d.note !== undefined) out.note = d.note;
  return out;
}
