// The siting record of a shared site, computed by the server itself with the planner's own core (analyseSite over the
// same registry, rules and data-folder files as the planner's worker, src/layers/site-data.ts) whenever a site's
// geometry or type changes, and stored with it (sites.siting, migration 008). Computed here rather than taken from
// the client: a record every colleague and QGIS reads must not depend on what one browser sent, and it stays true to
// the server's data release (a client on an older release would otherwise store stale findings). The planner shows
// its own computation, from the same code and files, so the two agree.
import { readFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Geometry } from 'geojson';
import { analyseSite, SiteGeometryError } from '../core/analysis/site-analysis.ts';
import type { SiteIndex } from '../core/analysis/site-index.ts';
import type { SiteType } from '../core/analysis/site-types.ts';
import { sitingRecord, type SitingRecord } from '../core/analysis/siting.ts';
import type { SitingRule } from '../core/analysis/siting-rules.ts';
import { AS_OF_YEAR } from '../core/plan/progress.ts';
import { sitingRules } from '../layers/analysis-roles.ts';
import { EXTRA_LAYERS_FILE, parseExtraLayers } from '../layers/extra-layers.ts';
import { LAYERS } from '../layers/registry.ts';
import { loadSiteIndex } from '../layers/site-data.ts';
import type { LayerDef } from '../layers/types.ts';

export type { SitingRecord };

/** The registry with the data folder's own layers (extra-layers.json), as the bureau's build reads them. */
function layersOf(dataDir: string): LayerDef[] {
  const file = path.join(dataDir, EXTRA_LAYERS_FILE);
  if (!existsSync(file)) return LAYERS;
  const extra = parseExtraLayers(readFileSync(file, 'utf8'), file, LAYERS.map((l) => l.id), (f) => existsSync(path.join(dataDir, f)));
  return [...LAYERS, ...extra];
}

export class SitingService {
  private loading: Promise<{ index: SiteIndex; rules: SitingRule[] }> | null = null;

  constructor(private readonly dataDir: string, private readonly log: (line: string) => void = () => undefined) {}

  /** Loads the layers once (the first call; later ones share it); a failed load is retried by the next call. */
  private load(): Promise<{ index: SiteIndex; rules: SitingRule[] }> {
    this.loading ??= (async () => {
      const t0 = performance.now();
      const layers = layersOf(this.dataDir);
      const index = await loadSiteIndex(async (file) => {
        try {
          return new Uint8Array(await readFile(path.join(this.dataDir, file)));
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
          throw e;
        }
      }, layers);
      this.log(`siting: ${index.stands.features.length} stands and ${Object.keys(index.constraints).length} constraint layers from ${this.dataDir} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
      return { index, rules: sitingRules(layers) };
    })().catch((e: Error) => {
      this.loading = null;
      throw e;
    });
    return this.loading;
  }

  /** Starts loading in the background (the first save then does not wait for it). */
  warm(): void {
    this.load().catch((e: Error) => this.log(`siting: layers not loaded from ${this.dataDir}: ${e.message}`));
  }

  /**
   * The record for a site, or null when it cannot be computed (the data folder cannot be read: the reason is logged, and
   * the site is saved all the same — a missing record says "not checked", never "allowed").
   */
  async recordOf(geometry: Geometry, type: SiteType): Promise<SitingRecord | null> {
    let loaded;
    try {
      loaded = await this.load();
    } catch (e) {
      this.log(`siting: layers not loaded from ${this.dataDir}: ${(e as Error).message}`);
      return null;
    }
    try {
      return sitingRecord(analyseSite(loaded.index, geometry, { type, year: AS_OF_YEAR, rules: loaded.rules }).siting);
    } catch (e) {
      // The input checks and PostGIS have accepted the geometry; the core's stricter check may still refuse it.
      if (e instanceof SiteGeometryError) return null;
      throw e;
    }
  }
}
