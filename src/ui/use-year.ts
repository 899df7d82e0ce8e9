// The page's year (the year control's state), opened from `?year=` and written back to the address without a reload,
// keeping the hash (the public page's share state lives there). Shared by the bureau map and the public page.
import { useEffect, useState } from 'react';
import { searchWithYear, yearFromSearch } from './year-url.ts';

export function useYear(): [number, (year: number) => void] {
  const [year, setYear] = useState(() => yearFromSearch(location.search));
  useEffect(() => {
    const search = searchWithYear(location.search, year);
    if (search !== location.search) history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
  }, [year]);
  return [year, setYear];
}
