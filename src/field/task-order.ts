// The task list's order: nearest first from where the walker stands (geodesic distance to the target's centre), tasks
// without a position last, ties by due date (no due date last).
import { distanceBearing } from '../core/field/navigation.ts';
import type { FieldTask } from './field-types.ts';

/** Tasks nearest first from `from` (tasks without a centre last), then by due date. */
export function nearestFirst(tasks: FieldTask[], from: [number, number] | null): { task: FieldTask; distance: number | null; bearing: number | null }[] {
  const rows = tasks.map((task) => {
    if (!from || !task.centre) return { task, distance: null, bearing: null };
    const d = distanceBearing(from, task.centre);
    return { task, distance: d.distance_m, bearing: d.bearing_deg };
  });
  return rows.sort((a, b) => (a.distance ?? Infinity) - (b.distance ?? Infinity) || (a.task.due ?? '9999').localeCompare(b.task.due ?? '9999'));
}
