// Which cells are forest land, and the stands' identity: village, 林班 (a ~2 km grid, numbered in rows from the north-west)
// and 小班 (numbered in rows inside the 林班). Attributes and programmes are assigned in programmes.ts.
import type { Polygon } from 'geojson';
import { isForest, type StandProperties } from '../../src/core/inventory/schema.ts';
import { M2_PER_MU } from '../../src/core/geo/units.ts';
import { PolygonMask } from './mask.ts';
import { baseAttributes } from './stand-attributes.ts';
import { distanceM, type Context } from './context.ts';
import type { Cell } from './stand-cells.ts';

export interface Stand {
  cell: Cell;
  p: StandProperties;
  /** Set once a programme (carbon, oil tea, upgrade) has claimed the stand. */
  claimed: boolean;
}

/**
 * Forest land = the most upland cells, enough of them to reach `forestLandMu`. Cells under water, wetlands, mines and PV,
 * the county seat's built-up area and the market towns are never forest land.
 */
export function chooseForestLand(ctx: Context, masks: Polygon[], forestLandMu: number, count?: number): Cell[] {
  const seat = ctx.townships.find((t) => t.seat)!.label;
  const towns = ctx.townships.filter((t) => !t.seat).map((t) => t.label);
  const mask = new PolygonMask();
  masks.forEach((p) => mask.add(p));
  const free = ctx.cells.filter(
    (c) => distanceM(ctx, c.site, seat) > 2600 && !towns.some((t) => distanceM(ctx, c.site, t) < 450) && !mask.overlaps(c.geometry, c.site),
  );
  const ranked = free.map((c) => ({ c, s: ctx.land.lowland(c.xy) })).sort((a, b) => b.s - a.s || a.c.index - b.c.index);
  const target = forestLandMu * M2_PER_MU;
  const chosen: Cell[] = [];
  let sum = 0;
  for (const { c } of ranked) {
    // With a count (stress data) the count decides; the spacing was chosen so its area is close to the target.
    if (count !== undefined ? chosen.length === count : sum + c.area_m2 / 2 > target) break;
    chosen.push(c);
    sum += c.area_m2;
  }
  if (count !== undefined && chosen.length < count) throw new Error(`forest land: only ${chosen.length} free cells, ${count} stands wanted`);
  if (count === undefined && chosen.length === ranked.length) throw new Error(`forest land: only ${(sum / M2_PER_MU).toFixed(0)} mu available, ${forestLandMu} wanted`);
  return chosen.sort((a, b) => a.index - b.index);
}

/** Build the stands with identity fields and base attributes. */
export function makeStands(ctx: Context, cells: Cell[]): Stand[] {
  const LIN_BAN_M = 2000;
  const stands: Stand[] = [];
  const byTownship = new Map<number, Cell[]>();
  for (const c of cells) {
    if (!byTownship.has(c.township)) byTownship.set(c.township, []);
    byTownship.get(c.township)!.push(c);
  }
  for (const [ti, list] of [...byTownship].sort((a, b) => a[0] - b[0])) {
    const t = ctx.townships[ti];
    const maxY = Math.max(...list.map((c) => c.xy[1]));
    const minX = Math.min(...list.map((c) => c.xy[0]));
    const key = (c: Cell) => [Math.floor((maxY - c.xy[1]) / LIN_BAN_M), Math.floor((c.xy[0] - minX) / LIN_BAN_M)];
    const groups = new Map<string, Cell[]>();
    for (const c of list) {
      const [row, col] = key(c);
      const k = `${String(row).padStart(3, '0')}:${String(col).padStart(3, '0')}`;
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k)!.push(c);
    }
    let lin = 0;
    for (const k of [...groups.keys()].sort()) {
      lin++;
      // 小班 in rows of ~300 m, west to east, north to south.
      const members = groups.get(k)!.sort((a, b) => Math.floor((maxY - a.xy[1]) / 300) - Math.floor((maxY - b.xy[1]) / 300) || a.xy[0] - b.xy[0]);
      members.forEach((c, i) => {
        const draft = baseAttributes(c.xy, ctx.land, ctx.rng);
        const p: StandProperties = {
          id: `${t.code}-${String(lin).padStart(3, '0')}-${String(i + 1).padStart(3, '0')}`,
          township_code: t.code,
          township_name: t.name,
          village: ctx.villageOfCell[c.index],
          lin_ban: lin,
          xiao_ban: i + 1,
          ...draft,
        };
        stands.push({ cell: c, p, claimed: false });
      });
    }
  }
  return stands;
}

export const standMu = (s: Stand) => s.cell.area_m2 / M2_PER_MU;
export const forestM2 = (stands: Stand[]) => stands.reduce((sum, s) => sum + (isForest(s.p) ? s.cell.area_m2 : 0), 0);
