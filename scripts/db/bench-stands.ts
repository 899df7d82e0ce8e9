// Times loading a stands file into PostGIS for QGIS (src/server/qgis.ts loadStands: batches of 2,000 rows, one JSON
// parameter each). npx tsx scripts/db/bench-stands.ts <data dir> (its stands.geojson, all of it); DATABASE_URL selects PostgreSQL
// (a fresh database is created in it), else a throw-away PGlite. Prints {"backend","stands","ms"}.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../../src/server/db.ts';
import { migrate } from '../../src/server/migrations.ts';
import { loadStands } from '../../src/server/qgis.ts';
import { cli } from '../lib/args.ts';

const { positionals: [dir] } = cli({
  name: 'bench-stands',
  usage: 'npx tsx scripts/db/bench-stands.ts <data dir with stands.geojson>',
  options: {},
  positionals: { min: 1, max: 1, name: 'data folder' },
});
const url = process.env.DATABASE_URL;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'xg-bench-stands-'));
let dbUrl: string | undefined;
const name = `xg_bench_${process.pid}`;
if (url) {
  const admin = await openDb({ url });
  await admin.exec(`CREATE DATABASE ${name}`); // [a-z0-9_] made here, not input
  await admin.close();
  const u = new URL(url);
  u.pathname = `/${name}`;
  dbUrl = u.toString();
}
const db = await openDb(dbUrl ? { url: dbUrl } : { dataDir: path.join(tmp, 'db') });
try {
  await migrate(db);
  const r = await loadStands(db, path.resolve(dir));
  const { rows: [c] } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM qgis_stands');
  console.log(JSON.stringify({ backend: db.engine, stands: c.n, ms: Math.round(r.ms) }));
} finally {
  await db.close();
  if (url) {
    const admin = await openDb({ url });
    await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.close();
  }
  rmSync(tmp, { recursive: true, force: true });
}
