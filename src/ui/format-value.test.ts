import { describe, expect, it } from 'vitest';
import { formatValue } from './format-value.ts';

describe('formatValue', () => {
  it('shows missing values as a dash', () => {
    expect(formatValue(null, 'number', 'zh')).toBe('—');
    expect(formatValue(undefined, 'text', 'en')).toBe('—');
  });
  it('formats numbers with the locale grouping and sensible decimals', () => {
    expect(formatValue(12345.678, 'number', 'zh')).toBe('12,346');
    expect(formatValue(12.345, 'number', 'en')).toBe('12.35');
    expect(formatValue(0.456, 'ratio', 'zh')).toBe('0.46');
    expect(formatValue(7.6, 'integer', 'en')).toBe('8');
  });
  it('translates enumerated values in English and keeps unknown text as it is', () => {
    expect(formatValue('杉木', 'text', 'en')).toBe('Chinese fir');
    expect(formatValue('杉木', 'text', 'zh')).toBe('杉木');
    expect(formatValue('<img src=x onerror=alert(1)>', undefined, 'en')).toBe('<img src=x onerror=alert(1)>');
  });
  it('renders booleans in the UI language', () => {
    expect(formatValue(true, 'boolean', 'zh')).toBe('是');
    expect(formatValue(false, 'boolean', 'en')).toBe('no');
  });
});
