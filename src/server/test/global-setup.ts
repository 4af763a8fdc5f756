import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { openPglite } from '../db/pglite';
import { databaseUrlFor } from './database';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated template this run's test files copy: a PGlite dump path, or a PostgreSQL database name. */
    testTemplate: string;
  }
}

/**
 * Migrates one template database per run; every test file then starts from a copy of it. Each run
 * gets its own template, so two runs on one machine never read each other's half-built template.
 */
export default async function setup(project: TestProject) {
  const runId = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const templatePath = path.resolve(`.tmp/test/pglite-template-${runId}.tar`);
    const handle = await openPglite({ dataDir: 'memory://' });
    const { Kysely, PostgresDialect } = await import('kysely');
    const db = new Kysely<never>({ dialect: new PostgresDialect({ pool: handle.pool }) });
    await migrate(db as never);
    const dump = await handle.pglite.dumpDataDir('none');
    mkdirSync(path.dirname(templatePath), { recursive: true });
    writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
    await db.destroy();
    await handle.close();
    project.provide('testTemplate', templatePath);
    return () => rmSync(templatePath, { force: true });
  }
  const templateName = `tobira_test_template_${runId}`;
  const admin = new pg.Client({ connectionString: databaseUrlFor(databaseUrl) });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${templateName}`);
  const handle = await openDatabase({ databaseUrl: databaseUrlFor(databaseUrl, templateName) });
  await migrate(handle.db);
  await handle.close();
  await admin.end();
  project.provide('testTemplate', templateName);
  return async () => {
    const dropper = new pg.Client({ connectionString: databaseUrlFor(databaseUrl) });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${templateName} WITH (FORCE)`);
    await dropper.end();
  };
}
