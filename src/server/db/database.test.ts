import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from './migrate';
import { openDatabase } from './database';
import { DataDirLockedError, lockDataDir } from './pglite';
import { maintainEmbedded } from './maintenance';
import { createTestDatabase } from '../test/database';

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe(`migrations on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('create every table, and running them again changes nothing', async () => {
    const handle = await createTestDatabase();
    try {
      expect(await migrate(handle.db)).toEqual([]);
      const tables = await sql<{ tablename: string }>`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`.execute(handle.db);
      const names = tables.rows.map((r) => r.tablename);
      for (const t of ['organisation', 'staff_user', 'role_permission', 'session', 'api_token', 'audit_event', 'person', 'visit', 'consultation', 'aid_item', 'assistance']) {
        expect(names).toContain(t);
      }
      const ext = await sql<{ extname: string }>`SELECT extname FROM pg_extension`.execute(handle.db);
      expect(ext.rows.map((r) => r.extname)).toEqual(expect.arrayContaining(['pg_trgm', 'unaccent', 'fuzzystrmatch', 'btree_gist']));
    } finally {
      await handle.close();
    }
  });
});

describe('embedded PGlite data directory', () => {
  it('refreshes the planner statistics itself, since PGlite has no autovacuum', async () => {
    const handle = await openDatabase({});
    try {
      await sql`CREATE TABLE movements (id int)`.execute(handle.db);
      await sql`INSERT INTO movements SELECT generate_series(1, 5000)`.execute(handle.db);
      const rows = async () => Number((await sql<{ n: number }>`SELECT reltuples AS n FROM pg_class WHERE relname = 'movements'`.execute(handle.db)).rows[0]?.n);
      // Never analyzed: the planner would assume a tiny table.
      expect(await rows()).toBe(-1);
      await maintainEmbedded(handle);
      expect(await rows()).toBe(5000);
    } finally {
      await handle.close();
    }
  });

  it('keeps data across a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tobira-pglite-'));
    dirs.push(dir);
    const first = await openDatabase({ dataDir: dir });
    await migrate(first.db);
    await first.db.insertInto('organisation').values({ name: 'Kept' }).execute();
    await first.close();
    const second = await openDatabase({ dataDir: dir });
    const rows = await second.db.selectFrom('organisation').select('name').execute();
    await second.close();
    expect(rows.map((r) => r.name)).toEqual(['Kept']);
  }, 60_000);

  it('refuses a second process on the same data dir with a clear message', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tobira-lock-'));
    dirs.push(dir);
    const handle = await openDatabase({ dataDir: dir });
    try {
      const result = await run(process.execPath, ['bin/tobira.mjs', 'migrate'], { env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' } }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
      );
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/in use by another Tobira process/);
      expect(result.stderr).toContain(String(process.pid));
    } finally {
      await handle.close();
    }
  }, 60_000);

  it('takes over a lock left by a process that no longer runs', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tobira-stale-'));
    dirs.push(dir);
    const exited = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(path.join(dir, 'tobira.lock'), String(exited));
    const unlock = lockDataDir(dir);
    expect(readFileSync(path.join(dir, 'tobira.lock'), 'utf8')).toBe(String(process.pid));
    unlock();
    // A live holder is refused.
    writeFileSync(path.join(dir, 'tobira.lock'), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
  });
});
