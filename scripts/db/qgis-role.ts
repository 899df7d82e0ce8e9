// Creates (or re-passwords) the read-only login role QGIS connects with: SELECT on the qgis_* views, nothing else.
//   echo 'a long password' | DATABASE_URL=postgres://… npx tsx scripts/db/qgis-role.ts xg_qgis
// (PostgreSQL only: the embedded PGlite takes no network logins; QGIS needs a real server.)
import { readFileSync } from 'node:fs';
import { openDb } from '../../src/server/db.ts';
import { migrate } from '../../src/server/migrations.ts';
import { createReadOnlyRole, QGIS_VIEWS } from '../../src/server/qgis.ts';
import { cli, usageError } from '../lib/args.ts';

const SPEC = {
  name: 'qgis-role',
  usage: 'echo <password> | DATABASE_URL=postgres://… npx tsx scripts/db/qgis-role.ts <role>',
  about: 'Creates (or re-passwords) the read-only login role QGIS connects with. PostgreSQL only.',
  options: {},
  positionals: { min: 1, max: 1, name: 'role name' },
} as const;
const { positionals: [role] } = cli(SPEC);
const url = process.env.DATABASE_URL;
if (!url) usageError(SPEC, 'DATABASE_URL is not set (QGIS needs a PostgreSQL server)');
const password = readFileSync(0, 'utf8').trim();
const db = await openDb({ url });
try {
  await migrate(db);
  await createReadOnlyRole(db, role, password);
  console.log(`role ${role}: may read ${QGIS_VIEWS.join(', ')}`);
} catch (e) {
  console.error(`qgis-role: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
