import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';

/** The same extensions on every open: a data dir created with them cannot be read without them. */
export const pgliteExtensions = { pg_trgm, unaccent, fuzzystrmatch, btree_gist };

export interface PgliteHandle {
  pglite: PGlite;
  pool: pg.Pool;
  close(): Promise<void>;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The data directory ${dataDir} is in use by another Tobira process (pid ${pid}). ` +
        'PGlite cannot be shared between processes: stop the other process, or use DATABASE_URL ' +
        'with a PostgreSQL server to run several processes. ' +
        `/ データディレクトリ ${dataDir} は別の Tobira プロセス (pid ${pid}) が使用中です。`,
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data dir's lock file (PGlite has no lock of its own; two processes on one
 * data dir corrupt it silently). A lock left by a process that no longer runs is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'tobira.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
        throw new DataDirLockedError(dataDir, holder);
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

export async function openPglite(options: { dataDir: string; loadDataDir?: Blob | undefined }): Promise<PgliteHandle> {
  const inMemory = options.dataDir.startsWith('memory://');
  const dataDir = inMemory ? options.dataDir : path.resolve(options.dataDir);
  const unlock = inMemory ? () => undefined : lockDataDir(dataDir);
  try {
    const pglite = await PGlite.create({
      dataDir: inMemory ? undefined : path.join(dataDir, 'pgdata'),
      loadDataDir: options.loadDataDir,
      extensions: pgliteExtensions,
    });
    // PGlite is one connection: the pool hands it to one query or transaction at a time.
    const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
    return {
      pglite,
      pool,
      close: async () => {
        if (!pool.ended) await pool.end();
        await pglite.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
