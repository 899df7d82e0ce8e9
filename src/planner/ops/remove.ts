// Deleting a site, and the two ways back: the "undo delete" button (the last deleted site comes back as it was), and
// Terra Draw's own undo bringing the deleted feature back (the site comes back with that geometry).
import type { Geometry } from 'geojson';
import type { Site } from '../site.ts';
import { DELETED_KEPT, findSite, revOf, unchanged, type OpResult, type PlanWorkspace } from './workspace.ts';

export function deleteSite(ws: PlanWorkspace, a: { id: string }): OpResult {
  const site = findSite(ws, a.id);
  if (!site) return unchanged(ws);
  return {
    workspace: { ...ws, sites: ws.sites.filter((s) => s.id !== a.id), deleted: [...ws.deleted, site].slice(-DELETED_KEPT) },
    change: { put: [], removed: [a.id] },
  };
}

/** The last deleted site, back at the end of the list. */
export function undoDelete(ws: PlanWorkspace): OpResult {
  const site = ws.deleted[ws.deleted.length - 1];
  if (!site) return unchanged(ws);
  const rest = ws.deleted.slice(0, -1);
  if (findSite(ws, site.id)) return { workspace: { ...ws, deleted: rest }, change: { put: [], removed: [] } };
  return { workspace: { ...ws, sites: [...ws.sites, site], deleted: rest }, change: { put: [site], removed: [], focus: site.id } };
}

/**
 * Terra Draw's undo brought back the feature of a deleted site: it is that site again, with its name, type and note.
 * Not a deleted site's id: nothing happens (the caller treats it as a new drawing).
 */
export function restoreDrawn(ws: PlanWorkspace, a: { id: string; geometry: Geometry; now: number }): OpResult {
  const gone = ws.deleted.find((s) => s.id === a.id);
  if (!gone || findSite(ws, a.id)) return unchanged(ws);
  const site: Site = { ...gone, geometry: a.geometry, updated: a.now, rev: revOf(gone) + 1 };
  return {
    workspace: { ...ws, sites: [...ws.sites, site], deleted: ws.deleted.filter((s) => s.id !== a.id) },
    change: { put: [site], removed: [], drawn: true },
  };
}
