import { describe, expect, it } from 'vitest';
import { parseSite } from './site.ts';

const good = { id: 'a', name: '甲', type: '光伏', note: '', geometry: { type: 'Polygon', coordinates: [[[115, 26], [115.01, 26], [115.01, 26.01], [115, 26]]] }, origin: '', created: 1, updated: 1 };

describe('parseSite: a stored record is a site or a reason', () => {
  it('reads a good record', () => {
    const s = parseSite(good);
    expect(typeof s).toBe('object');
    expect((s as { name: string }).name).toBe('甲');
  });

  it('gives a record saved before geometry revisions existed revision 1, and keeps a saved one', () => {
    expect((parseSite(good) as { rev: number }).rev).toBe(1);
    expect((parseSite({ ...good, rev: 7 }) as { rev: number }).rev).toBe(7);
    expect((parseSite({ ...good, rev: 'x' }) as { rev: number }).rev).toBe(1);
    expect((parseSite({ ...good, rev: -2 }) as { rev: number }).rev).toBe(1);
  });

  it.each([
    ['not an object', 42, 'not an object'],
    ['no id', { ...good, id: '' }, 'no id'],
    ['no geometry', { ...good, geometry: 'garbage' }, 'no usable geometry'],
    ['unknown type', { ...good, geometry: { type: 'toString', coordinates: [] } }, 'no usable geometry'],
    ['inherited type name', { ...good, geometry: { type: '__proto__', coordinates: [[1, 2]] } }, 'no usable geometry'],
    ['rings that are numbers', { ...good, geometry: { type: 'Polygon', coordinates: [5] } }, 'malformed'],
    ['positions that are strings', { ...good, geometry: { type: 'Polygon', coordinates: [[['a', 'b'], [1, 2]]] } }, 'malformed'],
    ['an empty polygon', { ...good, geometry: { type: 'Polygon', coordinates: [] } }, 'malformed'],
    ['NaN coordinates', { ...good, geometry: { type: 'LineString', coordinates: [[115, 26], [NaN, 26]] } }, 'not finite'],
    ['latitude beyond the pole', { ...good, geometry: { type: 'Point', coordinates: [115, 126] } }, 'beyond'],
  ])('refuses %s', (_what, record, reason) => {
    const s = parseSite(record);
    expect(typeof s).toBe('string');
    expect(s as string).toContain(reason);
  });
});
