import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { openPglite } from '../db/pglite';
import { databaseUrlFor, pgliteTemplatePath, pgTemplateName } from './database';

/** Migrates one template database per run; every test file then starts from a copy of it. */
export default async function setup() {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const handle = await openPglite({ dataDir: 'memory://' });
    const { Kysely, PostgresDialect } = await import('kysely');
    const db = new Kysely<never>({ dialect: new PostgresDialect({ pool: handle.pool }) });
    await migrate(db as never);
    const dump = await handle.pglite.dumpDataDir('none');
    mkdirSync(path.dirname(pgliteTemplatePath), { recursive: true });
    writeFileSync(pgliteTemplatePath, Buffer.from(await dump.arrayBuffer()));
    await db.destroy();
    await handle.close();
    return;
  }
  const admin = new pg.Client({ connectionString: databaseUrlFor(databaseUrl) });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${pgTemplateName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${pgTemplateName}`);
  const handle = await openDatabase({ databaseUrl: databaseUrlFor(databaseUrl, pgTemplateName) });
  await migrate(handle.db);
  await handle.close();
  await admin.end();
}
