import { describe, expect, it } from 'vitest';
import { DATA_AS_OF_YEAR } from '../core/plan/years.ts';
import { searchWithYear, yearFromSearch } from './year-url.ts';

describe('year in the URL', () => {
  it('reads ?year= when it is a year from 2020 to 2030, else the as-of year', () => {
    expect(yearFromSearch('?year=2023')).toBe(2023);
    expect(yearFromSearch('?dashboard&year=2030')).toBe(2030);
    for (const bad of ['', '?year=2019', '?year=2031', '?year=abc', '?year=']) expect(yearFromSearch(bad)).toBe(DATA_AS_OF_YEAR);
  });
  it('writes the year and keeps the other parameters; the default year leaves no parameter', () => {
    expect(searchWithYear('?lang=en', 2022)).toBe('?lang=en&year=2022');
    expect(searchWithYear('?year=2022&lang=en', 2024)).toBe('?year=2024&lang=en');
    expect(searchWithYear('?year=2022', DATA_AS_OF_YEAR)).toBe('');
    expect(yearFromSearch(searchWithYear('', 2021))).toBe(2021);
  });
});
