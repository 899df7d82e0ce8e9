// Which data folder the app, the CLIs and both builds use: `--data <dir>` on the command line, else the environment
// variable XINGGUO_DATA_DIR, else the sample data in data/. A bureau's release (`npm run data:import … --out dir`) is
// used with `npm start -- --data dir` or `XINGGUO_DATA_DIR=dir npm run build`. (XG_DATA_DIR is the older name the
// stress suite and benchmarks set; it is still read.)
import path from 'node:path';

export const ROOT_DIR = path.resolve(import.meta.dirname, '../..');
export const SAMPLE_DATA_DIR = path.join(ROOT_DIR, 'data');
export const DATA_DIR_ENV = 'XINGGUO_DATA_DIR';

/**
 * The data folder: the `--data` value (scripts/lib/args.ts, SHARED_OPTIONS.data) wins, then the environment, then
 * data/. Relative paths resolve from the cwd.
 */
export function resolveDataDir(fromArg?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = fromArg ?? env[DATA_DIR_ENV] ?? env.XG_DATA_DIR;
  return chosen ? path.resolve(chosen) : SAMPLE_DATA_DIR;
}

/** True for the generated sample data (data/ itself): only then does the app show the 示例数据 badge. */
export function isSampleDataDir(dir: string): boolean {
  return path.resolve(dir) === SAMPLE_DATA_DIR;
}

/**
 * Get a data folder ready to serve: the sample through ensure-data (generated when missing), a release by checking it
 * and (re)building its tiles and public aggregates when stale. `env` is what the Vite build needs to use the folder.
 */
export async function prepareDataDir(dir: string, ensureSample: () => boolean): Promise<{ ok: true; env: Record<string, string> } | { ok: false; message: string }> {
  if (isSampleDataDir(dir)) {
    return ensureSample() ? { ok: true, env: {} } : { ok: false, message: 'the sample data could not be prepared (see the message above)' };
  }
  const { existsSync } = await import('node:fs');
  if (!existsSync(path.join(dir, 'stands.geojson'))) {
    return { ok: false, message: `${dir}: no stands.geojson — not a data release (make one with \`npm run data:import -- <stands file> --out ${dir}\`)` };
  }
  try {
    const { ensureTiles } = await import('../tiles/ensure.ts');
    const { buildPublicData } = await import('../build-public-data.ts');
    await ensureTiles(dir, (l) => console.log(l));
    buildPublicData({ dataDir: dir, log: (l) => console.log(l) });
  } catch (e) {
    return { ok: false, message: `${dir}: ${(e as Error).message}` };
  }
  // A separate output folder, so the sample build in dist/ is not overwritten by a release build and vice versa.
  return { ok: true, env: { [DATA_DIR_ENV]: dir, XG_OUT_DIR: process.env.XG_OUT_DIR ?? 'dist-release' } };
}
