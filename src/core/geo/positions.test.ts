import type { Geometry, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { bboxOf, eachPath, eachPosition, mapPositions, positionsOf, vertexCount } from './positions.ts';
import { countPositions } from './validate.ts';
import { validateCoordinates } from './measure.ts';

const square = (x: number, y: number, s = 1): Position[] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];
const ALL: Geometry = {
  type: 'GeometryCollection',
  geometries: [
    { type: 'Point', coordinates: [5, 6] },
    { type: 'MultiPoint', coordinates: [[1, 1], [2, 2]] },
    { type: 'LineString', coordinates: [[0, 0], [3, -1]] },
    { type: 'MultiLineString', coordinates: [[[0, 0], [1, 0]], [[0, 1], [1, 1], [2, 1]]] },
    { type: 'Polygon', coordinates: [square(10, 10, 4), square(11, 11)] },
    { type: 'MultiPolygon', coordinates: [[square(-5, -5)], [square(20, 20, 2), square(20.5, 20.5, 0.5)]] },
  ],
};

describe('eachPath', () => {
  it('visits every ring, line and point list once, with its kind and place', () => {
    const seen: string[] = [];
    eachPath(ALL, (ps, kind, i, polygon) => { seen.push(`${kind} ${i} ${polygon} ${ps.length}`); });
    expect(seen).toEqual([
      'points -1 -1 1', 'points -1 -1 2', 'line -1 -1 2', 'line 0 -1 2', 'line 1 -1 3',
      'ring 0 -1 5', 'ring 1 -1 5', 'ring 0 0 5', 'ring 0 1 5', 'ring 1 1 5',
    ]);
  });

  it('stops when the callback says so', () => {
    let n = 0;
    expect(eachPath(ALL, () => ++n === 3)).toBe(true);
    expect(n).toBe(3);
    expect(eachPath(null, () => true)).toBe(false);
  });
});

describe('the uses', () => {
  it('counts positions (closing ones included) and vertices (closing ones not)', () => {
    // 1 + 2 + 2 + (2 + 3) + (5 + 5) + (5 + 5 + 5) = 35 positions, of which 5 rings close
    expect(countPositions(ALL)).toBe(35);
    let n = 0;
    eachPosition(ALL, () => n++);
    expect(n).toBe(35);
    expect([...positionsOf(ALL)]).toHaveLength(35);
    expect(vertexCount(ALL)).toBe(30);
    expect(vertexCount({ type: 'Polygon', coordinates: [[]] })).toBe(0);
  });

  it('finds the bounding box over every member, null when there is nothing', () => {
    expect(bboxOf(ALL)).toEqual([-5, -5, 22, 22]);
    expect(bboxOf({ type: 'Point', coordinates: [3, 4] })).toEqual([3, 4, 3, 4]);
    expect(bboxOf({ type: 'MultiPolygon', coordinates: [] })).toBeNull();
    expect(bboxOf(undefined)).toBeNull();
  });

  it('maps every position into new arrays, keeping the shape', () => {
    const moved = mapPositions(ALL, (p) => [p[0] + 100, p[1]]);
    expect(bboxOf(moved)).toEqual([95, -5, 122, 22]);
    expect(bboxOf(ALL)).toEqual([-5, -5, 22, 22]); // the input is untouched
    const seen: string[] = [];
    eachPath(moved, (ps, kind, i, polygon) => { seen.push(`${kind} ${i} ${polygon} ${ps.length}`); });
    expect(seen).toHaveLength(10);
  });

  it('names the bad vertex by its place (validateCoordinates)', () => {
    expect(validateCoordinates(ALL)).toBeNull();
    expect(validateCoordinates({ type: 'MultiPolygon', coordinates: [[square(0, 0)], [square(1, 1), [[0, 0], [NaN, 26], [1, 1], [0, 0]]]] }))
      .toBe('coordinates are not finite numbers: polygon 1 ring 1 vertex 1 is [NaN, 26]');
    expect(validateCoordinates({ type: 'MultiLineString', coordinates: [[[0, 0], [1, 95]]] })).toBe('line 0 vertex 1 has latitude 95, beyond ±90°');
    expect(validateCoordinates({ type: 'Point', coordinates: [0, Infinity] })).toMatch(/^coordinates are not finite numbers: point vertex 0/);
  });
});
