// Changes that come from outside this tab: the saved sites when the store answers, another tab's saves (announced on
// a BroadcastChannel, saved there already) and the server's (storage/server-sync.ts, to be saved here). A remote
// change keeps the site's revision when its shape is the same (a rename leaves Terra Draw alone), else raises it.
import type { Site } from '../site.ts';
import { findSite, revOf, sameGeometry, unchanged, type OpResult, type PlanWorkspace } from './workspace.ts';

/** A change another tab or the server made: the site as it now is, or the id it deleted. */
export type RemoteChange = { op: 'put'; site: Site } | { op: 'remove'; id: string };

export function mergeRemote(ws: PlanWorkspace, a: { change: RemoteChange; from: 'tab' | 'server' }): OpResult {
  const saved = a.from === 'tab' ? { saved: true } : {};
  if (a.change.op === 'remove') {
    const id = a.change.id;
    if (!findSite(ws, id)) return unchanged(ws);
    return { workspace: { ...ws, sites: ws.sites.filter((s) => s.id !== id) }, change: { put: [], removed: [id], ...saved } };
  }
  const incoming = a.change.site;
  const local = findSite(ws, incoming.id);
  // Another tab's older copy loses to a newer local edit of the same site (saved after, and announced in turn).
  if (a.from === 'tab' && local && local.updated > incoming.updated) return unchanged(ws);
  const rev = !local ? revOf(incoming) : sameGeometry(local.geometry, incoming.geometry) ? revOf(local) : Math.max(revOf(local), revOf(incoming)) + 1;
  const site: Site = { ...incoming, rev };
  const sites = local ? ws.sites.map((s) => (s.id === site.id ? site : s)) : [...ws.sites, site].sort((x, y) => x.created - y.created);
  return { workspace: { ...ws, sites }, change: { put: [site], removed: [], ...saved } };
}

/** The store answered with the saved sites; sites made before it answered (a share link) are kept after them. */
export function loadSaved(ws: PlanWorkspace, a: { saved: Site[] }): OpResult {
  const extra = ws.sites.filter((x) => !a.saved.some((y) => y.id === x.id));
  return { workspace: { ...ws, sites: [...a.saved, ...extra] }, change: { put: [], removed: [] } };
}
