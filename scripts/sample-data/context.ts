// What the generator's stages share: projection, seeded randomness, townships with their indexes, cells and landscape.
import type { Position } from 'geojson';
import type { Rng } from '../../src/core/random.ts';
import type { EdgeIndex } from './edge-index.ts';
import type { LocalProjection } from './geom.ts';
import type { Landscape } from './landscape.ts';
import type { Placer } from './placement.ts';
import type { River } from './rivers.ts';
import type { Cell } from './stand-cells.ts';
import type { Township } from './townships.ts';

export interface Context {
  proj: LocalProjection;
  rng: Rng;
  townships: Township[];
  townshipIndex: EdgeIndex[];
  cells: Cell[];
  rivers: River[];
  land: Landscape;
  placer: Placer;
  /** Village of each cell (index = cell index). */
  villageOfCell: string[];
}

export function townshipByName(ctx: Pick<Context, 'townships'>, name: string): number {
  const i = ctx.townships.findIndex((t) => t.name === name);
  if (i < 0) throw new Error(`no township named ${name}`);
  return i;
}

export function townshipAt(ctx: Pick<Context, 'townshipIndex'>, p: Position): number {
  return ctx.townshipIndex.findIndex((ix) => ix.contains(p[0], p[1]));
}

/** Metres between two lon/lat points (layout only). */
export function distanceM(ctx: Pick<Context, 'proj'>, a: Position, b: Position): number {
  const [p, q] = [ctx.proj.toXY(a), ctx.proj.toXY(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1]);
}
