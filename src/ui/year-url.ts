// The year in the address: `?year=2023`, read on load and kept in step, so share links carry it. Pure string work.
import { DATA_AS_OF_YEAR, parseYear } from '../core/plan/years.ts';

export const YEAR_PARAM = 'year';

/** The year a page opens at: `?year=` when it is a year in range, otherwise the data's as-of year. */
export function yearFromSearch(search: string, fallback: number = DATA_AS_OF_YEAR): number {
  return parseYear(new URLSearchParams(search).get(YEAR_PARAM)) ?? fallback;
}

/** `search` with the year set (or dropped when it is the default year), other parameters kept in order. */
export function searchWithYear(search: string, year: number, fallback: number = DATA_AS_OF_YEAR): string {
  const params = new URLSearchParams(search);
  if (year === fallback) params.delete(YEAR_PARAM);
  else params.set(YEAR_PARAM, String(year));
  const s = params.toString();
  return s ? `?${s}` : '';
}
