import { describe, expect, it } from 'vitest';
import { displayWidth, fmt, textTable } from './text-table.ts';

describe('textTable', () => {
  it('counts CJK characters as two columns and right-aligns numbers', () => {
    expect(displayWidth('杉木ab')).toBe(6);
    const t = textTable(['组', 'n'], [['杉木', '1.00'], ['x', '10.00']], new Set([1]));
    expect(t.split('\n')).toEqual(['组        n', '----  -----', '杉木   1.00', 'x     10.00']);
  });
  it('fmt groups thousands', () => {
    expect(fmt(1234567.891)).toBe('1,234,567.89');
    expect(fmt(NaN)).toBe('—');
  });
});
