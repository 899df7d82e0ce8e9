// Zonal statistics as the app shows them: for one zone (a site, a stand, a township, the county), the land cover it
// holds — area by class in 亩 with the class table's names and colours — from the release's latest categorical raster,
// and mean/min/max/percentiles from its latest continuous raster(s). Pure: the worker (src/workers/raster-zonal.ts)
// reads the pixels, this turns zonal.ts's counts into rows, and the planner's table, the popups, the dashboard, the
// sites CSV and the printed report all show these rows.
import { M2_PER_MU } from '../geo/units.ts';
import type { RasterEntry, RasterManifest } from './manifest.ts';
import type { CategoricalZoneStats, ContinuousStats, ContinuousZoneStats } from './zonal.ts';

export interface SummaryRaster {
  id: string;
  year: number;
  name: { zh: string; en: string };
  sample_data: boolean;
}

export interface LandCoverRow {
  value: number;
  /** The class table's key (e.g. "forest"); `class-<value>` for a value the table does not list. */
  key: string;
  name: { zh: string; en: string };
  colour: string;
  carbon: 'forest' | 'bamboo' | null;
  pixels: number;
  area_m2: number;
  area_mu: number;
}

export interface LandCoverSummary {
  kind: 'categorical';
  raster: SummaryRaster;
  /** In the class table's order; classes with no pixel in the zone are left out. */
  rows: LandCoverRow[];
  /** Σ of the rows (pixels with a class; nodata excluded). */
  total_mu: number;
  /** Σ of the rows whose class holds forest carbon (forest or bamboo). */
  forest_mu: number;
  nodata_pixels: number;
  /** Part of the zone lies outside the raster (not counted). */
  outside: boolean;
}

export interface ValueSummary {
  kind: 'continuous';
  raster: SummaryRaster;
  stats: ContinuousStats | null;
  pixels: number;
  nodata_pixels: number;
  outside: boolean;
}

export type ZoneSummary = LandCoverSummary | ValueSummary;

/** The rasters a zone is summarised on: the latest categorical one, then the latest year of each continuous series. */
export function summaryRasters(manifest: RasterManifest): RasterEntry[] {
  const latest = (list: RasterEntry[]) => list.reduce<RasterEntry | null>((a, b) => (!a || b.year > a.year ? b : a), null);
  const categorical = latest(manifest.rasters.filter((r) => r.kind === 'categorical' && r.bands >= 1));
  const continuous = manifest.rasters.filter((r) => r.kind === 'continuous');
  // A series is the id without its year ("ndvi-2020", "ndvi-2025" → "ndvi"): one summary per series, its latest year.
  const series = new Map<string, RasterEntry[]>();
  for (const r of continuous) {
    const k = r.id.replace(/-?\d{4}$/, '') || r.id;
    series.set(k, [...(series.get(k) ?? []), r]);
  }
  return [...(categorical ? [categorical] : []), ...[...series.values()].map((l) => latest(l)!)];
}

function rasterOf(entry: RasterEntry): SummaryRaster {
  return { id: entry.id, year: entry.year, name: entry.name, sample_data: entry.sample_data };
}

export function summariseCategorical(entry: RasterEntry, s: CategoricalZoneStats): LandCoverSummary {
  const table = entry.classes ?? [];
  const order = new Map(table.map((c, i) => [c.value, i]));
  const rows: LandCoverRow[] = s.classes.map((c) => {
    const cls = table.find((t) => t.value === c.value);
    return {
      value: c.value,
      key: cls?.key ?? `class-${c.value}`,
      name: cls?.name ?? { zh: `类别 ${c.value}`, en: `Class ${c.value}` },
      colour: cls?.colour ?? '#999999',
      carbon: cls?.carbon ?? null,
      pixels: c.pixels,
      area_m2: c.area_m2,
      area_mu: c.area_m2 / M2_PER_MU,
    };
  });
  rows.sort((a, b) => (order.get(a.value) ?? 1e9 + a.value) - (order.get(b.value) ?? 1e9 + b.value));
  const total_mu = rows.reduce((t, r) => t + r.area_mu, 0);
  const forest_mu = rows.filter((r) => r.carbon).reduce((t, r) => t + r.area_mu, 0);
  return { kind: 'categorical', raster: rasterOf(entry), rows, total_mu, forest_mu, nodata_pixels: s.nodata_pixels, outside: s.outside };
}

export function summariseContinuous(entry: RasterEntry, s: ContinuousZoneStats): ValueSummary {
  return { kind: 'continuous', raster: rasterOf(entry), stats: s.stats, pixels: s.pixels, nodata_pixels: s.nodata_pixels, outside: s.outside };
}

/** The land-cover summary among a zone's summaries (there is at most one). */
export function landCoverOf(summaries: readonly ZoneSummary[] | null | undefined): LandCoverSummary | null {
  return (summaries?.find((s) => s.kind === 'categorical') as LandCoverSummary | undefined) ?? null;
}

/** What a site's analysis carries besides SiteAnalysis: its zonal statistics, or why they could not be computed. */
export interface SiteZonal {
  /** Absent for a site without area (point, line); [] when the release has no raster. */
  zonal?: ZoneSummary[];
  zonal_error?: string;
}
