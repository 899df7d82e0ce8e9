// Loads the public page's JSON and GeoJSON (plan progress, project markers) with errors that name the file.
import type { FeatureCollection, Point } from 'geojson';
import { useEffect, useState } from 'react';
import { dataUrl } from '../layers/data-source.ts';
import { loadGeoJson } from '../layers/load-geojson.ts';
import { PLAN_PROGRESS_FILE, PROJECTS_FILE, type PlanProgressFile, type PublicProject } from './public-data.ts';

export interface PublicDataState {
  plan: PlanProgressFile | null;
  projects: FeatureCollection<Point, PublicProject> | null;
  error: string | null;
}

async function loadPlan(): Promise<PlanProgressFile> {
  const response = await fetch(dataUrl(PLAN_PROGRESS_FILE));
  if (!response.ok) throw new Error(`${PLAN_PROGRESS_FILE}: HTTP ${response.status}`);
  const json = (await response.json().catch(() => null)) as PlanProgressFile | null;
  if (json?.schema !== 'xingguo-public-plan-progress-1' || !Array.isArray(json.targets) || !Array.isArray(json.townships)) {
    throw new Error(`${PLAN_PROGRESS_FILE}: not a plan-progress file (run scripts/build-public-data.ts)`);
  }
  return json;
}

export function usePublicData(): PublicDataState {
  const [state, setState] = useState<PublicDataState>({ plan: null, projects: null, error: null });
  useEffect(() => {
    let live = true;
    Promise.all([loadPlan(), loadGeoJson(PROJECTS_FILE) as Promise<FeatureCollection<Point, PublicProject>>])
      .then(([plan, projects]) => live && setState({ plan, projects, error: null }))
      .catch((e: Error) => live && setState((s) => ({ ...s, error: e.message })));
    return () => {
      live = false;
    };
  }, []);
  return state;
}
