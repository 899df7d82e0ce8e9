// Pipeline step for the public page: reads the layers in data/, computes plan progress with src/core/plan (the same
// numbers as `npm run targets` and the dashboard) and writes only public aggregates to data/public/:
//   township-stats.geojson  township polygons with coverage, carbon stock (total, per ha), annual sink, upgrade progress
//   projects.geojson        one point per published project (PV, wind, wetland park, mine restoration) with a description
//   plan-progress.json      county targets (value/target/status/shortfall), county totals, township rows, method notes
//   neighbours.geojson      the neighbouring counties' outlines, simplified (about a sixth of the bytes) for the basemap
// No stand id or stand attribute is written. Run: npx tsx scripts/build-public-data.ts [--data dir] [--force]
// vite.public.config.ts runs it before every public build (skipped when nothing it depends on changed: publicDataStamp).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlanLayers, FC } from '../src/core/plan/layers.ts';
import { importFile } from '../src/core/io/registry.ts';
import { planLayerFiles } from '../src/layers/analysis-roles.ts';
import type { StandSummary } from '../src/core/plan/stand-summary.ts';
import { publicFiles } from '../src/public-page/build/public-files.ts';
import { readPlanLayers, type StandsInMemory } from './lib/plan-layers.ts';
import { cli, SHARED_OPTIONS } from './lib/args.ts';
import { resolveDataDir } from './lib/data-dir.ts';
import { NEIGHBOURS_FILE, PLAN_PROGRESS_FILE, PROJECTS_FILE, PUBLIC_DIR, TOWNSHIP_STATS_FILE } from '../src/public-page/public-data.ts';

export const DEFAULT_DATA_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../data');
const REQUIRED = new Set<keyof PlanLayers>(['stands', 'county']);
const OUTPUTS = [TOWNSHIP_STATS_FILE, PROJECTS_FILE, PLAN_PROGRESS_FILE, NEIGHBOURS_FILE];
/** Hash of everything the outputs depend on (not shipped: the page's file list does not name it). */
const STAMP_FILE = `${PUBLIC_DIR}/build-stamp.json`;
const NEIGHBOURS_SOURCE = 'neighbours.geojson';

export interface BuildOptions {
  dataDir?: string;
  /** Rebuild even when the outputs are newer than every input. */
  force?: boolean;
  log?: (line: string) => void;
  /** The stands of dataDir/stands.geojson already in memory (data:import has just written them): not read again. */
  stands?: StandsInMemory;
}

export interface BuildResult {
  skipped: boolean;
  files: string[];
  townships: number;
  projects: number;
  ms: number;
  /** The stand summary behind the figures (absent when skipped). */
  summary?: StandSummary;
}

function readLayer(dir: string, name: string): FC<unknown> {
  const file = join(dir, name);
  try {
    const r = importFile(basename(file), readFileSync(file));
    return { type: 'FeatureCollection', features: r.features };
  } catch (e) {
    const msg = (e as Error).message;
    throw new Error(msg.startsWith(basename(file)) ? msg.replace(basename(file), file) : `${file}: ${msg}`);
  }
}

function inputFiles(dir: string): string[] {
  return [...Object.values(planLayerFiles()), NEIGHBOURS_SOURCE, 'summary.json', 'release.json'].map((f) => join(dir, f)).filter((f) => existsSync(f));
}

/** Every source file under `dir` (recursively), tests left out: the code the figures depend on. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$|testutil/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * What the public figures depend on, as one hash: the content of every input layer, the factor table and the plan's
 * rules and targets (all of src/core), the normalisation and this build's own code. Any change → rebuild.
 */
export function publicDataStamp(dir: string): string {
  const h = createHash('sha1');
  const own = [
    fileURLToPath(import.meta.url),
    fileURLToPath(new URL('./lib/plan-layers.ts', import.meta.url)),
    ...sourceFiles(fileURLToPath(new URL('../src/core', import.meta.url))),
    ...sourceFiles(fileURLToPath(new URL('../src/public-page/build', import.meta.url))),
  ];
  for (const f of [...inputFiles(dir), ...own]) h.update(`${basename(f)}\0`).update(readFileSync(f)).update('\0');
  return h.digest('hex');
}

function isFresh(dir: string, stamp: string): boolean {
  if (!OUTPUTS.every((f) => existsSync(join(dir, f)))) return false;
  try {
    return (JSON.parse(readFileSync(join(dir, STAMP_FILE), 'utf8')) as { stamp?: string }).stamp === stamp;
  } catch {
    return false;
  }
}

export function sampleMeta(dir: string, layers: Record<string, FC<unknown> | undefined>): { sampleData: boolean; dataVersion: string | null } {
  let dataVersion: string | null = null;
  const summary = join(dir, 'summary.json');
  if (existsSync(summary)) {
    try {
      dataVersion = String((JSON.parse(readFileSync(summary, 'utf8')) as { generator_version?: string }).generator_version ?? '') || null;
    } catch {
      throw new Error(`${summary}: not valid JSON`);
    }
  }
  const synthetic = (layers.townships?.features ?? []).some((f) => (f.properties as { synthetic_boundary?: boolean } | null)?.synthetic_boundary === true);
  return { sampleData: synthetic || dataVersion !== null, dataVersion };
}

export function buildPublicData(opts: BuildOptions = {}): BuildResult {
  const dir = resolve(opts.dataDir ?? DEFAULT_DATA_DIR);
  const log = opts.log ?? (() => {});
  const t0 = performance.now();
  const files = OUTPUTS.map((f) => join(dir, f));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir}: no such data directory (run \`npm run data\` first)`);
  const stamp = publicDataStamp(dir);
  if (!opts.force && isFresh(dir, stamp)) {
    log(`build-public-data: ${join(dir, PUBLIC_DIR)} is up to date`);
    return { skipped: true, files, townships: -1, projects: -1, ms: performance.now() - t0 };
  }
  // The same loader and normalisation as the targets CLI and the consistency test (scripts/lib/plan-layers.ts); the
  // figures by the same code as the server's 发布 (src/public-page/build/public-files.ts).
  const { layers: plan, areas } = readPlanLayers(dir, REQUIRED, opts.stands);
  const meta = sampleMeta(dir, plan as unknown as Record<string, FC<unknown> | undefined>);
  // The basemap frame is optional: without neighbours.geojson the page shows the county alone.
  const neighbours = existsSync(join(dir, NEIGHBOURS_SOURCE)) ? readLayer(dir, NEIGHBOURS_SOURCE) : undefined;
  const out = publicFiles(plan, areas, meta, neighbours);
  mkdirSync(join(dir, PUBLIC_DIR), { recursive: true });
  for (const [rel, text] of Object.entries(out.files)) writeFileSync(join(dir, rel), text);
  writeFileSync(join(dir, STAMP_FILE), `${JSON.stringify({ stamp })}
`);
  const ms = performance.now() - t0;
  log(`build-public-data: ${out.townships} townships, ${out.projects} projects → ${join(dir, PUBLIC_DIR)} (${(ms / 1000).toFixed(1)} s)`);
  return { skipped: false, files, townships: out.townships, projects: out.projects, ms, summary: out.summary };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = cli({
    name: 'build-public-data',
    usage: 'npx tsx scripts/build-public-data.ts [--data <dir>] [--force]',
    about: 'The public aggregates (public/*.json) of a data folder; skipped when they are current.',
    options: { data: SHARED_OPTIONS.data, force: { type: 'boolean', help: 'rebuild even when current' } },
  });
  try {
    buildPublicData({ dataDir: resolveDataDir(values.data), force: values.force, log: (l) => console.log(l) });
  } catch (e) {
    console.error(`build-public-data: ${(e as Error).message}`);
    process.exit(1);
  }
}
