// The sites of a share link join the workspace. A site already there (same name, same shape) is not added twice, so
// opening the same link again changes nothing; a site whose geometry fails the check is left out.
import { isSiteType } from '../../core/analysis/site-types.ts';
import { checkGeometry } from '../../core/geo/validate.ts';
import type { SharedSite } from '../../core/share/share-link.ts';
import type { Site } from '../site.ts';
import { sameGeometry, type OpResult, type PlanWorkspace } from './workspace.ts';

export function restoreShare(ws: PlanWorkspace, a: { sites: SharedSite[]; newId: () => string; now: number }): OpResult {
  let sites = ws.sites;
  const added: Site[] = [];
  let focus: string | undefined;
  for (const x of a.sites) {
    const same = sites.find((s) => s.name === x.name && sameGeometry(s.geometry, x.geometry));
    if (same) {
      focus ??= same.id;
      continue;
    }
    const check = checkGeometry(x.geometry);
    if (check.error || !check.geometry) continue;
    const site: Site = { id: a.newId(), name: x.name, type: isSiteType(x.type) ? x.type : '其他', note: x.note, geometry: check.geometry, origin: 'share', created: a.now, updated: a.now, rev: 1 };
    sites = [...sites, site];
    added.push(site);
    focus ??= site.id;
  }
  return { workspace: { ...ws, sites }, change: { put: added, removed: [], focus } };
}
