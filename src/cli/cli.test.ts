import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dataDir = mkdtempSync(path.join(tmpdir(), 'tobira-cli-'));
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(`${dataDir}.key`, { force: true }); // the secret key lives beside the data directory
});

// Always on a fresh embedded database: the command line's own path, as an administrator uses it.
const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', TOBIRA_ADMIN_EMAIL: 'boss@cli.test', TOBIRA_ADMIN_PASSWORD: 'boss-password-12' };
const tobira = (...args: string[]) => run(process.execPath, ['bin/tobira.mjs', ...args], { env });

describe('tobira command line', () => {
  it('migrates, adds a user, creates a token that the API accepts', async () => {
    const migrated = await tobira('migrate');
    expect(migrated.stdout).toMatch(/Applied: 0001_foundation.sql/);
    const added = await tobira('user', 'add', '--email', 'Desk@Cli.Test', '--name', 'Front desk', '--role', 'reception', '--language', 'en');
    expect(added.stdout).toMatch(/Created reception desk@cli.test/);
    expect(added.stdout).toMatch(/Password \(shown once\): \S{20}/);
    const token = (await tobira('token', 'create', '--email', 'desk@cli.test', '--name', 'script')).stdout.trim();
    expect(token).toMatch(/^tbr_[\w-]{40,}$/);

    const { openDatabase } = await import('../server/db/database');
    const { buildApp } = await import('../server/app');
    const { loadConfig } = await import('../server/config');
    const config = loadConfig({ DATA_DIR: dataDir });
    const handle = await openDatabase({ dataDir });
    const { app } = await buildApp({ db: handle.db, secretKey: config.secretKey });
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    await app.close();
    await handle.close();
    expect(me.json()).toMatchObject({ email: 'desk@cli.test', role: 'reception', language: 'en' });
  }, 90_000);

  it('refuses bad input with the field named and a non-zero exit', async () => {
    const failed = await tobira('user', 'add', '--email', 'not-an-email', '--name', 'X', '--role', 'king').catch((e: { code: number; stderr: string }) => e);
    expect('code' in failed && failed.code).toBe(2);
    expect('stderr' in failed && failed.stderr).toMatch(/--email/);
    expect('stderr' in failed && failed.stderr).toMatch(/--role/);
  }, 60_000);
});
