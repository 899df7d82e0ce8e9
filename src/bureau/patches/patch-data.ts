// The 监测图斑 list's data in the bureau page: the release's monitoring-patches.geojson, the land-cover class names
// (rasters.json), and the check statuses from the server — GET /api/patches, PUT /api/patches/:id/status for editors
// (the field-work issue's server). A server without that service (404) leaves every patch 待核查 and says so.
import { isPatchStatus, parsePatches, parseStatusList, STATUS_KEYS, type PatchFeature, type PatchStatus, type PatchStatusRecord } from '../../core/monitoring/patches.ts';
import { LAND_COVER_CLASSES, type RasterClass } from '../../core/raster/classes.ts';
import { parseRasterManifest, RASTER_MANIFEST_FILE } from '../../core/raster/manifest.ts';
import { dataUrl } from '../../layers/data-source.ts';
import { apiCall, currentSession } from '../session.ts';

export const PATCH_FILE = 'monitoring-patches.geojson';

export interface PatchData {
  features: PatchFeature[];
  /** The land-cover classes of the patches' earlier year (names of 前期/后期地类). */
  classes: RasterClass[];
}

let loaded: Promise<PatchData> | null = null;

export function loadPatches(): Promise<PatchData> {
  loaded ??= (async () => {
    const r = await fetch(dataUrl(PATCH_FILE), { credentials: 'same-origin' });
    if (!r.ok) throw new Error(`${PATCH_FILE}: HTTP ${r.status}`);
    const features = parsePatches(await r.text(), PATCH_FILE);
    let classes: RasterClass[] = [...LAND_COVER_CLASSES];
    const m = await fetch(dataUrl(RASTER_MANIFEST_FILE), { credentials: 'same-origin' });
    if (m.ok) {
      const manifest = parseRasterManifest(await m.text(), RASTER_MANIFEST_FILE);
      const year = features[0]?.properties.from_year;
      const entry = manifest.rasters.find((e) => e.kind === 'categorical' && e.year === year) ?? manifest.rasters.find((e) => e.kind === 'categorical');
      if (entry?.classes) classes = entry.classes;
    }
    return { features, classes };
  })();
  loaded.catch(() => { loaded = null; });
  return loaded;
}

export interface StatusAnswer {
  /** null when the server has no status service (every patch shows 待核查). */
  statuses: Map<string, PatchStatusRecord> | null;
  source: 'server' | 'static';
}

/** How the server spells statuses (the Chinese labels or the field server's ASCII keys): PUT answers in its form. */
let serverSpelling: 'zh' | 'ascii' = 'ascii';

export async function loadStatuses(): Promise<StatusAnswer> {
  const r = await fetch('api/patches', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (r.status === 404) return { statuses: null, source: 'static' };
  if (!r.ok) throw new Error(`/api/patches: HTTP ${r.status}`);
  const body = (await r.json()) as { patches?: { status?: unknown }[] };
  const first = body.patches?.[0]?.status;
  if (first !== undefined) serverSpelling = isPatchStatus(first) ? 'zh' : 'ascii';
  return { statuses: parseStatusList(body), source: 'server' };
}

/** An editor sets a patch's status with a comment (the server requires one). */
export async function saveStatus(id: string, status: PatchStatus, comment: string): Promise<void> {
  const session = await currentSession();
  if (!session) throw new Error('not signed in');
  await apiCall(session, 'PUT', `api/patches/${encodeURIComponent(id)}/status`, { status: serverSpelling === 'zh' ? status : STATUS_KEYS[status], comment });
}

/** Fired on window after a status changed, so the dashboard's card counts again. */
export const PATCHES_CHANGED = 'xg-patches-changed';
