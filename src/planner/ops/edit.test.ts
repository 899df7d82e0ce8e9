import { describe, expect, it } from 'vitest';
import { editDetails, editGeometry } from './edit.ts';
import { site, square, workspace } from './fixtures.test-helpers.ts';

describe('editGeometry', () => {
  it('reshapes a site and raises its revision', () => {
    const ws = workspace([site('a', { rev: 4 }), site('b')]);
    const { workspace: next, change } = editGeometry(ws, { id: 'a', geometry: square(115.5, 26), now: 77 });
    expect(next.sites[0]).toMatchObject({ id: 'a', geometry: square(115.5, 26), updated: 77, rev: 5 });
    expect(next.sites[1]).toBe(ws.sites[1]);
    expect(change).toEqual({ put: [next.sites[0]], removed: [], drawn: true });
  });

  it('counts a site saved before revisions existed as revision 1', () => {
    const { rev: _rev, ...old } = site('a');
    const { workspace: next } = editGeometry(workspace([old]), { id: 'a', geometry: square(116, 26), now: 1 });
    expect(next.sites[0].rev).toBe(2);
  });

  it('changes nothing for the same shape (a selection or styling change in Terra Draw) or an unknown id', () => {
    const ws = workspace([site('a')]);
    expect(editGeometry(ws, { id: 'a', geometry: structuredClone(square(115, 26)), now: 5 }).workspace).toBe(ws);
    expect(editGeometry(ws, { id: 'zz', geometry: square(116, 26), now: 5 }).workspace).toBe(ws);
  });
});

describe('editDetails', () => {
  it('renames, retypes and annotates without touching the geometry revision', () => {
    const ws = workspace([site('a', { rev: 3 })]);
    const { workspace: next, change } = editDetails(ws, { id: 'a', details: { name: '东坡', type: '造林', note: '坡度 < 25°' }, now: 8 });
    expect(next.sites[0]).toMatchObject({ name: '东坡', type: '造林', note: '坡度 < 25°', updated: 8, rev: 3, geometry: square(115, 26) });
    expect(change.put).toEqual([next.sites[0]]);
    expect(change.drawn).toBeUndefined();
  });

  it('takes only name, type and note from what it is given', () => {
    const ws = workspace([site('a')]);
    const sneaky = { name: 'x', id: 'other', geometry: square(0, 0), rev: 99 } as never;
    const { workspace: next } = editDetails(ws, { id: 'a', details: sneaky, now: 2 });
    expect(next.sites[0]).toMatchObject({ id: 'a', name: 'x', rev: 1, geometry: square(115, 26) });
  });
});
