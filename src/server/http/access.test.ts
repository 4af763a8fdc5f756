import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredRoutes } from './plugin';
import { createTestEnv, type TestEnv } from '../test/factories';
import { Permission } from '../../modules/staff/contract';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

// The only routes anyone may call without logging in.
// The public figures (advocacy) are banded aggregates for the website: nothing below k, nothing per person.
const publicApi = new Set(['GET /api/health', 'POST /api/auth/login', 'GET /api/openapi.json', 'GET /api/public/figures',
  // Charity runners and campaign pages (issue 14): only what each person agreed to publish; the webhook is signed (HMAC).
  'GET /api/public/events/:event', 'GET /api/public/runners/:event/:slug', 'GET /api/public/appeals/:slug', 'POST /api/public/payments']);
/** The public giving pages (server-rendered HTML): runner and event pages, their forms, the runner's edit link. */
const publicPages = /^\/(give|appeal)(\/|$)/;

describe('access control', () => {
  it('every registered route declares who may call it, and only a few are public', () => {
    const routes = declaredRoutes.filter((r) => r.method !== 'HEAD');
    expect(routes.length).toBeGreaterThan(20);
    for (const r of routes) {
      expect(r.access, `${r.method} ${r.url}`).toBeDefined();
      if (r.access === 'public') {
        const isDocs = r.url.startsWith('/api/docs');
        expect(isDocs || publicApi.has(`${r.method} ${r.url}`) || publicPages.test(r.url) || r.url === '/*', `${r.method} ${r.url} is public`).toBe(true);
      } else if (r.access !== 'authenticated') {
        expect(Permission.options, `${r.method} ${r.url}`).toContain(r.access);
      }
    }
  });

  it('a route without a declaration cannot even be registered', async () => {
    const { default: Fastify } = await import('fastify');
    const { registerAccessControl } = await import('./plugin');
    const app = Fastify();
    registerAccessControl(app, { cookieName: 'c', actorFromSession: async () => null, actorFromToken: async () => null, publicPrefixes: [] });
    expect(() => app.get('/api/open', async () => 'oops')).toThrow(/declares no access/);
    await app.close();
  });

  it('every non-public API route answers 401 to an anonymous caller', async () => {
    const routes = declaredRoutes.filter((r) => r.url.startsWith('/api/') && r.access !== 'public' && r.method !== 'HEAD');
    for (const r of routes) {
      const url = r.url.replace(':id', '00000000-0000-4000-8000-000000000000').replace(':code', 'food_parcel');
      const res = await env.app.inject({ method: r.method as 'GET', url, payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json().error.code).toBe('auth.unauthenticated');
    }
  });

  it('unknown API paths answer 404 in the error shape, in the caller language', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/nothing-here', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'route.not_found', message: 'There is no API at this address.', fields: {} } });
    const ja = await env.app.inject({ method: 'GET', url: '/api/nothing-here', headers: { 'accept-language': 'ja' } });
    expect(ja.json().error.message).toBe('このアドレスの API はありません。');
  });

  it('health is public and the OpenAPI document lists the API', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({ status: 'ok' });
    const doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of ['/api/people', '/api/people/{id}', '/api/people/{id}/timeline', '/api/visits', '/api/consultations', '/api/assistance', '/api/auth/login', '/api/tokens']) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
    const docs = await env.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });

  it('malformed JSON gets 400 request.invalid_json, not 500', async () => {
    const staff = await env.staff('caseworker');
    const res = await env.app.inject({ method: 'POST', url: '/api/people', headers: { ...staff.headers, 'content-type': 'application/json' }, payload: '{"familyName":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('request.invalid_json');
  });

  it('an oversized body gets 413', async () => {
    const staff = await env.staff('caseworker');
    const res = await env.app.inject({ method: 'POST', url: '/api/people', headers: { ...staff.headers, 'content-type': 'application/json' }, payload: JSON.stringify({ familyName: 'x'.repeat(2_000_000) }) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('request.too_large');
  });
});
