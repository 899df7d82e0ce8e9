import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { dissolve } from './dissolve.ts';
import { geodesicArea } from './measure.ts';

const sq = (x: number, y: number, s: number): Polygon => ({ type: 'Polygon', coordinates: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]] });
const ring = (x: number, y: number, s: number, h: number): Polygon => ({
  type: 'Polygon', coordinates: [sq(x, y, s).coordinates[0], [[x + h, y + h], [x + h, y + s - h], [x + s - h, y + s - h], [x + s - h, y + h], [x + h, y + h]]],
});

describe('dissolve', () => {
  it('two stands sharing an edge become one polygon without the shared edge, area the sum', () => {
    const a = sq(115.3, 26.3, 0.01), b = sq(115.31, 26.3, 0.01);
    const m = dissolve([a, b]);
    expect(m.type).toBe('Polygon');
    expect((m as Polygon).coordinates).toHaveLength(1);
    expect((m as Polygon).coordinates[0].length).toBe(7); // the 6 input vertices of the outline (the shared corners kept), closed
    expect(Math.abs(geodesicArea(m) - geodesicArea(a) - geodesicArea(b))).toBeLessThan(1e-9 * geodesicArea(m));
  });
  it('keeps a hole no merged stand fills, and fills it when the inner stand is merged too', () => {
    const outer = ring(115.3, 26.3, 0.03, 0.01), side = sq(115.33, 26.3, 0.01), inner = sq(115.31, 26.31, 0.01);
    const m = dissolve([outer, side]);
    expect(m.type).toBe('Polygon');
    expect((m as Polygon).coordinates).toHaveLength(2);
    expect(Math.abs(geodesicArea(m) - geodesicArea(outer) - geodesicArea(side))).toBeLessThan(1e-9 * geodesicArea(m));
    const filled = dissolve([outer, side, inner]);
    expect((filled as Polygon).coordinates).toHaveLength(1);
  });
  it('stands apart make a MultiPolygon whose area is the sum', () => {
    const parts = [sq(115.3, 26.3, 0.004), sq(115.31, 26.3, 0.004), sq(115.32, 26.31, 0.004)];
    const m = dissolve(parts);
    expect(m.type).toBe('MultiPolygon');
    expect(geodesicArea(m)).toBeCloseTo(parts.reduce((s, p) => s + geodesicArea(p), 0), 3);
  });
  it('refuses nothing to merge', () => expect(() => dissolve([])).toThrow(/no polygons/));
});
