// Input conventions shared by the measurement hot loops: ring closure and the error for bad coordinates.
import type { Position } from 'geojson';

/** Thrown when a coordinate is not a finite longitude/latitude pair with |latitude| ≤ 90. */
export class CoordinateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CoordinateError';
  }
}

/** Throws CoordinateError naming vertex i of `positions`. */
export function badVertex(positions: Position[], i: number): never {
  const p = positions[i];
  const shown = Array.isArray(p) ? `[${p.map(String).join(', ')}]` : String(p);
  throw new CoordinateError(`coordinates are not finite numbers: vertex ${i} is ${shown} (need [lon, lat], |lat| ≤ 90)`);
}

/** Throws CoordinateError for the first vertex among the first n that is not a finite [lon, lat] with |lat| ≤ 90. */
export function checkVertices(positions: Position[], n: number): void {
  for (let i = 0; i < n; i++) {
    const p = positions[i];
    if (!Array.isArray(p) || !Number.isFinite(p[0]) || !(p[1] >= -90 && p[1] <= 90)) badVertex(positions, i);
  }
}

/** Number of distinct vertices, ignoring a repeated closing vertex. */
export function openLength(ring: Position[]): number {
  const n = ring.length;
  if (n < 2) return n;
  const first = ring[0];
  const last = ring[n - 1];
  return first[0] === last[0] && first[1] === last[1] ? n - 1 : n;
}
