// The planner's workspace as a plain value, and what an operation on it reports. Every operation (ops/*.ts) is a pure
// function (workspace, args) → { workspace, change }; apply.ts is the one place they are dispatched from. The caller
// (use-workspace.ts) saves `change.put` / `change.removed` to IndexedDB and announces them to the other tabs; the
// panel brings Terra Draw in line by comparing each site's `rev` with the one Terra Draw holds (draw/draw-sync.ts).
import type { Geometry } from 'geojson';
import type { Site } from '../site.ts';

export interface PlanWorkspace {
  /** The sites, oldest first. */
  sites: Site[];
  /** Deleted sites, the latest last: what "undo delete" brings back (the last 20). */
  deleted: Site[];
  /** The last number given to a default site name (地块 N); numbers are not reused within a session. */
  counter: number;
}

export interface Change {
  /** Sites added or changed: to be saved and announced. */
  put: Site[];
  /** Ids of sites removed: to be deleted from storage and announced. */
  removed: string[];
  /** The change was saved already (by another tab): it is not saved or announced again. */
  saved?: boolean;
  /** The geometry came from the drawing itself: Terra Draw already shows the new revision of these sites. */
  drawn?: boolean;
  /** The site to show the planner next (the one just added, restored, imported first …). */
  focus?: string;
}

export interface OpResult {
  workspace: PlanWorkspace;
  change: Change;
}

/** How deep the undo-delete stack goes. */
export const DELETED_KEPT = 20;

export const EMPTY_WORKSPACE: PlanWorkspace = { sites: [], deleted: [], counter: 0 };

/** The workspace as it was, and nothing to save: what an operation returns when it does not apply. */
export const unchanged = (workspace: PlanWorkspace): OpResult => ({ workspace, change: { put: [], removed: [] } });

export const findSite = (ws: PlanWorkspace, id: string): Site | undefined => ws.sites.find((s) => s.id === id);

/** The site's geometry revision; records saved before revisions existed count as revision 1. */
export const revOf = (s: Pick<Site, 'rev'>): number => s.rev ?? 1;

/** `site` in place of the site with its id, or appended when it is new. */
export function withSite(sites: Site[], site: Site): Site[] {
  const i = sites.findIndex((s) => s.id === site.id);
  return i >= 0 ? sites.map((s) => (s.id === site.id ? site : s)) : [...sites, site];
}

/** A default name: "地块 7". Counts on from the number of sites, so a reloaded workspace does not repeat names. */
export function nextName(ws: PlanWorkspace, label: string): { name: string; counter: number } {
  const counter = Math.max(ws.counter, ws.sites.length) + 1;
  return { name: `${label} ${counter}`, counter };
}

/** Same type and the same numbers in the same nesting: two geometries that draw the same shape. */
export function sameGeometry(a: Geometry, b: Geometry): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'GeometryCollection' || b.type === 'GeometryCollection') {
    const ga = (a as { geometries: Geometry[] }).geometries;
    const gb = (b as { geometries: Geometry[] }).geometries;
    return ga.length === gb.length && ga.every((g, i) => sameGeometry(g, gb[i]));
  }
  return sameNested((a as { coordinates: unknown }).coordinates, (b as { coordinates: unknown }).coordinates);
}

function sameNested(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameNested(x, b[i]));
  return a === b;
}
