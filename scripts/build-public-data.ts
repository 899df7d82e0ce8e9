// Pipeline step for the public page: reads the layers in data/, computes plan progress with src/core/plan (the same
// numbers as `npm run targets` and the dashboard) and writes only public aggregates to data/public/:
//   township-stats.geojson  township polygons with coverage, carbon stock (total, per ha), annual sink, upgrade progress
//   projects.geojson        one point per published project (PV, wind, wetland park, mine restoration) with a description
//   plan-progress.json      county targets (value/target/status/shortfall), county totals, township rows, method notes
//   neighbours.geojson      the neighbouring counties' outlines, simplified (about a sixth of the bytes) for the basemap
// No stand id or stand attribute is written. Run: npx tsx scripts/build-public-data.ts [--data dir] [--force]
// vite.public.config.ts runs it before every public build (skipped when the outputs are newer than the inputs).
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFile } from '../src/core/io/registry.ts';
import { PLAN_LAYER_FILES } from '../src/core/plan/layer-files.ts';
import type { FC, PlanLayers } from '../src/core/plan/layers.ts';
import { publicFiles } from '../src/public-page/build/public-files.ts';
import { NEIGHBOURS_FILE, PLAN_PROGRESS_FILE, PROJECTS_FILE, PUBLIC_DIR, TOWNSHIP_STATS_FILE } from '../src/public-page/public-data.ts';

export const DEFAULT_DATA_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../data');
const REQUIRED = new Set<keyof PlanLayers>(['stands', 'county', 'townships']);
const OUTPUTS = [TOWNSHIP_STATS_FILE, PROJECTS_FILE, PLAN_PROGRESS_FILE, NEIGHBOURS_FILE];
const NEIGHBOURS_SOURCE = 'neighbours.geojson';

export interface BuildOptions {
  dataDir?: string;
  /** Rebuild even when the outputs are newer than every input. */
  force?: boolean;
  log?: (line: string) => void;
}

export interface BuildResult {
  skipped: boolean;
  files: string[];
  townships: number;
  projects: number;
  ms: number;
}

function readLayer(dir: string, name: string, required = true): FC<unknown> | undefined {
  const file = join(dir, name);
  if (!existsSync(file)) {
    if (required) throw new Error(`${file}: no such file (run \`npm run data\` first)`);
    return undefined;
  }
  try {
    const r = importFile(basename(file), readFileSync(file));
    return { type: 'FeatureCollection', features: r.features };
  } catch (e) {
    const msg = (e as Error).message;
    throw new Error(msg.startsWith(basename(file)) ? msg.replace(basename(file), file) : `${file}: ${msg}`);
  }
}

function inputFiles(dir: string): string[] {
  return [...Object.values(PLAN_LAYER_FILES), NEIGHBOURS_SOURCE, 'summary.json'].map((f) => join(dir, f)).filter((f) => existsSync(f));
}

function isFresh(dir: string): boolean {
  const outs = OUTPUTS.map((f) => join(dir, f));
  if (!outs.every((f) => existsSync(f))) return false;
  const oldestOut = Math.min(...outs.map((f) => statSync(f).mtimeMs));
  const self = [fileURLToPath(import.meta.url), fileURLToPath(new URL('../src/public-page/build/aggregate.ts', import.meta.url)), fileURLToPath(new URL('../src/public-page/build/context.ts', import.meta.url)), fileURLToPath(new URL('../src/public-page/build/public-files.ts', import.meta.url))];
  return [...inputFiles(dir), ...self].every((f) => statSync(f).mtimeMs <= oldestOut);
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
  if (!opts.force && isFresh(dir)) {
    log(`build-public-data: ${join(dir, PUBLIC_DIR)} is up to date`);
    return { skipped: true, files, townships: -1, projects: -1, ms: performance.now() - t0 };
  }
  const layers = {} as Record<keyof PlanLayers, FC<unknown> | undefined>;
  for (const key of Object.keys(PLAN_LAYER_FILES) as (keyof PlanLayers)[]) layers[key] = readLayer(dir, PLAN_LAYER_FILES[key], REQUIRED.has(key));
  const meta = sampleMeta(dir, layers);
  const neighbours = existsSync(join(dir, NEIGHBOURS_SOURCE)) ? readLayer(dir, NEIGHBOURS_SOURCE) : undefined;
  let out;
  try {
    out = publicFiles(layers, meta, neighbours, join(dir, PLAN_LAYER_FILES.stands));
  } catch (e) {
    const msg = (e as Error).message;
    throw new Error(msg.startsWith(dir) ? msg : `${dir}: ${msg}`);
  }
  mkdirSync(join(dir, PUBLIC_DIR), { recursive: true });
  for (const [rel, text] of Object.entries(out.files)) writeFileSync(join(dir, rel), text as string);
  const ms = performance.now() - t0;
  log(`build-public-data: ${out.townships} townships, ${out.projects} projects → ${join(dir, PUBLIC_DIR)} (${(ms / 1000).toFixed(1)} s)`);
  return { skipped: false, files, townships: out.townships, projects: out.projects, ms };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--data');
  try {
    buildPublicData({ dataDir: i > 0 ? process.argv[i + 1] : undefined, force: process.argv.includes('--force'), log: (l) => console.log(l) });
  } catch (e) {
    console.error(`build-public-data: ${(e as Error).message}`);
    process.exit(1);
  }
}
