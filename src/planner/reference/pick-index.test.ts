import { describe, expect, it } from 'vitest';
import type { Feature, Geometry } from 'geojson';
import { buildPickIndex, meetsBox, pickAt, pickInBox } from './pick-index.ts';

const sq = (x: number, y: number, s: number, props = {}): Feature<Geometry> => ({
  type: 'Feature', properties: props, geometry: { type: 'Polygon', coordinates: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]] },
});

describe('pick index', () => {
  const withHole: Feature<Geometry> = { type: 'Feature', properties: { n: 'holed' }, geometry: { type: 'Polygon', coordinates: [
    [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]] } };
  const index = buildPickIndex([withHole, sq(4.5, 4.5, 1, { n: 'in hole' }), sq(20, 20, 1), { type: 'Feature', properties: {}, geometry: null }]);
  it('finds the polygon under the point and not its hole', () => {
    expect(pickAt(index, 1, 1, 0.001)).toEqual([0]);
    expect(pickAt(index, 5, 5, 0.001).map((i) => index.features[i].properties?.n)).toEqual(['in hole']);
    expect(pickAt(index, 15, 15, 0.001)).toEqual([]);
  });
  it('puts the smaller of overlapping features first', () => {
    const nested = buildPickIndex([sq(0, 0, 10, { n: 'big' }), sq(1, 1, 2, { n: 'small' })]);
    expect(pickAt(nested, 2, 2, 0.001).map((i) => nested.features[i].properties?.n)).toEqual(['small', 'big']);
  });
  it('picks lines within the tolerance', () => {
    const lines = buildPickIndex([{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[0, 0], [10, 0]] } }]);
    expect(pickAt(lines, 5, 0.0005, 0.001)).toEqual([0]);
    expect(pickAt(lines, 5, 0.01, 0.001)).toEqual([]);
  });
});

describe('box pick', () => {
  const index = buildPickIndex([sq(0, 0, 1, { n: 'a' }), sq(2, 0, 1, { n: 'b' }), sq(4, 0, 1, { n: 'c' }), sq(-5, -5, 20, { n: 'around' })]);
  it('picks the features the box touches: a corner inside, an edge crossing, or the box inside a polygon', () => {
    expect(pickInBox(index, [0.5, 0.5, 2.5, 0.6])).toEqual([0, 1, 3]); // crosses a and b; inside "around"
    expect(pickInBox(index, [1.2, 0.2, 1.8, 0.8])).toEqual([3]); // between a and b: only the big one around
    expect(pickInBox(index, [-0.5, 0.4, 5.5, 0.45])).toEqual([0, 1, 2, 3]); // a thin box through all
    expect(pickInBox(index, [30, 30, 31, 31])).toEqual([]);
  });
  it('meetsBox on lines and points', () => {
    expect(meetsBox({ type: 'LineString', coordinates: [[-1, 0.5], [3, 0.5]] }, [1, 0, 2, 1])).toBe(true);
    expect(meetsBox({ type: 'Point', coordinates: [5, 5] }, [1, 0, 2, 1])).toBe(false);
  });
});
