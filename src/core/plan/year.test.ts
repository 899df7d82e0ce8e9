// The year parameter: every year-dependent target counts only work done by the end of the chosen year (never past its
// own deadline), and the default year is the data's as-of year. Expectations come from the fixture's specs directly.
import { describe, expect, it } from 'vitest';
import { computeProgress } from './progress.ts';
import { fixtureLayers, MU, refArea, STAND_SPECS, standRing } from './fixture.testutil.ts';
import { DATA_AS_OF_YEAR, parseYear } from './years.ts';

const layers = fixtureLayers();
const A = STAND_SPECS.map((s) => refArea(standRing(s)));
const near = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-8 * Math.abs(expected) + 1e-9);
const at = (year?: number) => computeProgress(layers, year === undefined ? {} : { asOfYear: year });
const T = (p: ReturnType<typeof at>, id: string) => p.targets.find((t) => t.id === id)!;

/** Upgrade area (mu) done by the end of `year`, straight from the specs. */
const upgradedBy = (year: number) => STAND_SPECS.reduce((s, [, , , o], i) => (o.upgrade_type && o.upgrade_year != null && o.upgrade_year <= year ? s + A[i] / MU : s), 0);

describe('plan progress for a chosen year', () => {
  it('the 750,000-亩 target for year Y is the cumulative upgrade by the end of Y (capped at its 2025 deadline)', () => {
    for (const year of [2020, 2021, 2022, 2023, 2024, 2025]) {
      const p = at(year);
      expect(p.as_of_year).toBe(year);
      near(T(p, 'low_yield_forest_upgrade').value, upgradedBy(year));
    }
    // the fixture's 2026 upgrade never counts for the 2025 target
    near(T(at(2030), 'low_yield_forest_upgrade').value, upgradedBy(2025));
    expect(upgradedBy(2022)).toBeLessThan(upgradedBy(2025));
  });

  it('defaults to the data as-of year, with the figures unchanged', () => {
    const d = at();
    expect(d.as_of_year).toBe(DATA_AS_OF_YEAR);
    expect(at(DATA_AS_OF_YEAR).targets.map((t) => [t.id, t.value, t.status])).toEqual(d.targets.map((t) => [t.id, t.value, t.status]));
  });

  it('projects connected, mines restored and wetlands done only from their year on', () => {
    // pv1 (200 MW) on the grid in 2024: not yet in 2023
    expect(T(at(2023), 'pv_changgang_agri_200').value).toBe(0);
    expect(T(at(2024), 'pv_changgang_agri_200').value).toBe(200_000);
    // w3 (小微湿地) restored in 2024
    expect(T(at(2023), 'wetland_lianjiang').value).toBe(0);
    expect(T(at(2024), 'wetland_lianjiang').value).toBeGreaterThan(0);
    // grid-connected capacity grows with the year
    const kw = (y: number) => T(at(y), 'new_energy_capacity').value;
    expect(kw(2023)).toBe(50_000);
    expect(kw(2025)).toBe(50_000 + 200_000 + 48_000);
  });

  it('a year before a target deadline is judged against the elapsed share of the period, not as missed', () => {
    expect(T(at(2022), 'low_yield_forest_upgrade').status).not.toBe('missed');
    expect(T(at(2026), 'low_yield_forest_upgrade').status).toBe('missed');
  });

  it('parses only whole years in range', () => {
    expect(parseYear('2023')).toBe(2023);
    for (const bad of ['2019', '2031', '20x3', '', null, '2023.5', ' 2023 x']) expect(parseYear(bad)).toBeNull();
  });
});
