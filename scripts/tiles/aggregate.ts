// Low-zoom stand overview: at county scale a 1–8 ha stand is a pixel or less, and drawing 200k sub-pixel polygons is what
// makes the naive map slow. Below the detail zoom the tiles carry grid squares instead, one per (square, township), with
// the same properties the style and filters read, so the registry's colours and thematic views work unchanged:
//   species, upgrade_type — the value covering most of the square's stand area (upgrade_type absent when "none" wins);
//   pine_wilt — the most severe status present (疫点 > 已除治 > 无), so outbreaks stay visible when zoomed out;
//   upgrade_year — the year by which half of the square's upgraded area was done (area-weighted median), so the year
//     control's filter (registry `time`, src/map/time-filter.ts) turns a square on as its stands mostly are;
//   township_code/township_name — the township filter; stands, area_mu — what the square stands for.
// A square has aggregate: true and no stand id, so it gives no popup and no highlight (MapView ignores it).
import type { Feature, Polygon } from 'geojson';
import { M2_PER_MU } from '../../src/core/geo/units.ts';

export interface StandPoint {
  lon: number;
  lat: number;
  area_m2: number;
  properties: Record<string, unknown>;
}

const WILT_RANK: Record<string, number> = { 无: 0, 已除治: 1, 疫点: 2 };

function argmax(m: Map<unknown, number>): unknown {
  let best: unknown = null;
  let v = -Infinity;
  for (const [k, a] of m) if (a > v) [best, v] = [k, a];
  return best;
}

/** The year by which half of the area in `byYear` (year → m²) was reached. */
export function medianYear(byYear: Map<number, number>): number {
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const half = [...byYear.values()].reduce((x, y) => x + y, 0) / 2;
  let sum = 0;
  for (const y of years) if ((sum += byYear.get(y)!) >= half) return y;
  return years[years.length - 1];
}

/** Squares of about `cellM` metres (equal-angle grid anchored at lon 0 / lat 0, so it is stable whatever the data). */
export function aggregateStands(stands: readonly StandPoint[], cellM: number): Feature<Polygon>[] {
  const lat0 = stands.length ? stands[0].lat : 0;
  const dy = cellM / 111_320;
  const dx = cellM / (111_320 * Math.cos((lat0 * Math.PI) / 180));
  interface Acc { ix: number; iy: number; code: string; name: unknown; n: number; m2: number; species: Map<unknown, number>; upgrade: Map<unknown, number>; upgradeYears: Map<number, number>; wilt: string }
  const cells = new Map<string, Acc>();
  for (const s of stands) {
    const ix = Math.floor(s.lon / dx);
    const iy = Math.floor(s.lat / dy);
    const code = String(s.properties.township_code ?? '');
    const key = `${ix}:${iy}:${code}`;
    let a = cells.get(key);
    if (!a) cells.set(key, (a = { ix, iy, code, name: s.properties.township_name, n: 0, m2: 0, species: new Map(), upgrade: new Map(), upgradeYears: new Map(), wilt: '无' }));
    a.n++;
    a.m2 += s.area_m2;
    const sp = s.properties.species ?? null;
    a.species.set(sp, (a.species.get(sp) ?? 0) + s.area_m2);
    const up = s.properties.upgrade_type ?? null;
    a.upgrade.set(up, (a.upgrade.get(up) ?? 0) + s.area_m2);
    const year = s.properties.upgrade_year;
    if (up !== null && typeof year === 'number' && Number.isFinite(year)) a.upgradeYears.set(year, (a.upgradeYears.get(year) ?? 0) + s.area_m2);
    const w = String(s.properties.pine_wilt ?? '无');
    if ((WILT_RANK[w] ?? 0) > (WILT_RANK[a.wilt] ?? 0)) a.wilt = w;
  }
  const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
  return [...cells.values()]
    .sort((a, b) => a.iy - b.iy || a.ix - b.ix || a.code.localeCompare(b.code))
    .map((a, i) => {
      const [x0, y0, x1, y1] = [r6(a.ix * dx), r6(a.iy * dy), r6((a.ix + 1) * dx), r6((a.iy + 1) * dy)];
      const upgrade = argmax(a.upgrade);
      return {
        type: 'Feature',
        id: i + 1,
        properties: {
          aggregate: true,
          township_code: a.code,
          township_name: a.name,
          species: argmax(a.species),
          ...(upgrade !== null ? { upgrade_type: upgrade } : {}),
          ...(upgrade !== null && a.upgradeYears.size ? { upgrade_year: medianYear(a.upgradeYears) } : {}),
          pine_wilt: a.wilt,
          stands: a.n,
          area_mu: Math.round(a.m2 / M2_PER_MU),
        },
        geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] },
      } as Feature<Polygon>;
    });
}
