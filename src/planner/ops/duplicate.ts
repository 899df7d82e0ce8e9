// A copy of a site under a new id, named "<name> 副本" (or "copy"), everything else as the original.
import type { Site } from '../site.ts';
import { findSite, unchanged, type OpResult, type PlanWorkspace } from './workspace.ts';

export function duplicateSite(ws: PlanWorkspace, a: { id: string; newId: string; suffix: string; now: number }): OpResult {
  const s = findSite(ws, a.id);
  if (!s) return unchanged(ws);
  const copy: Site = { ...structuredClone(s), id: a.newId, name: `${s.name} ${a.suffix}`, created: a.now, updated: a.now, rev: 1 };
  return { workspace: { ...ws, sites: [...ws.sites, copy] }, change: { put: [copy], removed: [], focus: copy.id } };
}
