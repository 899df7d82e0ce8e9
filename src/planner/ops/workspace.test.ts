import { describe, expect, it } from 'vitest';
import { square } from './fixtures.test-helpers.ts';
import { sameGeometry } from './workspace.ts';

describe('sameGeometry', () => {
  it('compares type and every number in place', () => {
    expect(sameGeometry(square(115, 26), structuredClone(square(115, 26)))).toBe(true);
    expect(sameGeometry(square(115, 26), square(115, 26.000000001))).toBe(false);
    expect(sameGeometry({ type: 'Point', coordinates: [1, 2] }, { type: 'MultiPoint', coordinates: [[1, 2]] })).toBe(false);
    expect(sameGeometry({ type: 'LineString', coordinates: [[1, 2], [3, 4]] }, { type: 'LineString', coordinates: [[1, 2]] })).toBe(false);
    const gc = { type: 'GeometryCollection' as const, geometries: [square(1, 1)] };
    expect(sameGeometry(gc, structuredClone(gc))).toBe(true);
    expect(sameGeometry(gc, { ...gc, geometries: [square(1, 2)] })).toBe(false);
  });
});
