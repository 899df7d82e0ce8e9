import { describe, expect, it } from 'vitest';
import { site, square, workspace } from './fixtures.test-helpers.ts';
import { loadSaved, mergeRemote } from './merge.ts';

describe('mergeRemote from another tab', () => {
  it('takes a newer copy, marked as saved already (not saved or announced again)', () => {
    const ws = workspace([site('a', { updated: 10 })]);
    const { workspace: next, change } = mergeRemote(ws, { change: { op: 'put', site: site('a', { name: 'new', updated: 20 }) }, from: 'tab' });
    expect(next.sites[0].name).toBe('new');
    expect(change).toEqual({ put: [next.sites[0]], removed: [], saved: true });
  });

  it('keeps a newer local edit of the same site', () => {
    const ws = workspace([site('a', { updated: 30 })]);
    expect(mergeRemote(ws, { change: { op: 'put', site: site('a', { updated: 20 }) }, from: 'tab' }).workspace).toBe(ws);
  });

  it('keeps the revision for a rename and raises it above both for a new shape', () => {
    const ws = workspace([site('a', { rev: 4, updated: 1 })]);
    const renamed = mergeRemote(ws, { change: { op: 'put', site: site('a', { name: 'x', rev: 9, updated: 2 }) }, from: 'tab' }).workspace;
    expect(renamed.sites[0].rev).toBe(4);
    const reshaped = mergeRemote(ws, { change: { op: 'put', site: site('a', { geometry: square(116, 26), rev: 2, updated: 2 }) }, from: 'tab' }).workspace;
    expect(reshaped.sites[0].rev).toBe(5);
    const fromOther = mergeRemote(ws, { change: { op: 'put', site: site('a', { geometry: square(116, 26), rev: 9, updated: 2 }) }, from: 'tab' }).workspace;
    expect(fromOther.sites[0].rev).toBe(10);
  });

  it('puts a new site in creation order and removes a deleted one (not onto this tab\'s undo stack)', () => {
    const ws = workspace([site('a', { created: 1 }), site('c', { created: 3 })]);
    const added = mergeRemote(ws, { change: { op: 'put', site: site('b', { created: 2 }) }, from: 'tab' }).workspace;
    expect(added.sites.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    const { workspace: gone, change } = mergeRemote(added, { change: { op: 'remove', id: 'b' }, from: 'tab' });
    expect(gone.sites.map((s) => s.id)).toEqual(['a', 'c']);
    expect(gone.deleted).toEqual([]);
    expect(change).toEqual({ put: [], removed: ['b'], saved: true });
    expect(mergeRemote(gone, { change: { op: 'remove', id: 'b' }, from: 'tab' }).workspace).toBe(gone);
  });
});

describe('mergeRemote from the server', () => {
  it('always takes the server copy (conflicts were settled before), to be saved and announced here', () => {
    const ws = workspace([site('a', { updated: 50 })]);
    const { workspace: next, change } = mergeRemote(ws, { change: { op: 'put', site: site('a', { name: 'server', updated: 20, rev: undefined }) }, from: 'server' });
    expect(next.sites[0]).toMatchObject({ name: 'server', rev: 1 });
    expect(change.saved).toBeUndefined();
    expect(change.put).toHaveLength(1);
  });
});

describe('loadSaved', () => {
  it('puts the saved sites first and keeps sites made before the store answered', () => {
    const early = site('early');
    const ws = workspace([early, site('x', { name: 'stale' })]);
    const { workspace: next, change } = loadSaved(ws, { saved: [site('s1'), site('x', { name: 'saved' })] });
    expect(next.sites.map((s) => [s.id, s.name])).toEqual([['s1', 'site s1'], ['x', 'saved'], ['early', 'site early']]);
    expect(change).toEqual({ put: [], removed: [] });
  });
});
