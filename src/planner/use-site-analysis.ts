// The selected site's analysis (overlaps, siting rules with their map highlight, conflicts, carbon), from the planner
// worker; asked again whenever the site's shape (its geometry revision), type or save time changes, or the reference
// layers change (a site picked from one is analysed against its stands, stand-source.ts), and dropped when an answer
// arrives too late.
import { useEffect, useState } from 'react';
import type { SiteAnalysis } from '../core/analysis/site-analysis.ts';
import type { StandSourceInfo } from '../workers/planner.worker.ts';
import { standSourceOf } from './stand-source.ts';
import { AS_OF_YEAR } from '../core/plan/progress.ts';
import { dataBaseUrl, planner } from '../workers/planner-client.ts';
import { revOf } from './ops/workspace.ts';
import type { Site } from './site.ts';

export interface AnalysisState {
  key: string;
  a?: SiteAnalysis & { ms: number; stand_source: StandSourceInfo };
  error?: string;
}

/** One site's analysis from the worker, against the stands its origin names (the export and comparison use it too). */
/** `highlights`: the siting findings' parts as geometry too (the selected site's map highlight). */
export function analyseOnWorker(site: Pick<Site, 'geometry' | 'type' | 'origin'>, highlights = false) {
  return planner().analyse(dataBaseUrl(), site.geometry, site.type, AS_OF_YEAR, standSourceOf(site), highlights);
}

/** `references`: the reference layers' ids (a site's stands may come from one that loads after it). */
export function useSiteAnalysis(site: Site | null, references = ''): AnalysisState | null {
  const [analysis, setAnalysis] = useState<AnalysisState | null>(null);
  const siteKey = site ? `${site.id}|${site.updated}|${site.type}|${revOf(site)}|${standSourceOf(site) ? references : ''}` : '';
  useEffect(() => {
    if (!site) return setAnalysis(null);
    let live = true;
    setAnalysis({ key: siteKey });
    analyseOnWorker(site, true).then(
      (a) => live && setAnalysis({ key: siteKey, a }),
      (e: Error) => live && setAnalysis({ key: siteKey, error: e.message }),
    );
    return () => { live = false; };
    // siteKey captures every change that alters the analysis
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [siteKey]);
  return analysis;
}
