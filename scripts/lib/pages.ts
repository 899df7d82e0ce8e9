// The pages the server serves (bureau, public, sign-in), built once per content stamp and reused by every later start.
// A page's bundle holds no data: the server serves the data folder's files itself (src/server/app.ts), so one build
// serves every data folder. The stamp is a hash of everything a bundle is made from: the sources (src/, scripts/vite/,
// the page's HTML and Vite config, tsconfig.json, package-lock.json for the dependencies, .env files), the build
// environment (XG_TEST_HOOKS, VITE_* variables) and — for the bureau page only, the data-dependent inputs — the
// data folder's extra-layers.json entries (src/layers/extra-layers.ts) and its rasters.json as raster layers
// (src/layers/raster-layers.ts). Builds live in var/pages/<page>-<stamp>/; an
// unchanged start builds nothing, and switching between data folders without extra layers builds nothing either.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { readExtraLayers, readRasterLayers } from '../vite/extra-layers.ts';
import { DATA_DIR_ENV, ROOT_DIR } from './data-dir.ts';

export type PageName = 'bureau' | 'public' | 'login';

export interface PageDirs {
  bureauDir: string;
  publicDir: string;
  loginDir: string;
}

interface PageSpec {
  config: string;
  html: string;
  /** The test-hooks plugin (scripts/vite/test-hooks.ts) is in this page's config. */
  testHooks: boolean;
  /** The data folder's extra-layers.json and rasters.json are compiled into this page (vite.config.ts extraLayersDefine). */
  extraLayers: boolean;
}

const PAGES: Record<PageName, PageSpec> = {
  bureau: { config: 'vite.config.ts', html: 'index.html', testHooks: true, extraLayers: true },
  public: { config: 'vite.public.config.ts', html: 'public.html', testHooks: true, extraLayers: false },
  login: { config: 'vite.login.config.ts', html: 'login.html', testHooks: false, extraLayers: false },
};

export const PAGES_DIR = path.join(ROOT_DIR, 'var', 'pages');
/** Builds kept per page (the newest by last use); older ones are removed. Several are kept so that the browser suites'
 * builds (test hooks on, one with an added layer) and a user's `npm start` do not evict each other. */
const KEEP = 4;

const SOURCE_DIRS = ['src', 'scripts/vite'];
// field/index.html: the field page, a second entry of the bureau build (vite.config.ts).
const SOURCE_FILES = ['field/index.html', 'tsconfig.json', 'package-lock.json', '.env', '.env.local', '.env.production', '.env.production.local'];
/** Not part of any bundle: tests beside the code. */
const notBundled = (f: string) => /\.test\.tsx?$|\.testutil\.ts$/.test(f);

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => !notBundled(f) && statSync(path.join(dir, f)).isFile())
    .sort()
    .map((f) => path.join(dir, f));
}

/** The hash of the sources every page is built from (each file's path and content). */
function sourceHash(root: string): string {
  const h = createHash('sha256');
  const files = [...SOURCE_DIRS.flatMap((d) => filesUnder(path.join(root, d))), ...SOURCE_FILES.map((f) => path.join(root, f)).filter(existsSync)];
  for (const f of files) h.update(path.relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex');
}

/** What makes one page's build: the common sources, its own HTML and config, its environment and, for the bureau, the
 * data folder's extra layers. */
export function pageStamp(page: PageName, dataDir: string, env: NodeJS.ProcessEnv = process.env, sources = sourceHash(ROOT_DIR)): string {
  const spec = PAGES[page];
  const h = createHash('sha256').update(page).update(sources);
  for (const f of [spec.html, spec.config]) h.update(readFileSync(path.join(ROOT_DIR, f)));
  const vite = Object.keys(env).filter((k) => k.startsWith('VITE_')).sort().map((k) => [k, env[k]]);
  h.update(JSON.stringify({ vite, hooks: spec.testHooks && env.XG_TEST_HOOKS === '1' }));
  if (spec.extraLayers) h.update(JSON.stringify(readExtraLayers(dataDir))).update(JSON.stringify(readRasterLayers(dataDir)));
  return h.digest('hex').slice(0, 16);
}

async function buildPage(page: PageName, dataDir: string, outDir: string): Promise<void> {
  // The configs read the data folder and the pages-only switch from the environment; both are restored afterwards.
  const set: Record<string, string> = { [DATA_DIR_ENV]: dataDir, XG_PAGES_ONLY: '1' };
  const saved = Object.fromEntries(Object.keys(set).map((k) => [k, process.env[k]]));
  Object.assign(process.env, set);
  try {
    const { build } = await import('vite'); // loaded only when a page is built: most starts build nothing
    await build({ root: ROOT_DIR, configFile: path.join(ROOT_DIR, PAGES[page].config), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
}

/** Removes all but the KEEP most recently used builds of `page` (never `keep`). */
function prune(page: PageName, keep: string): void {
  const mine = readdirSync(PAGES_DIR).filter((d) => d.startsWith(`${page}-`)).map((d) => path.join(PAGES_DIR, d));
  const byUse = mine.map((d) => [d, statSync(d).mtimeMs] as const).sort((a, b) => b[1] - a[1]).map(([d]) => d);
  for (const d of byUse.slice(KEEP)) if (d !== keep) rmSync(d, { recursive: true, force: true });
  // Half-written builds of a start that was killed.
  for (const d of readdirSync(PAGES_DIR).filter((x) => x.startsWith(`.building-${page}-`))) {
    const full = path.join(PAGES_DIR, d);
    const pid = Number(d.split('-').at(-1));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = pid !== process.pid;
    } catch {
      alive = false;
    }
    if (!alive) rmSync(full, { recursive: true, force: true });
  }
}

export interface EnsuredPages extends PageDirs {
  /** The pages this call built (empty when every build was current). */
  built: PageName[];
  ms: number;
}

/**
 * The three pages for `dataDir`: each built only when no build with its stamp exists. A build is written to a folder
 * of its own and renamed into place when complete, so a start that is killed midway leaves no half build behind.
 */
export async function ensurePages(dataDir: string, log: (line: string) => void = console.log, env: NodeJS.ProcessEnv = process.env): Promise<EnsuredPages> {
  const t0 = performance.now();
  mkdirSync(PAGES_DIR, { recursive: true });
  const sources = sourceHash(ROOT_DIR);
  const built: PageName[] = [];
  const dirs = {} as Record<PageName, string>;
  for (const page of Object.keys(PAGES) as PageName[]) {
    const dir = path.join(PAGES_DIR, `${page}-${pageStamp(page, dataDir, env, sources)}`);
    if (!existsSync(path.join(dir, 'index.html'))) {
      const started = performance.now();
      log(`pages: building the ${page} page …`);
      const tmp = path.join(PAGES_DIR, `.building-${page}-${path.basename(dir).slice(page.length + 1)}-${process.pid}`);
      rmSync(tmp, { recursive: true, force: true });
      await buildPage(page, dataDir, tmp);
      try {
        rmSync(dir, { recursive: true, force: true });
        renameSync(tmp, dir);
      } catch (e) {
        // Another start built the same stamp at the same moment: theirs is as good.
        rmSync(tmp, { recursive: true, force: true });
        if (!existsSync(path.join(dir, 'index.html'))) throw e;
      }
      built.push(page);
      log(`pages: ${page} built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    const now = new Date();
    utimesSync(dir, now, now); // last use, for prune()
    prune(page, dir);
    dirs[page] = dir;
  }
  const ms = performance.now() - t0;
  if (!built.length) log(`pages: up to date (${(ms / 1000).toFixed(2)} s to check)`);
  return { bureauDir: dirs.bureau, publicDir: dirs.public, loginDir: dirs.login, built, ms };
}
