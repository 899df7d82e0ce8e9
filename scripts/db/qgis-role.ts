// Creates (or re-passwords) the read-only login role QGIS connects with: SELECT on the qgis_* views, nothing else.
//   echo 'a long password' | DATABASE_URL=postgres://… npx tsx scripts/db/qgis-role.ts xg_qgis
// (PostgreSQL only: the embedded PGlite takes no network logins; QGIS needs a real server.)
import { readFileSync } from 'node:fs';
import { openDb } from '../../src/server/db.ts';
import { migrate } from '../../src/server/migrations.ts';
import { createReadOnlyRole, QGIS_VIEWS } from '../../src/server/qgis.ts';

const role = process.argv[2];
const url = process.env.DATABASE_URL;
if (!role || !url) {
  console.error('usage: echo <password> | DATABASE_URL=postgres://… npx tsx scripts/db/qgis-role.ts <role>');
  process.exit(2);
}
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
