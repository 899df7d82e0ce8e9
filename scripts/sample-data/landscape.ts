// The synthetic landscape the layers are laid out on: a "lowland" score (near rivers, the county seat and market towns:
// farmland and built-up land) and an "upland" score (far from valleys: mountains, where 杉木 and broadleaf grow).
import type { Position } from 'geojson';
import type { Rng } from '../../src/core/random.ts';
import { Grid, distanceField, valueNoise } from './field.ts';
import type { LocalProjection } from './geom.ts';
import type { River } from './rivers.ts';

export interface Landscape {
  /** Low values: valley floors and towns (non-forest); high values: hills. Roughly 0–2. */
  lowland(xy: [number, number]): number;
  /** 0 (valley) … 1 (ridge). */
  upland(xy: [number, number]): number;
  /** Independent smooth noise in [0, 1) for patchiness, one field per key. */
  patch(key: string, xy: [number, number]): number;
}

function densify(proj: LocalProjection, coords: Position[], stepM: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 1; i < coords.length; i++) {
    const a = proj.toXY(coords[i - 1]);
    const b = proj.toXY(coords[i]);
    const n = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / stepM));
    for (let k = 0; k < n; k++) out.push([a[0] + ((b[0] - a[0]) * k) / n, a[1] + ((b[1] - a[1]) * k) / n]);
  }
  return out;
}

export function makeLandscape(
  proj: LocalProjection,
  bbox: [number, number, number, number],
  rivers: River[],
  seat: Position,
  towns: Position[],
  rng: Rng,
): Landscape {
  const cell = 200;
  const [x0, y0] = proj.toXY([bbox[0], bbox[1]]);
  const [x1, y1] = proj.toXY([bbox[2], bbox[3]]);
  const grid = new Grid(x0 - 1000, y0 - 1000, cell, Math.ceil((x1 - x0 + 2000) / cell), Math.ceil((y1 - y0 + 2000) / cell));
  const byOrder = (o: number) => rivers.filter((r) => r.order === o).flatMap((r) => densify(proj, r.coords, cell / 2));
  const d1 = distanceField(grid, byOrder(1));
  const d2 = distanceField(grid, byOrder(2));
  const d3 = distanceField(grid, byOrder(3));
  const dTown = distanceField(grid, towns.map((p) => proj.toXY(p)));
  const seatXY = proj.toXY(seat);
  const relief = valueNoise(grid, rng.fork('relief'), 9000, 4);
  const fine = valueNoise(grid, rng.fork('fine'), 2500, 3);
  const patches = new Map<string, Grid>();
  return {
    lowland([x, y]) {
      const valley = Math.min(d1.sample(x, y) / 2300, d2.sample(x, y) / 1300, d3.sample(x, y) / 550);
      const town = Math.min(Math.hypot(x - seatXY[0], y - seatXY[1]) / 5200, dTown.sample(x, y) / 1500);
      return Math.min(valley, town) + 1.3 * (fine.sample(x, y) - 0.5) + 0.7 * (relief.sample(x, y) - 0.5);
    },
    upland([x, y]) {
      const valley = Math.min(1, Math.min(d1.sample(x, y) / 9000, d2.sample(x, y) / 6000, d3.sample(x, y) / 3000));
      return Math.max(0, Math.min(1, 0.55 * valley + 0.45 * relief.sample(x, y)));
    },
    patch(key, [x, y]) {
      if (!patches.has(key)) patches.set(key, valueNoise(grid, rng.fork(`patch:${key}`), 3500, 3));
      return patches.get(key)!.sample(x, y);
    },
  };
}
