import { describe, expect, it } from 'vitest';
import { duplicateSite } from './duplicate.ts';
import { site, workspace } from './fixtures.test-helpers.ts';

describe('duplicateSite', () => {
  it('copies a site under a new id and name, everything else equal but not shared', () => {
    const a = site('a', { name: '甲', type: '修复', note: 'n', attributes: { MC: '甲' }, rev: 5 });
    const { workspace: next, change } = duplicateSite(workspace([a]), { id: 'a', newId: 'b', suffix: '副本', now: 42 });
    const copy = next.sites[1];
    expect(copy).toMatchObject({ id: 'b', name: '甲 副本', type: '修复', note: 'n', attributes: { MC: '甲' }, created: 42, updated: 42, rev: 1 });
    expect(copy.geometry).toEqual(a.geometry);
    expect(copy.geometry).not.toBe(a.geometry);
    expect(change).toEqual({ put: [copy], removed: [], focus: 'b' });
  });

  it('changes nothing for an unknown id', () => {
    const ws = workspace([site('a')]);
    expect(duplicateSite(ws, { id: 'x', newId: 'y', suffix: 'copy', now: 1 }).workspace).toBe(ws);
  });
});
