import { describe, expect, it } from 'vitest';
import { addDrawn, addTyped } from './add.ts';
import { site, square, workspace } from './fixtures.test-helpers.ts';
import { EMPTY_WORKSPACE } from './workspace.ts';

describe('addDrawn', () => {
  it('adds a drawn feature as a site under its Terra Draw id, named 地块 N, revision 1, to be saved and shown', () => {
    const { workspace: ws, change } = addDrawn(EMPTY_WORKSPACE, { id: 'f1', geometry: square(115, 26), mode: 'rectangle', label: '地块', now: 50 });
    expect(ws.sites).toHaveLength(1);
    expect(ws.sites[0]).toMatchObject({ id: 'f1', name: '地块 1', type: '其他', origin: 'draw:rectangle', created: 50, updated: 50, rev: 1 });
    expect(change).toEqual({ put: [ws.sites[0]], removed: [], drawn: true, focus: 'f1' });
    expect(EMPTY_WORKSPACE.sites).toHaveLength(0); // the input is not modified
  });

  it('numbers on from the sites there are and never reuses a number in the session', () => {
    let ws = workspace([site('a'), site('b')]);
    ws = addDrawn(ws, { id: 'c', geometry: square(115, 26), mode: 'polygon', label: 'Site', now: 1 }).workspace;
    expect(ws.sites[2].name).toBe('Site 3');
    ws = { ...ws, sites: ws.sites.slice(1) }; // one deleted: the next is still 4, not 3 again
    ws = addDrawn(ws, { id: 'd', geometry: square(115, 26), mode: 'polygon', label: 'Site', now: 1 }).workspace;
    expect(ws.sites.at(-1)!.name).toBe('Site 4');
  });

  it('does nothing for an id the workspace already has', () => {
    const ws = workspace([site('a')]);
    const r = addDrawn(ws, { id: 'a', geometry: square(116, 26), mode: 'polygon', label: '地块', now: 1 });
    expect(r.workspace).toBe(ws);
    expect(r.change).toEqual({ put: [], removed: [] });
  });
});

describe('addTyped', () => {
  it('stores typed coordinates at Terra Draw precision (9 decimals) with the form text as note', () => {
    const g = { type: 'Point' as const, coordinates: [115.1234567891234, 26.9876543210987] };
    const { workspace: ws, change } = addTyped(EMPTY_WORKSPACE, { id: 't', geometry: g, note: '115.12, 26.98', label: '地块', now: 9 });
    expect(ws.sites[0].geometry).toEqual({ type: 'Point', coordinates: [115.123456789, 26.987654321] });
    expect(ws.sites[0]).toMatchObject({ name: '地块 1', note: '115.12, 26.98', origin: 'coords', rev: 1 });
    expect(change.focus).toBe('t');
    expect(change.drawn).toBeUndefined(); // Terra Draw does not have it yet
  });
});
