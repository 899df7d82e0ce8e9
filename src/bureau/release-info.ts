// Whether the app shows the sample data or a bureau's own release: `npm run data:import` writes data/release.json
// (sample_data: false); the generated sample has none. Only the sample gets the 示例数据 badge.
import { useEffect, useState } from 'react';
import { dataUrl } from '../layers/data-source.ts';

export const RELEASE_FILE = 'release.json';

/** true until known otherwise (the sample is the default); false once release.json says the data is a bureau's. */
export function useSampleData(): boolean {
  const [sample, setSample] = useState(true);
  useEffect(() => {
    let live = true;
    fetch(dataUrl(RELEASE_FILE))
      .then((r) => (r.ok ? r.json() : null))
      .then((release: { sample_data?: unknown } | null) => { if (live && release && release.sample_data === false) setSample(false); })
      .catch(() => {}); // no release file (the sample) or unreadable: keep the badge
    return () => { live = false; };
  }, []);
  return sample;
}
