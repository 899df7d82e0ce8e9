import type { Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { ids, site, square, workspace } from './fixtures.test-helpers.ts';
import { restoreShare } from './share.ts';

describe('restoreShare', () => {
  it('adds the shared sites, typed when the type is known, and shows the first', () => {
    const { workspace: next, change } = restoreShare(workspace([]), {
      newId: ids(), now: 5,
      sites: [{ name: '甲', type: '风电', note: 'n', geometry: square(115, 26) }, { name: '乙', type: 'wind', note: '', geometry: square(115.1, 26) }],
    });
    expect(next.sites).toHaveLength(2);
    expect(next.sites[0]).toMatchObject({ id: 'n1', name: '甲', type: '风电', note: 'n', origin: 'share', created: 5, rev: 1 });
    expect(next.sites[1].type).toBe('其他');
    expect(change.put).toEqual(next.sites);
    expect(change.focus).toBe('n1');
  });

  it('opening the same link again adds nothing and shows the site already there', () => {
    const have = site('mine', { name: '甲', geometry: square(115, 26) });
    const { workspace: next, change } = restoreShare(workspace([have]), { newId: ids(), now: 5, sites: [{ name: '甲', type: '其他', note: '', geometry: square(115, 26) }] });
    expect(next.sites).toEqual([have]);
    expect(change).toEqual({ put: [], removed: [], focus: 'mine' });
  });

  it('adds a site repeated within the link once, and leaves out a shape that fails the check', () => {
    const bow: Geometry = { type: 'Polygon', coordinates: [[[115, 26], [115.01, 26.01], [115.01, 26], [115, 26.01], [115, 26]]] };
    const twice = { name: '甲', type: '其他', note: '', geometry: square(115, 26) };
    const { workspace: next } = restoreShare(workspace([]), { newId: ids(), now: 5, sites: [twice, { ...twice }, { name: 'bow', type: '其他', note: '', geometry: bow }] });
    expect(next.sites.map((s) => s.name)).toEqual(['甲']);
  });
});
