import { describe, expect, it } from 'vitest';
import { nearestSnap } from './snap.ts';

describe('nearestSnap', () => {
  const square = [[0, 0], [100, 0], [100, 100], [0, 100], [0, 0]] as [number, number][];
  it('prefers a vertex within the tolerance', () => {
    expect(nearestSnap([104, 3], [square], 10)).toMatchObject({ kind: 'vertex', index: 1 });
  });
  it('falls back to the nearest point on an edge', () => {
    const hit = nearestSnap([50, 6], [square], 10)!;
    expect(hit).toMatchObject({ kind: 'edge', index: 0 });
    expect(hit.t).toBeCloseTo(0.5);
    expect(hit.distance).toBeCloseTo(6);
  });
  it('returns nothing beyond the tolerance', () => {
    expect(nearestSnap([50, 50], [square], 10)).toBeUndefined();
  });
  it('picks the closer of two rings', () => {
    const other = [[0, 20], [100, 20]] as [number, number][];
    expect(nearestSnap([50, 14], [square, other], 10)).toMatchObject({ ring: 1, kind: 'edge' });
  });
});
