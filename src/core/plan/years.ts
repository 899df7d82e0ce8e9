// The years the app can show. The data describe the county as of DATA_AS_OF_YEAR; the year control runs from the year
// before the plan period (十四五 2021–2025) to the 2030 peak deadline. Years after the as-of year are plan and projection.
export const DATA_AS_OF_YEAR = 2026;
export const FIRST_YEAR = 2020;
export const LAST_YEAR = 2030;

/** A year from user input (URL, CLI) clamped to nothing: null unless it is a whole year in [FIRST_YEAR, LAST_YEAR]. */
export function parseYear(raw: string | null | undefined): number | null {
  if (raw == null || !/^\d{4}$/.test(raw.trim())) return null;
  const y = Number(raw.trim());
  return y >= FIRST_YEAR && y <= LAST_YEAR ? y : null;
}

/** True when a year lies after the data's as-of year: its map shows the plan and its carbon is a projection. */
export const isProjection = (year: number, asOf: number = DATA_AS_OF_YEAR) => year > asOf;
