import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, webDistDir } from '../app';
import { createTestEnv, makePerson, type TestEnv } from '../test/factories';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

describe('caching of API responses', () => {
  it('tells browsers and proxies to keep no copy of personal data', async () => {
    const caseworker = await env.staff('caseworker');
    await makePerson(env, { familyName: 'Cachefree' });
    const people = await env.app.inject({ method: 'GET', url: '/api/people', headers: caseworker.headers });
    expect(people.statusCode).toBe(200);
    expect(people.headers['cache-control']).toBe('no-store');
    const me = await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: caseworker.headers });
    expect(me.statusCode).toBe(200);
    expect(me.headers['cache-control']).toBe('no-store');
  });

  it('also on errors, logins and unknown API paths', async () => {
    const anonymous = await env.app.inject({ method: 'GET', url: '/api/people' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['cache-control']).toBe('no-store');
    const login = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'root@test.local', password: 'root-password-123' }, remoteAddress: '10.20.0.1' });
    expect(login.statusCode).toBe(200);
    expect(login.headers['cache-control']).toBe('no-store');
    const missing = await env.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['cache-control']).toBe('no-store');
  });

  it("keeps a route's own cache-control", async () => {
    const viewer = await env.staff('viewer');
    const today = new Date().toISOString().slice(0, 10);
    const csv = await env.app.inject({ method: 'GET', url: `/api/reports/summary.csv?from=${today}&to=${today}`, headers: viewer.headers });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['cache-control']).toBe('private, no-store');
  });
});

const hasBuiltWeb = existsSync(path.join(webDistDir, 'index.html'));

describe('caching of the web app', () => {
  it.skipIf(!hasBuiltWeb)('leaves the caching of the built web app (pages and assets) as it was: never no-store', async () => {
    const { app } = await buildApp({ db: env.handle.db, secretKey: randomBytes(32), serveWeb: true });
    try {
      const page = await app.inject({ method: 'GET', url: '/people' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBeDefined();
      expect(page.headers['cache-control']).not.toContain('no-store');
      const asset = readdirSync(path.join(webDistDir, 'assets'))[0];
      if (asset) {
        const file = await app.inject({ method: 'GET', url: `/assets/${asset}` });
        expect(file.statusCode).toBe(200);
        expect(file.headers['cache-control']).toBeDefined();
        expect(file.headers['cache-control']).not.toContain('no-store');
      }
    } finally {
      await app.close();
    }
  });
});
