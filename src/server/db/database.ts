import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';
import type { PGlite } from '@electric-sql/pglite';
import { openPglite, type PgliteHandle } from './pglite';

// `date` columns stay 'YYYY-MM-DD' strings: a date of birth has no time zone to shift.
pg.types.setTypeParser(1082, (value: string) => value);
// bigint (counts, audit ids) as JS numbers: our counts stay far below 2^53.
pg.types.setTypeParser(20, (value: string) => Number(value));

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
export type DbOrTx = Db | Tx;

export interface DatabaseHandle {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** The embedded engine itself (PGlite only): for data-dir dumps, e.g. the encryption-at-rest tests. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent, the embedded PGlite in `dataDir` is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory, or 'memory://' for a throw-away database. */
  dataDir?: string | undefined;
  /** A PGlite data dump (from a migrated template) to start an in-memory database from. */
  loadDataDir?: Blob | undefined;
  poolSize?: number | undefined;
}

/** Opens the one database Tobira runs on: PostgreSQL when a URL is given, else embedded PGlite. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle connection dropped by the server (restart, failover) must not crash the process:
    // the pool discards it and opens a new one on the next query.
    pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  const handle: PgliteHandle = await openPglite({
    dataDir: options.dataDir ?? 'memory://',
    loadDataDir: options.loadDataDir,
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: handle.pool }) });
  return {
    db,
    engine: 'pglite',
    pglite: handle.pglite,
    close: async () => {
      await db.destroy();
      await handle.close();
    },
  };
}
