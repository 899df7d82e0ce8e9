// The selected site's analysis (overlaps, siting rules with their map highlight, conflicts, carbon), from the planner
// worker; asked again whenever the site's shape (its geometry revision), type or save time changes, and dropped when
// an answer arrives too late.
import { useEffect, useState } from 'react';
import type { SiteAnalysis } from '../core/analysis/site-analysis.ts';
import { AS_OF_YEAR } from '../core/plan/progress.ts';
import { dataBaseUrl, planner } from '../workers/planner-client.ts';
import { revOf } from './ops/workspace.ts';
import type { Site } from './site.ts';

export interface AnalysisState {
  key: string;
  a?: SiteAnalysis & { ms: number };
  error?: string;
}

export function useSiteAnalysis(site: Site | null): AnalysisState | null {
  const [analysis, setAnalysis] = useState<AnalysisState | null>(null);
  const siteKey = site ? `${site.id}|${site.updated}|${site.type}|${revOf(site)}` : '';
  useEffect(() => {
    if (!site) return setAnalysis(null);
    let live = true;
    setAnalysis({ key: siteKey });
    planner().analyse(dataBaseUrl(), site.geometry, site.type, AS_OF_YEAR, true).then(
      (a) => live && setAnalysis({ key: siteKey, a }),
      (e: Error) => live && setAnalysis({ key: siteKey, error: e.message }),
    );
    return () => { live = false; };
    // siteKey captures every change that alters the analysis
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [siteKey]);
  return analysis;
}
