import { describe, expect, it } from 'vitest';
import { DEFAULT_FACTORS as F } from './factors.ts';
import { methodNotes } from './method-notes.ts';

describe('methodNotes', () => {
  it('follows the selected method: IPCC rows for ipcc_bef, Fang rows (and CF) for fang, never both', () => {
    const notes = methodNotes(F, 'ipcc_bef', ['杉木']);
    const stock = notes.find((n) => n.figure === 'stand carbon stock')!;
    expect(stock.parameters.map((p) => [p.name, p.value, p.status])).toEqual([
      ['杉木 D', 0.307, 'assumption'], ['杉木 BEF', 1.634, 'assumption'], ['杉木 R', 0.246, 'assumption'], ['杉木 CF', 0.52, 'assumption'],
    ]);
    const fang = methodNotes(F, 'fang', ['杉木']).find((n) => n.figure === 'stand carbon stock')!;
    expect(fang.parameters.map((p) => p.value)).toEqual([0.4652, 19.141, 0.5]);
    expect(fang.parameters.map((p) => p.status)).toEqual(['secondary', 'secondary', 'secondary']);
  });

  it('lists every factor kind: growth, consumption by origin, bamboo, 油茶, curve, wetland, mines, avoided — each with an uncertainty', () => {
    const notes = methodNotes(F, 'ipcc_bef', ['杉木', '马尾松', '硬阔']);
    expect(notes.map((n) => n.figure)).toEqual([
      'stand carbon stock', 'stand gross growth', 'stand harvest and mortality', 'bamboo (毛竹)', '油茶', '碳汇造林', 'wetland',
      'mine restoration', 'avoided emissions (estimate) — not a sink',
    ]);
    const cons = notes.find((n) => n.figure === 'stand harvest and mortality')!;
    // 杉木 and 马尾松 have their own rows, 硬阔 uses the default row: 3 rows × 2 origins × (harvest, mortality)
    expect(cons.parameters).toHaveLength(12);
    expect(cons.parameters.find((p) => p.name === 'harvest 杉木 人工')!.value).toBe(0.025);
    const bamboo = notes.find((n) => n.figure === 'bamboo (毛竹)')!;
    expect(bamboo.parameters.map((p) => [p.name, p.value])).toEqual([['density', 40.45], ['net stock change', 1], ['gross production', 6]]);
    for (const n of notes) for (const p of n.parameters) expect(p.uncertainty.length, `${n.figure} ${p.name}`).toBeGreaterThan(0);
    expect(notes.at(-1)!.parameters.find((p) => p.name === 'grid central_2023')!.value).toBe(0.5271);
  });

  it('only the kinds asked for', () => {
    expect(methodNotes(F, 'fang', ['毛竹'], ['bamboo']).map((n) => n.figure)).toEqual(['bamboo (毛竹)']);
  });
});
