// `npm run db:migrate`: applies the schema migrations (src/server/migrations/) to DATABASE_URL, or to the embedded
// database in var/db. The server also does this on start; this is for preparing a production database beforehand.
import path from 'node:path';
import { openAndMigrate } from '../../src/server/main.ts';
import { schemaVersion } from '../../src/server/migrations.ts';

const { db, unlock } = await openAndMigrate({ databaseUrl: process.env.DATABASE_URL || undefined, dbDir: process.env.XG_DB_DIR ? path.resolve(process.env.XG_DB_DIR) : undefined });
console.log(`database (${db.engine}) is at schema version ${await schemaVersion(db)}`);
await db.close();
unlock();
