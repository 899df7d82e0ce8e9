// Keeps Terra Draw and the workspace in step, by ids and geometry revisions (Site.rev), never by comparing geometries
// as text. Workspace → drawing: `sync` hands Terra Draw every site whose revision it has not seen (added, reshaped by
// another tab or the server, restored) and removes the features of sites that are gone. Drawing → workspace:
// Terra Draw names the features the planner changed (its change events); `reconcile` turns those into operations
// (ops/): a new drawing, a reshaped site, a deleted one, or a deleted site brought back by Terra Draw's undo.
import type { Geometry } from 'geojson';
import { checkGeometry } from '../../core/geo/validate.ts';
import type { PlanOp } from '../ops/apply.ts';
import { drawFeature, type DrawFeature } from '../ops/draw-form.ts';
import { findSite, revOf, type Change, type PlanWorkspace } from '../ops/workspace.ts';
import type { Site } from '../site.ts';

/** What of Terra Draw this needs (a TerraDraw instance; a fake in the unit test). */
export interface DrawLike {
  hasFeature(id: string): boolean;
  addFeatures(features: DrawFeature[]): { id?: string | number; valid: boolean }[];
  updateFeatureGeometry(id: string, geometry: Geometry): void;
  removeFeatures(ids: string[]): void;
  getSnapshotFeature(id: string): { id?: string | number; geometry: Geometry; properties: Record<string, unknown> } | undefined;
}

/** Properties of Terra Draw's guidance points (vertex handles, midpoints, snapping marks): never sites. */
const GUIDANCE = ['coordinatePoint', 'closingPoint', 'snappingPoint', 'midPoint', 'selectionPoint'];

export interface ReconcileHooks {
  apply: (op: PlanOp) => Change;
  /** The workspace as the last applied operation left it. */
  current: () => PlanWorkspace;
  /** A change the workspace refused (the geometry check failed): the message for the planner. */
  refused: (zh: string, en: string) => void;
  /** The word a new site's default name starts with (地块 / Site). */
  label: string;
  now: number;
}

export class DrawSync {
  /** Per site: the revision last handed to Terra Draw (or found unfit for it: multi-part, refused). */
  private readonly seen = new Map<string, number>();
  /** Features the planner changed in Terra Draw since the last reconcile. */
  private readonly dirty = new Set<string>();
  private applying = false;

  /**
   * `held` is filled with the sites Terra Draw holds (the others are drawn by the site layers, map-layers.ts);
   * features of `ignoredMode` (measurements) are never sites.
   */
  constructor(private readonly draw: DrawLike, private readonly ignoredMode: string, readonly held = new Set<string>()) {}

  /** Terra Draw's change event: ids changed by the planner (ours, made while syncing, are not edits). */
  changed(ids: (string | number)[]): void {
    if (!this.applying) for (const id of ids) this.dirty.add(String(id));
  }

  /** After an operation: the sites Terra Draw already shows (the change came from it), then everything else. */
  afterChange(change: Change, sites: Site[]): void {
    if (change.drawn) for (const s of change.put) {
      this.seen.set(s.id, revOf(s));
      this.held.add(s.id);
    }
    this.sync(sites);
  }

  /** Brings Terra Draw in line with the workspace, touching only sites whose revision it has not seen. */
  sync(sites: Site[]): void {
    const live = new Set<string>();
    const add: DrawFeature[] = [];
    this.applying = true;
    try {
      for (const s of sites) {
        live.add(s.id);
        const rev = revOf(s);
        if (this.seen.get(s.id) === rev) continue;
        this.seen.set(s.id, rev);
        const f = drawFeature(s);
        if (!this.draw.hasFeature(s.id)) {
          if (f) add.push(f);
        } else if (!f) {
          this.drop(s.id); // Terra Draw cannot edit the new form (multi-part): the site layers draw it instead.
        } else {
          try {
            this.draw.updateFeatureGeometry(s.id, f.geometry);
            this.held.add(s.id);
          } catch {
            this.drop(s.id); // Terra Draw refused the new shape: the site layers draw it instead.
          }
        }
      }
      // One Terra Draw call for many sites: each call re-renders every drawn feature.
      if (add.length) for (const r of this.draw.addFeatures(add)) if (r.valid) this.held.add(String(r.id));
      for (const id of [...this.seen.keys()]) {
        if (live.has(id)) continue;
        this.seen.delete(id);
        this.drop(id);
      }
    } finally {
      this.applying = false;
    }
  }

  /** Turns the features the planner changed into operations on the workspace. Returns the id of a new site, if any. */
  reconcile(hooks: ReconcileHooks): string | null {
    let ws = hooks.current();
    let created: string | null = null;
    for (const id of [...this.dirty]) {
      const f = this.draw.getSnapshotFeature(id);
      if (f?.properties?.currentlyDrawing) continue; // still being drawn: reconciled when finished
      this.dirty.delete(id);
      if (f && GUIDANCE.some((p) => f.properties?.[p])) continue; // a vertex handle or midpoint, not a feature
      if (f?.properties?.mode === this.ignoredMode) continue; // a measurement, never a site
      const site = findSite(ws, id);
      if (site) {
        if (!this.held.has(id)) continue;
        if (!f) {
          this.held.delete(id);
          ws = this.apply(hooks, { op: 'delete', id });
          continue;
        }
        const check = checkGeometry(f.geometry);
        if (check.error) {
          hooks.refused(`编辑被拒绝：${check.error}`, `Edit refused: ${check.error}`);
          this.quietly(() => this.draw.updateFeatureGeometry(id, site.geometry));
          continue;
        }
        ws = this.apply(hooks, { op: 'edit-geometry', id, geometry: f.geometry, now: hooks.now });
        continue;
      }
      if (!f) continue;
      // Undo of a deletion brings the feature back: it is that site again, with its name, type and note.
      if (ws.deleted.some((s) => s.id === id)) {
        ws = this.apply(hooks, { op: 'restore-drawn', id, geometry: f.geometry, now: hooks.now });
        continue;
      }
      const check = checkGeometry(f.geometry);
      if (check.error) {
        this.quietly(() => this.draw.removeFeatures([id]));
        hooks.refused(`已拒绝：${check.error}`, `Refused: ${check.error}`);
        continue;
      }
      ws = this.apply(hooks, { op: 'add-drawn', id, geometry: f.geometry, mode: String(f.properties?.mode ?? ''), label: hooks.label, now: hooks.now });
      created = id;
    }
    return created;
  }

  /** Forgets everything (Terra Draw was stopped). */
  clear(): void {
    this.seen.clear();
    this.dirty.clear();
    this.held.clear();
  }

  private apply(hooks: ReconcileHooks, op: PlanOp): PlanWorkspace {
    hooks.apply(op);
    return hooks.current();
  }

  private quietly(fn: () => void): void {
    this.applying = true;
    try { fn(); } finally { this.applying = false; }
  }

  private drop(id: string): void {
    this.held.delete(id);
    if (this.draw.hasFeature(id)) this.draw.removeFeatures([id]);
  }
}
