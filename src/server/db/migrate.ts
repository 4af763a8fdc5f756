import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './database';

export const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

/** Applies every migration in migrations/ not yet recorded, in name order, each in its own transaction. */
export async function migrate(db: Db): Promise<string[]> {
  await sql`CREATE TABLE IF NOT EXISTS tobira_migration (
    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  const applied = new Set(
    (await db.selectFrom('tobira_migration').select('name').execute()).map((row) => row.name),
  );
  const files = readdirSync(migrationsDir).filter((f) => f.endsWith('.sql')).sort();
  const done: string[] = [];
  for (const file of files) {
    if (applied.has(file)) continue;
    const text = readFileSync(path.join(migrationsDir, file), 'utf8');
    await db.transaction().execute(async (tx) => {
      // Serialise concurrent migrators (several servers starting at once on one PostgreSQL).
      await sql`SELECT pg_advisory_xact_lock(727274)`.execute(tx);
      const again = await tx.selectFrom('tobira_migration').select('name').where('name', '=', file).executeTakeFirst();
      if (again) return;
      await sql.raw(text).execute(tx);
      await tx.insertInto('tobira_migration').values({ name: file }).execute();
      done.push(file);
    });
  }
  return done;
}
