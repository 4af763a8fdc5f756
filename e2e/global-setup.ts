import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { databaseUrlFor } from '../src/server/test/database';
import { testSetupReport } from './doctor';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    adminEmail: string;
    adminPassword: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Tobira exited early:\n${output()}`);
    try {
      const res = await fetch(`${url}api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`Tobira did not start within 120 s:\n${output()}`);
}

/**
 * Starts Tobira the way a person does (`tobira start`, building the web app), on a fresh
 * PGlite data dir — or a fresh database on the PostgreSQL server in DATABASE_URL.
 */
export default async function setup(project: TestProject) {
  // Say which browser, fonts and database this run uses (the same lines as `npm run doctor`).
  for (const line of await testSetupReport({ launchBrowser: false })) console.log(`[tobira e2e] ${line}`);
  const { build } = await import('vite');
  await build({ configFile: path.resolve('vite.config.ts'), logLevel: 'warn' });

  const dataDir = mkdtempSync(path.join(tmpdir(), 'tobira-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(await freePort()), HOST: '127.0.0.1' };
  let dropDatabase: (() => Promise<void>) | null = null;
  if (process.env.DATABASE_URL) {
    const name = `tobira_e2e_${Date.now()}`;
    const admin = databaseUrlFor(process.env.DATABASE_URL);
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    env.DATABASE_URL = databaseUrlFor(process.env.DATABASE_URL, name);
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const adminEmail = 'admin@e2e.tobira';
  const adminPassword = 'e2e-admin-password-1';
  env.TOBIRA_ADMIN_EMAIL = adminEmail;
  // The journeys fill the public forms faster than a person could: the bot check's "too fast" is tested in src/modules/runners.
  env.TOBIRA_FORM_MIN_SECONDS = '0';
  env.TOBIRA_ADMIN_PASSWORD = adminPassword;

  let output = '';
  const child = spawn(process.execPath, ['bin/tobira.mjs', 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const baseUrl = `http://127.0.0.1:${env.PORT}/`;
  await waitForHealth(baseUrl, child, () => output);

  project.provide('baseUrl', baseUrl);
  project.provide('adminEmail', adminEmail);
  project.provide('adminPassword', adminPassword);

  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await dropDatabase?.();
    rmSync(dataDir, { recursive: true, force: true });
    // The server generated its secret key beside the data directory (src/server/config.ts).
    rmSync(`${dataDir}.key`, { force: true });
  };
}
