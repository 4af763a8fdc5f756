import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../server/test/factories';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

function cookieOf(res: { cookies: Array<{ name: string; value: string }> }) {
  const c = res.cookies.find((x) => x.name === 'tobira_session');
  if (!c) throw new Error('no session cookie');
  return `tobira_session=${c.value}`;
}

describe('login, session, CSRF, logout', () => {
  it('logs in with the right password and sets an httpOnly, SameSite=Strict session cookie', async () => {
    const staff = await env.staff('caseworker');
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: staff.email.toUpperCase(), password: staff.password } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ email: staff.email, role: 'caseworker' });
    expect(res.json().permissions).toContain('consultations.write');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const me = await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookieOf(res) } });
    expect(me.statusCode).toBe(200);
    expect(me.json().csrfToken).toEqual(res.json().csrfToken);
  });

  it('refuses a wrong password with 401 and validation errors with 400', async () => {
    const staff = await env.staff('reception');
    const wrong = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: staff.email, password: 'nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('auth.invalid_credentials');
    const unknown = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'nobody@test.local', password: 'nope' } });
    expect(unknown.statusCode).toBe(401);
    const bad = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: '' } });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['email', 'password']);
  });

  it('locks an account after 5 failures in a row, even for the right password', async () => {
    const staff = await env.staff('viewer');
    for (let i = 0; i < 4; i++) {
      const r = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: staff.email, password: `wrong-${i}` }, remoteAddress: `10.0.0.${i}` });
      expect(r.statusCode).toBe(401);
    }
    const fifth = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: staff.email, password: 'wrong-5' }, remoteAddress: '10.0.1.1' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('auth.locked');
    const right = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: staff.email, password: staff.password }, remoteAddress: '10.0.1.2', headers: { 'accept-language': 'en' } });
    expect(right.statusCode).toBe(423);
    expect(right.json().error.message).toMatch(/locked/);
  });

  it('rate-limits login attempts from one address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'x@test.local', password: 'y' }, remoteAddress: '10.9.9.9' });
      codes.push(r.statusCode);
    }
    expect(codes).toContain(429);
  });

  it('requires the CSRF token for cookie-authenticated writes, and logout ends the session', async () => {
    const staff = await env.staff('caseworker', 'ja');
    const login = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: staff.email, password: staff.password }, remoteAddress: '10.1.1.1' });
    const cookie = cookieOf(login);
    const csrf = login.json().csrfToken as string;
    const noToken = await env.app.inject({ method: 'POST', url: '/api/people', headers: { cookie }, payload: { familyName: 'Csrf' } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('auth.csrf');
    expect(noToken.json().error.message).toContain('セッション');
    const withToken = await env.app.inject({ method: 'POST', url: '/api/people', headers: { cookie, 'x-csrf-token': csrf }, payload: { familyName: 'Csrf' } });
    expect(withToken.statusCode).toBe(201);
    const out = await env.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.statusCode).toBe(200);
    const after = await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('changes my language, and messages follow it', async () => {
    const staff = await env.staff('reception', 'ja');
    const res = await env.app.inject({ method: 'PATCH', url: '/api/auth/me', headers: staff.headers, payload: { language: 'en' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().language).toBe('en');
    const bad = await env.app.inject({ method: 'PATCH', url: '/api/auth/me', headers: staff.headers, payload: { language: 'fr' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/Please check these fields: Language/);
    await env.app.inject({ method: 'PATCH', url: '/api/auth/me', headers: staff.headers, payload: { language: 'ja' } });
  });
});

describe('API tokens', () => {
  it('creates a token shown once, lists it without the secret, and revoking it stops it working', async () => {
    const staff = await env.staff('caseworker');
    expect((await env.app.inject({ method: 'POST', url: '/api/tokens', payload: { name: 'x' } })).statusCode).toBe(401);
    const bad = await env.app.inject({ method: 'POST', url: '/api/tokens', headers: staff.headers, payload: { name: '' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('name');
    const created = await env.app.inject({ method: 'POST', url: '/api/tokens', headers: staff.headers, payload: { name: 'Congrant import' } });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^tbr_/);
    const auth = { authorization: `Bearer ${token}` };
    expect((await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: auth })).statusCode).toBe(200);
    const list = await env.app.inject({ method: 'GET', url: '/api/tokens', headers: staff.headers });
    expect(JSON.stringify(list.json())).not.toContain(token);
    expect(list.json().items.map((t: { id: string }) => t.id)).toContain(id);
    expect((await env.app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: staff.headers })).statusCode).toBe(200);
    const after = await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: auth });
    expect(after.statusCode).toBe(401);
    expect((await env.app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: staff.headers })).statusCode).toBe(404);
  });

  it('stores only a hash of each token', async () => {
    const staff = await env.staff('caseworker');
    const created = (await env.app.inject({ method: 'POST', url: '/api/tokens', headers: staff.headers, payload: { name: 'hash check' } })).json();
    const rows = await env.handle.db.selectFrom('api_token').select(['token_hash']).execute();
    expect(rows.some((r) => r.token_hash.includes(created.token))).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });
});

describe('staff administration', () => {
  it('admin creates, lists and deactivates staff; others get 403; bad input 400', async () => {
    const admin = await env.staff('admin');
    const caseworker = await env.staff('caseworker');
    const payload = { email: 'new.staff@test.local', displayName: 'New Staff', role: 'reception', language: 'en', password: 'a-long-password-1' };
    expect((await env.app.inject({ method: 'POST', url: '/api/staff', payload })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'POST', url: '/api/staff', headers: caseworker.headers, payload })).statusCode).toBe(403);
    const bad = await env.app.inject({ method: 'POST', url: '/api/staff', headers: admin.headers, payload: { ...payload, role: 'boss', password: 'short' } });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['password', 'role']);
    const created = await env.app.inject({ method: 'POST', url: '/api/staff', headers: admin.headers, payload });
    expect(created.statusCode).toBe(201);
    const again = await env.app.inject({ method: 'POST', url: '/api/staff', headers: admin.headers, payload });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('staff.email_taken');
    const login = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: payload.email, password: payload.password }, remoteAddress: '10.2.2.2' });
    expect(login.statusCode).toBe(200);
    const off = await env.app.inject({ method: 'PATCH', url: `/api/staff/${created.json().id}`, headers: admin.headers, payload: { isActive: false } });
    expect(off.json().isActive).toBe(false);
    const me = await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookieOf(login) } });
    expect(me.statusCode).toBe(401);
    const list = await env.app.inject({ method: 'GET', url: '/api/staff', headers: admin.headers });
    expect(list.json().items.map((s: { email: string }) => s.email)).toContain(payload.email);
    expect((await env.app.inject({ method: 'GET', url: '/api/staff', headers: caseworker.headers })).statusCode).toBe(403);
  });
});
