import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../src/server/db/database';

export type Engine = 'pglite' | 'postgres';

/**
 * An empty database for one benchmark run: PGlite in a temporary directory, or a database `name`
 * (re)created on the PostgreSQL server at `pgUrl`. `dispose` removes it.
 */
export async function openFresh(engine: Engine, name: string, pgUrl: string): Promise<{ handle: DatabaseHandle; dispose: () => Promise<void> }> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), `${name}-`));
    const handle = await openDatabase({ dataDir: dir });
    return { handle, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 10 });
  return {
    handle,
    dispose: async () => {
      const dropper = new pg.Client({ connectionString: pgUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
