import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app';
import { createTestEnv, type TestEnv } from '../../../server/test/factories';
import { throttleDelayMs } from './staff.service';

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

  it('rate-limits login attempts from one address, whatever the emails', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: `x${i}@test.local`, password: 'y' }, remoteAddress: '10.9.9.9' });
      codes.push(r.json().error.code);
    }
    expect(codes).toContain('request.rate_limited');
    expect(codes).not.toContain('auth.too_many_attempts');
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

function login(email: string, password: string, ip: string, headers: Record<string, string> = {}) {
  return env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: ip, headers });
}

async function failFiveTimes(email: string, ip: string) {
  for (let i = 0; i < 5; i++) expect((await login(email, `wrong-${i}`, ip)).statusCode).toBe(401);
}

/** A fresh account of its own, so no other test's logins touch its throttling. */
async function newAccount() {
  const email = `throttle.${randomBytes(4).toString('hex')}@test.local`;
  const password = `pw-${randomBytes(9).toString('hex')}`;
  const { id } = await env.services.staff.addUser(env.organisationId, { email, displayName: `Throttle ${email}`, role: 'viewer', language: 'en', password });
  return { id, email, password };
}

/** The throttle row of an (email, address) pair, read straight from the database. */
async function throttleRow(email: string, ip: string) {
  const { rows } = await sql<{ failure_count: number; blocked_until: Date | null }>`
    SELECT failure_count, blocked_until FROM login_throttle WHERE email = ${email} AND ip = ${ip}`.execute(env.handle.db);
  return rows[0];
}

/** Moves a pair's block into the past, as if its delay had run out (no sleeping in tests). */
async function expireBlock(email: string, ip: string) {
  await sql`UPDATE login_throttle SET blocked_until = now() - interval '1 second' WHERE email = ${email} AND ip = ${ip}`.execute(env.handle.db);
}

async function secondsBlocked(email: string, ip: string) {
  const until = (await throttleRow(email, ip))?.blocked_until;
  return until ? (until.getTime() - Date.now()) / 1000 : 0;
}

/** What a caller can see of a refused login: status, body and headers that could tell accounts apart. */
function answer(res: { statusCode: number; body: string; headers: Record<string, unknown> }) {
  return { status: res.statusCode, body: res.body, hasRetryAfter: res.headers['retry-after'] !== undefined, setCookie: res.headers['set-cookie'], type: res.headers['content-type'] };
}

describe('throttle delay schedule', () => {
  it('is nothing up to 4 failures, a minute at 5, doubling with each further failure, at most an hour', () => {
    expect([0, 1, 4].map(throttleDelayMs)).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11, 12, 100, 100_000].map((n) => throttleDelayMs(n) / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60, 60]);
  });
});

describe('login throttling', () => {
  it('answers unknown, inactive and wrong-password logins byte for byte the same', async () => {
    const staff = await newAccount();
    const gone = await newAccount();
    const admin = await env.staff('admin');
    await env.services.staff.update(admin.ctx, gone.id, { isActive: false });
    const wrong = await login(staff.email, 'nope', '10.3.0.1');
    const unknown = await login('nobody@test.local', 'nope', '10.3.0.2');
    const inactive = await login(gone.email, gone.password, '10.3.0.3');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('auth.invalid_credentials');
    expect(answer(unknown)).toEqual(answer(wrong));
    expect(answer(inactive)).toEqual(answer(wrong));
  });

  it('blocks an (email, address) pair after 5 failures, even for the right password, exactly as for an unknown email; another address still logs in', async () => {
    const staff = await newAccount();
    const nobody = 'nobody.else@test.local';
    await failFiveTimes(staff.email, '10.4.0.1');
    await failFiveTimes(nobody, '10.4.0.2');
    const blocked = await login(staff.email, 'wrong-again', '10.4.0.1');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('auth.too_many_attempts');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const right = await login(staff.email, staff.password, '10.4.0.1');
    const unknown = await login(nobody, staff.password, '10.4.0.2');
    expect(answer(right)).toEqual(answer(blocked));
    expect(answer(unknown)).toEqual(answer(blocked));
    const elsewhere = await login(staff.email, staff.password, '10.4.0.3');
    expect(elsewhere.statusCode).toBe(200);
    const stillBlocked = await login(staff.email, staff.password, '10.4.0.1', { 'accept-language': 'en' });
    expect(stillBlocked.statusCode).toBe(429);
    expect(stillBlocked.json().error.message).toMatch(/Too many failed logins/);
    // Refused attempts are not checked and do not lengthen the block.
    expect((await throttleRow(staff.email, '10.4.0.1'))?.failure_count).toBe(5);
  });

  it('makes the block longer with each further failure, and a success clears the pair', async () => {
    const staff = await newAccount();
    const ip = '10.5.0.1';
    await failFiveTimes(staff.email, ip);
    expect(await secondsBlocked(staff.email, ip)).toBeCloseTo(60, -1);
    await expireBlock(staff.email, ip);
    expect((await login(staff.email, 'wrong-6', ip)).statusCode).toBe(401);
    expect(await secondsBlocked(staff.email, ip)).toBeCloseTo(120, -1);
    const refused = await login(staff.email, staff.password, ip);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(110);
    await expireBlock(staff.email, ip);
    expect((await login(staff.email, 'wrong-7', ip)).statusCode).toBe(401);
    expect(await secondsBlocked(staff.email, ip)).toBeCloseTo(240, -1);
    await expireBlock(staff.email, ip);
    expect((await login(staff.email, staff.password, ip)).statusCode).toBe(200);
    expect(await throttleRow(staff.email, ip)).toBeUndefined();
  });

  it('audits the start of a block, for unknown emails too', async () => {
    const staff = await newAccount();
    await failFiveTimes(staff.email, '10.6.0.1');
    await failFiveTimes('nobody.at.all@test.local', '10.6.0.2');
    const events = await env.handle.db.selectFrom('audit_event').select(['organisation_id', 'actor_staff_user_id', 'entity_type', 'ip', 'details'])
      .where('action', '=', 'login_blocked').where('ip', 'in', ['10.6.0.1', '10.6.0.2']).orderBy('id').execute();
    expect(events).toEqual([
      { organisation_id: env.organisationId, actor_staff_user_id: staff.id, entity_type: 'session', ip: '10.6.0.1', details: { failures: 5, minutes: 1 } },
      { organisation_id: null, actor_staff_user_id: null, entity_type: 'session', ip: '10.6.0.2', details: { failures: 5, minutes: 1 } },
    ]);
  });

  it('an administrator sees who is blocked from where and unlocks them (audited); others may not', async () => {
    const staff = await newAccount();
    const admin = await env.staff('admin');
    const caseworker = await env.staff('caseworker');
    await failFiveTimes(staff.email, '10.8.0.1');
    await failFiveTimes(staff.email, '10.8.0.2');
    expect((await login(staff.email, staff.password, '10.8.0.1')).statusCode).toBe(429);

    expect((await env.app.inject({ method: 'GET', url: '/api/staff/throttles' })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'GET', url: '/api/staff/throttles', headers: caseworker.headers })).statusCode).toBe(403);
    const listed = await env.app.inject({ method: 'GET', url: '/api/staff/throttles', headers: admin.headers });
    expect(listed.statusCode).toBe(200);
    const mine = listed.json().items.find((t: { staffUserId: string }) => t.staffUserId === staff.id);
    expect(mine).toMatchObject({ staffUserId: staff.id, addresses: ['10.8.0.1', '10.8.0.2'] });
    expect(Date.parse(mine.blockedUntil)).toBeGreaterThan(Date.now());

    const unlockUrl = `/api/staff/${staff.id}/unlock`;
    expect((await env.app.inject({ method: 'POST', url: unlockUrl })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'POST', url: unlockUrl, headers: caseworker.headers })).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'POST', url: '/api/staff/not-an-id/unlock', headers: admin.headers })).statusCode).toBe(400);
    const unknown = await env.app.inject({ method: 'POST', url: '/api/staff/00000000-0000-4000-8000-000000000000/unlock', headers: admin.headers });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('staff.not_found');
    const unlocked = await env.app.inject({ method: 'POST', url: unlockUrl, headers: admin.headers });
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json()).toEqual({ ok: true });

    const audit = await env.handle.db.selectFrom('audit_event').select(['actor_staff_user_id', 'entity_type', 'entity_id', 'details'])
      .where('action', '=', 'unlock').where('entity_id', '=', staff.id).execute();
    expect(audit).toEqual([{ actor_staff_user_id: admin.ctx.actor.staffUserId, entity_type: 'staff_user', entity_id: staff.id, details: { addresses: 2 } }]);
    const after = await env.app.inject({ method: 'GET', url: '/api/staff/throttles', headers: admin.headers });
    expect(after.json().items.map((t: { staffUserId: string }) => t.staffUserId)).not.toContain(staff.id);
    expect((await login(staff.email, staff.password, '10.8.0.1')).statusCode).toBe(200);
    expect((await login(staff.email, staff.password, '10.8.0.2')).statusCode).toBe(200);
  });
});

describe('session cookie over TLS', () => {
  it('is Secure when a trusted proxy says the request came over HTTPS; without trust the header is ignored', async () => {
    const { email, password } = await newAccount();
    const proxied = await buildApp({ db: env.handle.db, secretKey: randomBytes(32), trustProxy: true });
    try {
      const viaTls = await proxied.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: '10.7.0.1', headers: { 'x-forwarded-proto': 'https' } });
      expect(viaTls.statusCode).toBe(200);
      expect(String(viaTls.headers['set-cookie'])).toMatch(/;\s*Secure/i);
      const plain = await proxied.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: '10.7.0.1' });
      expect(plain.statusCode).toBe(200);
      expect(String(plain.headers['set-cookie'])).not.toMatch(/Secure/i);
    } finally {
      await proxied.app.close();
    }
    const untrusted = await login(email, password, '10.7.0.2', { 'x-forwarded-proto': 'https' });
    expect(untrusted.statusCode).toBe(200);
    expect(String(untrusted.headers['set-cookie'])).toMatch(/HttpOnly/i);
    expect(String(untrusted.headers['set-cookie'])).not.toMatch(/Secure/i);
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
