import { describe, expect, it } from 'vitest';
import { shortfall, targetStatus } from './status.ts';

const t2025 = { comparator: 'gte' as const, target: 100, target_year: 2025 };
const t2030 = { comparator: 'gte' as const, target: 100, target_year: 2030 };

describe('targetStatus', () => {
  it('after the deadline: achieved or missed', () => {
    expect(targetStatus(t2025, 100, 2026)).toBe('achieved');
    expect(targetStatus(t2025, 99.9, 2026)).toBe('missed');
    expect(targetStatus(t2025, 0, 2026, 'on_track')).toBe('missed');
    expect(shortfall(t2025, 62.5)).toBe(37.5);
    expect(shortfall(t2025, 120)).toBe(0);
  });
  it('"突破" needs strictly more than the target', () => {
    expect(targetStatus({ ...t2025, comparator: 'gt' }, 100, 2026)).toBe('missed');
    expect(targetStatus({ ...t2025, comparator: 'gt' }, 100.1, 2026)).toBe('achieved');
  });
  it('before the deadline: straight line from 2021 — by end-2026, 6 of 10 years (60 %) are gone', () => {
    expect(targetStatus(t2030, 60, 2026)).toBe('on_track');
    expect(targetStatus(t2030, 59, 2026)).toBe('behind');
    expect(targetStatus(t2030, 0, 2026)).toBe('not_started');
    expect(targetStatus(t2030, 0, 2026, 'on_track')).toBe('on_track');
  });
  it('no deadline: any progress is on track unless the rule says otherwise', () => {
    const open = { comparator: 'gte' as const, target: 1, target_year: null };
    expect(targetStatus(open, 0, 2026)).toBe('not_started');
    expect(targetStatus(open, 0.3, 2026)).toBe('on_track');
    expect(targetStatus(open, 1, 2026)).toBe('achieved');
  });
});
