// The field page's pure pieces: the task order and the accuracy circle, checked against the geodesic distance.
import { describe, expect, it } from 'vitest';
import { distanceBearing } from '../core/field/navigation.ts';
import type { FieldTask } from './field-types.ts';
import { accuracyCircle, gpsFeatures } from './gps-overlay.ts';
import { nearestFirst } from './task-order.ts';

const task = (id: string, centre: [number, number] | null, due: string | null): FieldTask => ({
  id, target: { kind: 'patch', layer: null, id, name: id }, township_code: null, centre, due, note: '', status: 'open',
});

describe('nearestFirst', () => {
  it('orders by distance from the walker, tasks without a position last, ties by due date', () => {
    const here: [number, number] = [115.35, 26.33];
    const tasks = [task('far', [115.40, 26.33], '2026-01-01'), task('none-late', null, '2026-12-01'), task('near', [115.351, 26.33], null), task('none-early', null, '2026-02-01'), task('mid', [115.36, 26.34], null)];
    const rows = nearestFirst(tasks, here);
    expect(rows.map((r) => r.task.id)).toEqual(['near', 'mid', 'far', 'none-early', 'none-late']);
    expect(rows[0].distance).toBeCloseTo(distanceBearing(here, [115.351, 26.33]).distance_m, 6);
    expect(rows[0].bearing).toBeCloseTo(90, 0);
  });
  it('without a position, by due date', () => {
    expect(nearestFirst([task('b', [115, 26], '2026-05-01'), task('a', [116, 26], '2026-03-01')], null).map((r) => r.task.id)).toEqual(['a', 'b']);
  });
});

describe('accuracy circle', () => {
  it('has the reported accuracy as its radius (geodesic, within 0.5 %)', () => {
    const fix = { lon: 115.35, lat: 26.33, accuracy: 25, time: 0 };
    for (const p of accuracyCircle(fix).coordinates[0]) expect(Math.abs(distanceBearing([fix.lon, fix.lat], p).distance_m - 25)).toBeLessThan(0.125);
  });
  it('draws the position, its circle, the track and the target with their roles', () => {
    const fc = gpsFeatures({ lon: 115, lat: 26, accuracy: 5, time: 0 }, [[115, 26], [115.001, 26]], null, [115.01, 26.01]);
    expect(fc.features.map((f) => f.properties!.role).sort()).toEqual(['accuracy', 'position', 'target', 'track']);
  });
});
