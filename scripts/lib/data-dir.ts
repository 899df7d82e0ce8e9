// Which data folder the server, the page builds and every CLI use — the one resolver: `--data <dir>` on the command
// line, else the environment variable XINGGUO_DATA_DIR, else the sample data in data/. A bureau's release (`npm run
// data:import … --out dir`) is used with `npm start -- --data dir`, `XINGGUO_DATA_DIR=dir npm start`, `npm run targets --
// --data dir` … (XG_DATA_DIR is the older name some benchmarks set; it is still read, after XINGGUO_DATA_DIR.)
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT_DIR = path.resolve(import.meta.dirname, '../..');
export const SAMPLE_DATA_DIR = path.join(ROOT_DIR, 'data');
export const DATA_DIR_ENV = 'XINGGUO_DATA_DIR';

/**
 * The data folder: the `--data` value (scripts/lib/args.ts, SHARED_OPTIONS.data) wins, then the environment, then
 * data/. Relative paths resolve from the cwd.
 */
export function resolveDataDir(fromArg?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = fromArg || env[DATA_DIR_ENV] || env.XG_DATA_DIR;
  return chosen ? path.resolve(chosen) : SAMPLE_DATA_DIR;
}

/** True for the generated sample data (data/ itself): only then does the app show the 示例数据 badge. */
export function isSampleDataDir(dir: string): boolean {
  return path.resolve(dir) === SAMPLE_DATA_DIR;
}

/** What is wrong with `dir` as a data folder, said at once (before the database or a build): null when nothing is. */
export function dataDirProblem(dir: string): string | null {
  if (isSampleDataDir(dir)) return null; // generated when missing
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return `${dir}: no such data folder`;
  if (!existsSync(path.join(dir, 'stands.geojson'))) {
    return `${dir}: no stands.geojson — not a data release (make one with \`npm run data:import -- <stands file> --out ${dir}\`)`;
  }
  return null;
}
