import { describe, expect, it } from 'vitest';
import { DEFAULT_FACTORS as F } from './factors.ts';
import { methodNotes } from './method-notes.ts';

describe('methodNotes', () => {
  it('lists the parameters behind each figure with their status', () => {
    const notes = methodNotes(F, 'ipcc_bef', ['杉木']);
    const stock = notes.find((n) => n.figure === 'stand carbon stock')!;
    expect(stock.parameters.map((p) => [p.name, p.value, p.status])).toEqual([
      ['杉木 D', 0.307, 'unverified'], ['杉木 BEF', 1.634, 'unverified'], ['杉木 R', 0.246, 'unverified'], ['杉木 CF', 0.52, 'unverified'],
    ]);
    const fang = methodNotes(F, 'fang', ['杉木']).find((n) => n.figure === 'stand carbon stock')!;
    expect(fang.parameters.map((p) => p.value)).toEqual([0.4652, 19.141, 0.5]);
    expect(notes.at(-1)!.figure).toMatch(/not a sink/);
    expect(notes.at(-1)!.parameters.find((p) => p.name === 'grid central_2023')!.value).toBe(0.5271);
  });
});
