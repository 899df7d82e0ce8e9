import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PLAN_TARGETS } from './targets.ts';

// The plan's text is kept in the repository (data/plan/), so the quotes are checked on any clean clone. Whitespace is the only thing normalised: the plan's text
// has line breaks in mid-sentence.
const SEED = new URL('../../../data/plan/xingguo-carbon-peak-plan.txt', import.meta.url);
const squash = (s: string) => s.replace(/\s+/g, '');

describe('plan-target registry', () => {
  const plan = squash(readFileSync(SEED, 'utf8'));

  it.each(PLAN_TARGETS.map((t) => [t.id, t] as const))('%s: quote occurs verbatim in the plan', (_id, t) => {
    expect(t.quote.length).toBeGreaterThan(5);
    expect(plan).toContain(squash(t.quote));
  });

  it('ids are unique and every target has both languages, a section and a base unit', () => {
    expect(new Set(PLAN_TARGETS.map((t) => t.id)).size).toBe(PLAN_TARGETS.length);
    for (const t of PLAN_TARGETS) {
      expect(t.text_zh).toMatch(/[\u4e00-\u9fff]/);
      expect(t.text_en).toMatch(/^[A-Z][a-z]/);
      expect(t.section).toMatch(/^[一二三四五]\([一二三四五六七八九十]+\)\d$/);
      expect(['mu', 'm3', 'kW', '%', 'count']).toContain(t.unit);
    }
  });

  it('万 figures are converted to base units (the 750,000 mu total equals its four parts)', () => {
    const v = (id: string) => PLAN_TARGETS.find((t) => t.id === id)!.target;
    expect(v('low_yield_forest_upgrade')).toBe(75 * 10_000);
    expect(v('low_yield_renewal') + v('low_yield_replanting') + v('low_yield_tending') + v('low_yield_closure')).toBe(v('low_yield_forest_upgrade'));
    expect(v('forest_land')).toBe(370 * 10_000);
    expect(v('forest_stock')).toBe(1300 * 10_000);
    expect(v('new_energy_capacity')).toBe(60 * 10_000);
    // each target figure also appears in its quote in the plan's own notation
    const figures: Record<string, string> = {
      low_yield_forest_upgrade: '75万亩', low_yield_renewal: '3万亩', low_yield_replanting: '15万亩', low_yield_tending: '15万亩',
      low_yield_closure: '42万亩', oil_tea_new: '2万亩', oil_tea_upgrade: '5万亩', forest_coverage: '75.33%',
      forest_land: '370万亩', forest_stock: '1300万立方米', carbon_afforestation: '1万亩', new_energy_capacity: '60万千瓦时',
      pv_changgang_agri_200: '200MW', pv_gaoxing_agri_100: '100MW',
    };
    for (const [id, fig] of Object.entries(figures)) expect(PLAN_TARGETS.find((t) => t.id === id)!.quote).toContain(fig);
  });

  it('a PV project’s target is its capacity in kW', () => {
    const pv = PLAN_TARGETS.filter((t) => t.rule.id === 'pv_project');
    expect(pv).toHaveLength(4);
    for (const t of pv) expect(t.target).toBe((t.rule as { capacity_mw: number }).capacity_mw * 1000);
  });

  it('the capacity target notes the plan’s unit slip', () => {
    expect(PLAN_TARGETS.find((t) => t.id === 'new_energy_capacity')!.note).toMatch(/unit slip/);
  });
});
