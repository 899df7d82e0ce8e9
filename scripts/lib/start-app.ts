// What `npm start [-- --data <dir>]` does, in order, as one function: scripts/start.ts calls it, and so do the browser
// suites (test/browser/server.ts) and the server benchmark, so what they test is what users run.
//   1. the data folder: --data, else XINGGUO_DATA_DIR, else data/ (scripts/lib/data-dir.ts, the one resolver), checked;
//   2. the port (PORT; a busy explicit PORT is an error naming it) and the database (DATABASE_URL or the embedded one),
//      both checked before anything slow, so a mistake there is said in one line at once;
//   3. the data folder made ready (the sample generated when missing; a release's tiles and public aggregates rebuilt
//      when stale);
//   4. the pages, built only when their sources changed (scripts/lib/pages.ts);
//   5. the server (src/server/main.ts serveFromEnv): pages, the data folder's files, the API.
import { choosePort, openDatabase, serveFromEnv, serverEnv, StartError, type RunningServer } from '../../src/server/main.ts';
import { buildPublicData } from '../build-public-data.ts';
import { prepareSampleFolder } from '../sample-data/prepare.ts';
import { ensureTiles } from '../tiles/ensure.ts';
import { dataDirProblem, isSampleDataDir, resolveDataDir, ROOT_DIR } from './data-dir.ts';
import { ensurePages, type EnsuredPages } from './pages.ts';

export { StartError };

export interface StartAppOptions {
  /** The --data value, if given. */
  data?: string;
  /** The environment the settings come from (PORT, HOST, DATABASE_URL, XG_DB_DIR, XINGGUO_DATA_DIR …). */
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export interface StartedApp extends RunningServer {
  dataDir: string;
  pages: EnsuredPages;
}

/**
 * Get a data folder ready to serve: the sample generated when missing (scripts/sample-data/prepare.ts), a release checked
 * and (re)building its tiles and public aggregates when stale (each step is skipped when its outputs are current).
 */
async function prepareDataDir(dir: string, log: (line: string) => void): Promise<{ ok: true } | { ok: false; message: string }> {
  const problem = dataDirProblem(dir);
  if (problem) return { ok: false, message: problem };
  try {
    if (isSampleDataDir(dir)) {
      await prepareSampleFolder(ROOT_DIR, log);
    } else {
      await ensureTiles(dir, log);
      buildPublicData({ dataDir: dir, log });
    }
  } catch (e) {
    return { ok: false, message: `${dir}: ${(e as Error).message}` };
  }
  return { ok: true };
}

/** Starts the app; a problem the user can fix (data folder, port, database, extra-layers.json) is a one-line StartError. */
export async function startApp(opts: StartAppOptions = {}): Promise<StartedApp> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? console.log;
  const dataDir = resolveDataDir(opts.data, env);
  const problem = dataDirProblem(dataDir);
  if (problem) throw new StartError(problem);
  const config = serverEnv(env);
  const port = await choosePort(env, log);
  const opened = await openDatabase({ databaseUrl: config.databaseUrl, dbDir: config.dbDir, log });
  try {
    const prepared = await prepareDataDir(dataDir, log);
    if (!prepared.ok) throw new StartError(prepared.message);
    const pages = await ensurePages(dataDir, log, env).catch((e: Error) => {
      // extra-layers.json problems name the file, the entry and the field; anything else is a build failure.
      throw /extra-layers\.json/.test(e.message) ? new StartError(e.message) : e;
    });
    const server = await serveFromEnv({ dataDir, pages, opened, port, env, log });
    return { ...server, dataDir, pages };
  } catch (e) {
    await opened.db.close().catch(() => undefined);
    opened.unlock();
    throw e;
  }
}
