import { describe, expect, it } from 'vitest';
import { site, square, workspace } from './fixtures.test-helpers.ts';
import { deleteSite, restoreDrawn, undoDelete } from './remove.ts';
import { DELETED_KEPT } from './workspace.ts';

describe('deleteSite', () => {
  it('removes the site, keeps it for undo and reports the id to delete from storage', () => {
    const ws = workspace([site('a'), site('b')]);
    const { workspace: next, change } = deleteSite(ws, { id: 'a' });
    expect(next.sites.map((s) => s.id)).toEqual(['b']);
    expect(next.deleted).toEqual([ws.sites[0]]);
    expect(change).toEqual({ put: [], removed: ['a'] });
  });

  it(`keeps the last ${DELETED_KEPT} deleted sites`, () => {
    let ws = workspace(Array.from({ length: DELETED_KEPT + 5 }, (_, i) => site(`s${i}`)));
    for (let i = 0; i < DELETED_KEPT + 5; i++) ws = deleteSite(ws, { id: `s${i}` }).workspace;
    expect(ws.deleted).toHaveLength(DELETED_KEPT);
    expect(ws.deleted[0].id).toBe('s5');
  });

  it('changes nothing for an unknown id', () => {
    const ws = workspace([site('a')]);
    expect(deleteSite(ws, { id: 'x' }).workspace).toBe(ws);
  });
});

describe('undoDelete', () => {
  it('brings the last deleted site back as it was, at the end of the list', () => {
    let ws = workspace([site('a', { name: '甲', rev: 6 }), site('b')]);
    ws = deleteSite(ws, { id: 'a' }).workspace;
    const { workspace: next, change } = undoDelete(ws);
    expect(next.sites.map((s) => s.id)).toEqual(['b', 'a']);
    expect(next.sites[1]).toMatchObject({ name: '甲', rev: 6 });
    expect(next.deleted).toEqual([]);
    expect(change).toEqual({ put: [next.sites[1]], removed: [], focus: 'a' });
  });

  it('changes nothing when nothing was deleted', () => {
    const ws = workspace([site('a')]);
    expect(undoDelete(ws).workspace).toBe(ws);
  });
});

describe('restoreDrawn', () => {
  it('makes a feature Terra Draw brought back the deleted site again, with the feature\'s geometry', () => {
    let ws = workspace([site('a', { name: '甲', note: 'n', type: '光伏', rev: 2 })]);
    ws = deleteSite(ws, { id: 'a' }).workspace;
    const { workspace: next, change } = restoreDrawn(ws, { id: 'a', geometry: square(115.2, 26), now: 30 });
    expect(next.sites[0]).toMatchObject({ id: 'a', name: '甲', note: 'n', type: '光伏', geometry: square(115.2, 26), updated: 30, rev: 3 });
    expect(next.deleted).toEqual([]);
    expect(change).toEqual({ put: [next.sites[0]], removed: [], drawn: true });
  });

  it('changes nothing for an id that was never deleted', () => {
    const ws = workspace([]);
    expect(restoreDrawn(ws, { id: 'q', geometry: square(1, 1), now: 1 }).workspace).toBe(ws);
  });
});
