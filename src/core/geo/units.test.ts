import { describe, expect, it } from 'vitest';
import { M2_PER_MU, formatArea, fromSquareMetres, toSquareMetres } from './units';

describe('area units', () => {
  it('defines 亩 as 10000/15 m²', () => {
    expect(M2_PER_MU * 15).toBeCloseTo(10000, 9);
    expect(fromSquareMetres(10000, 'mu')).toBeCloseTo(15, 12);
  });
  it('round-trips every unit', () => {
    for (const unit of ['mu', 'ha', 'km2', 'm2'] as const) {
      expect(toSquareMetres(fromSquareMetres(123456.789, unit), unit)).toBeCloseTo(123456.789, 6);
    }
  });
  it('formats with zh and en labels', () => {
    expect(formatArea(10000 / 15 * 750000, 'mu', 'zh')).toBe('750,000.00 亩');
    expect(formatArea(2_000_000, 'ha', 'en')).toBe('200.00 ha');
    expect(formatArea(3_212_700_000, 'km2', 'zh')).toBe('3,212.7000 平方千米');
  });
});
