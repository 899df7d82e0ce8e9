import type { Feature, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { ids, site, square, workspace } from './fixtures.test-helpers.ts';
import { importFeatures } from './import.ts';

const feature = (properties: Record<string, unknown> | null, geometry: Geometry = square(115, 26)): Feature<Geometry> => ({ type: 'Feature', geometry, properties });

describe('importFeatures', () => {
  it('makes one site per feature, named and noted from its attributes, typed when it carries a site type', () => {
    const ws = workspace([site('old')]);
    const { workspace: next, change } = importFeatures(ws, {
      file: 'fields.kml', lang: 'zh', newId: ids(), now: 1000,
      features: [feature({ MC: '东坡', BZ: '缓坡', type: '光伏', area: 12 }), feature({ XIAO_BAN: '7', LIN_BAN: '3', type: 'solar' }), feature(null)],
    });
    expect(next.sites.map((s) => s.id)).toEqual(['old', 'n1', 'n2', 'n3']);
    expect(next.sites[1]).toMatchObject({ name: '东坡', note: '缓坡', type: '光伏', origin: 'import:fields.kml', attributes: { MC: '东坡', BZ: '缓坡', type: '光伏', area: '12' }, created: 1000, rev: 1 });
    expect(next.sites[2]).toMatchObject({ name: '3 林班 7 小班', type: '其他', created: 1001 });
    expect(next.sites[3]).toMatchObject({ name: 'fields.kml #3', note: '' });
    expect(next.sites[3].attributes).toBeUndefined();
    expect(change.put).toEqual(next.sites.slice(1));
    expect(change.focus).toBe('n1');
  });

  it('names stand-numbered features in English when the UI is English', () => {
    const { workspace: next } = importFeatures(workspace([]), { file: 'f.shp', lang: 'en', newId: ids(), now: 1, features: [feature({ xiao_ban: '12' })] });
    expect(next.sites[0].name).toBe('stand 12');
  });

  it('stores editable shapes at Terra Draw precision and leaves multi-part shapes as they are', () => {
    const fine: Geometry = { type: 'LineString', coordinates: [[115.00000000049, 26], [115.1, 26.1]] };
    const multi: Geometry = { type: 'MultiPoint', coordinates: [[115.00000000049, 26]] };
    const { workspace: next } = importFeatures(workspace([]), { file: 'f', lang: 'zh', newId: ids(), now: 1, features: [feature({}, fine), feature({}, multi)] });
    expect(next.sites[0].geometry).toEqual({ type: 'LineString', coordinates: [[115, 26], [115.1, 26.1]] });
    expect(next.sites[1].geometry).toEqual(multi);
  });

  it('an empty file changes nothing to save', () => {
    const { change } = importFeatures(workspace([]), { file: 'f', lang: 'zh', newId: ids(), now: 1, features: [] });
    expect(change).toEqual({ put: [], removed: [], focus: undefined });
  });
});

describe('sites from a reference layer or the planner\'s own CSV', () => {
  it('takes the origin, name and note the caller gives (a merge of stands)', () => {
    const { workspace: next } = importFeatures(workspace([]), { file: '二类', lang: 'zh', newId: ids(), now: 1, origin: 'ref:L1:二类', name: '合并地块（3 个小班）', note: '由 3 个小班合并', features: [feature({ LIN_BAN: '1', XIAO_BAN: '2' })] });
    expect(next.sites[0]).toMatchObject({ origin: 'ref:L1:二类', name: '合并地块（3 个小班）', note: '由 3 个小班合并' });
  });
  it('reads the bilingual headers of the sites CSV (名称 name, 类型 type, 备注 note)', () => {
    const { workspace: next } = importFeatures(workspace([]), { file: 'sites.csv', lang: 'zh', newId: ids(), now: 1, features: [feature({ '名称 name': '光伏一号', '类型 type': '光伏', '备注 note': '东坡' })] });
    expect(next.sites[0]).toMatchObject({ name: '光伏一号', type: '光伏', note: '东坡' });
  });
});
