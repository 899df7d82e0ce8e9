import type { Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { applyOp, type PlanOp } from '../ops/apply.ts';
import { site, square } from '../ops/fixtures.test-helpers.ts';
import { EMPTY_WORKSPACE, type PlanWorkspace } from '../ops/workspace.ts';
import { DrawSync, type DrawLike } from './draw-sync.ts';

type F = { id: string; geometry: Geometry; properties: Record<string, unknown> };

/** A Terra Draw stand-in: a feature store that counts calls and reports its changes like Terra Draw does. */
class FakeDraw implements DrawLike {
  features = new Map<string, F>();
  calls: string[] = [];
  onChange: (ids: string[]) => void = () => {};
  refuse = new Set<string>();
  hasFeature(id: string) { return this.features.has(id); }
  addFeatures(fs: F[]) {
    this.calls.push(`add ${fs.map((f) => f.id).join(',')}`);
    const out = fs.map((f) => ({ id: f.id, valid: !this.refuse.has(f.id) }));
    for (const f of fs) if (!this.refuse.has(f.id)) this.features.set(f.id, structuredClone(f));
    this.onChange(fs.map((f) => f.id));
    return out;
  }
  updateFeatureGeometry(id: string, geometry: Geometry) {
    this.calls.push(`update ${id}`);
    this.features.get(id)!.geometry = structuredClone(geometry);
    this.onChange([id]);
  }
  removeFeatures(ids: string[]) {
    this.calls.push(`remove ${ids.join(',')}`);
    for (const id of ids) this.features.delete(id);
    this.onChange(ids);
  }
  getSnapshotFeature(id: string) { const f = this.features.get(id); return f && structuredClone(f); }
  /** The planner's own edit in Terra Draw (a drag, a drawing finished, a delete key). */
  user(id: string, f: F | null) {
    if (f) this.features.set(id, f); else this.features.delete(id);
    this.onChange([id]);
  }
}

function setup(sites = [site('a'), site('b')]) {
  const draw = new FakeDraw();
  const sync = new DrawSync(draw, 'measure');
  draw.onChange = (ids) => sync.changed(ids);
  let ws: PlanWorkspace = { ...EMPTY_WORKSPACE, sites };
  const refused: string[] = [];
  const apply = (op: PlanOp) => {
    const r = applyOp(ws, op);
    ws = r.workspace;
    sync.afterChange(r.change, ws.sites);
    return r.change;
  };
  const reconcile = () => sync.reconcile({ apply, current: () => ws, refused: (_zh, en) => refused.push(en), label: 'Site', now: 99 });
  sync.sync(ws.sites);
  draw.calls = [];
  return { draw, sync, apply, reconcile, refused, ws: () => ws };
}

describe('DrawSync: workspace → Terra Draw by revision', () => {
  it('loads every editable site in one call and leaves multi-part ones to the site layers', () => {
    const draw = new FakeDraw();
    const sync = new DrawSync(draw, 'measure');
    const multi = site('m', { geometry: { type: 'MultiPolygon', coordinates: [square(1, 1).coordinates] } });
    sync.sync([site('a'), site('b'), multi]);
    expect(draw.calls).toEqual(['add a,b']);
    expect([...sync.held].sort()).toEqual(['a', 'b']);
  });

  it('touches Terra Draw only for a new revision: a rename from another tab leaves it alone, a new shape updates it', () => {
    const t = setup();
    t.apply({ op: 'merge-remote', from: 'tab', change: { op: 'put', site: site('a', { name: 'renamed', updated: 5 }) } });
    expect(t.draw.calls).toEqual([]);
    t.apply({ op: 'merge-remote', from: 'tab', change: { op: 'put', site: site('a', { geometry: square(116, 26), updated: 6 }) } });
    expect(t.draw.calls).toEqual(['update a']);
    expect(t.draw.features.get('a')!.geometry).toEqual(square(116, 26));
  });

  it('removes the feature of a deleted site and brings it back on undo delete', () => {
    const t = setup();
    t.apply({ op: 'delete', id: 'a' });
    expect(t.draw.calls).toEqual(['remove a']);
    t.apply({ op: 'undo-delete' });
    expect(t.draw.calls).toEqual(['remove a', 'add a']);
    expect(t.sync.held.has('a')).toBe(true);
  });

  it('hands a site that became multi-part to the site layers, and does not retry a refused one at the same revision', () => {
    const t = setup();
    t.apply({ op: 'merge-remote', from: 'server', change: { op: 'put', site: site('a', { geometry: { type: 'MultiPolygon', coordinates: [square(1, 1).coordinates] } }) } });
    expect(t.draw.calls).toEqual(['remove a']);
    expect(t.sync.held.has('a')).toBe(false);
    t.draw.refuse.add('c');
    t.apply({ op: 'add-typed', id: 'c', geometry: square(2, 2), note: '', label: 'Site', now: 1 });
    t.apply({ op: 'edit-details', id: 'c', details: { name: 'x' }, now: 2 });
    expect(t.draw.calls.filter((c) => c.includes('c'))).toEqual(['add c']);
  });
});

describe('DrawSync: Terra Draw → workspace by the ids it reports', () => {
  it('makes a finished drawing a new site and ignores our own additions as edits', () => {
    const t = setup();
    t.draw.user('new', { id: 'new', geometry: square(115.5, 26), properties: { mode: 'polygon' } });
    expect(t.reconcile()).toBe('new');
    expect(t.ws().sites.at(-1)).toMatchObject({ id: 'new', name: 'Site 3', origin: 'draw:polygon', rev: 1 });
    expect(t.draw.calls).toEqual([]); // Terra Draw has it already: nothing is pushed back
    expect(t.reconcile()).toBeNull(); // nothing left to do
  });

  it('saves a reshaped site with a new revision, and a selection that changed nothing not at all', () => {
    const t = setup();
    t.draw.user('a', { id: 'a', geometry: square(115, 26), properties: { mode: 'polygon', selected: true } });
    t.reconcile();
    expect(t.ws().sites[0].rev).toBe(1);
    t.draw.user('a', { id: 'a', geometry: square(115.002, 26), properties: { mode: 'polygon' } });
    t.reconcile();
    expect(t.ws().sites[0]).toMatchObject({ geometry: square(115.002, 26), rev: 2, updated: 99 });
    expect(t.draw.calls).toEqual([]);
  });

  it('deletes a site whose feature was deleted, and brings it back with its name when Terra Draw undoes that', () => {
    const t = setup([site('a', { name: '甲', type: '光伏' })]);
    t.draw.user('a', null);
    t.reconcile();
    expect(t.ws().sites).toEqual([]);
    t.draw.user('a', { id: 'a', geometry: square(115, 26), properties: { mode: 'polygon' } });
    t.reconcile();
    expect(t.ws().sites[0]).toMatchObject({ id: 'a', name: '甲', type: '光伏', rev: 2 });
    expect(t.ws().deleted).toEqual([]);
  });

  it('refuses a self-intersecting edit and puts the saved shape back in Terra Draw', () => {
    const t = setup();
    const bow: Geometry = { type: 'Polygon', coordinates: [[[115, 26], [115.01, 26.01], [115.01, 26], [115, 26.01], [115, 26]]] };
    t.draw.user('a', { id: 'a', geometry: bow, properties: { mode: 'polygon' } });
    t.reconcile();
    expect(t.refused[0]).toMatch(/^Edit refused/);
    expect(t.ws().sites[0].geometry).toEqual(square(115, 26));
    expect(t.draw.features.get('a')!.geometry).toEqual(square(115, 26));
    expect(t.reconcile()).toBeNull(); // putting it back is not an edit
    expect(t.ws().sites[0].rev).toBe(1);
  });

  it('waits for a drawing to finish, and never makes a site of a measurement or a vertex handle', () => {
    const t = setup();
    t.draw.user('p', { id: 'p', geometry: square(115.5, 26), properties: { mode: 'polygon', currentlyDrawing: true } });
    t.draw.user('m', { id: 'm', geometry: { type: 'LineString', coordinates: [[115, 26], [115.1, 26]] }, properties: { mode: 'measure' } });
    t.draw.user('h', { id: 'h', geometry: { type: 'Point', coordinates: [115, 26] }, properties: { mode: 'select', selectionPoint: true } });
    t.reconcile();
    expect(t.ws().sites.map((s) => s.id)).toEqual(['a', 'b']);
    t.draw.user('p', { id: 'p', geometry: square(115.5, 26), properties: { mode: 'polygon' } });
    t.reconcile();
    expect(t.ws().sites.map((s) => s.id)).toEqual(['a', 'b', 'p']);
  });
});
