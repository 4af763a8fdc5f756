import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredRoutes } from '../../../server/http/plugin';
import { createTestEnv, type TestEnv } from '../../../server/test/factories';
import type { RoleCode } from '../../staff/contract';

// Separation of duties (issue 13, point 11): the fundraiser role never reaches people, case files,
// consultations, aid or shelter data; caseworkers, reception, coordinators (and viewers, advocacy)
// never reach supporters or gifts; only administrators reach both. Every declared route is called.

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

const anyId = '00000000-0000-4000-8000-000000000000';
const routes = () => declaredRoutes.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD' && typeof r.access === 'string' && r.access.includes('.'));
/** The permissions of the client side of the house: anything about a person who comes to the door. */
const clientSide = /^(people|visits|consultations|assistance|cases|documents|privacy|shelter|deadlines|tasks|merge|matching|advocacy\.tag)\b/;

async function status(role: RoleCode, method: string, url: string) {
  const staff = await env.staff(role);
  const res = await env.app.inject({ method: method as 'GET', url: url.replace(/:[a-zA-Z]+/g, anyId), headers: staff.headers, payload: method === 'GET' || method === 'DELETE' ? undefined : {} });
  return res.statusCode;
}

describe('separation of duties', () => {
  it('keeps every client-side route from the fundraiser', async () => {
    const client = routes().filter((r) => clientSide.test(String(r.access)));
    expect(client.length).toBeGreaterThan(30);
    for (const r of client) expect(await status('fundraiser', r.method, r.url), `${r.method} ${r.url}`).toBe(403);
  });

  it('keeps every fundraising route from caseworkers, reception, coordinators, viewers and advocacy staff', async () => {
    const fundraising = routes().filter((r) => String(r.access).startsWith('fundraising.'));
    expect(fundraising.length).toBeGreaterThan(25);
    for (const role of ['caseworker', 'reception', 'coordinator', 'viewer', 'advocacy'] as const) {
      for (const r of fundraising) expect(await status(role, r.method, r.url), `${role} ${r.method} ${r.url}`).toBe(403);
    }
  });

  it('lets an administrator reach both sides', async () => {
    expect(await status('admin', 'GET', '/api/fundraising/supporters')).toBe(200);
    expect(await status('admin', 'GET', '/api/people?q=a')).toBe(200);
  });

  it('never links a client and a donor: the same name and email on both sides stay two records', async () => {
    const caseworker = await env.staff('caseworker');
    const fundraiser = await env.staff('fundraiser');
    await env.services.people.create(caseworker.ctx, { familyName: 'Tesfaye', givenName: 'Abebe', dateOfBirthEstimated: false, sex: 'male', languages: [], phone: '090-1111-2222' });
    const s = await env.services.fundraising.supporters.create(fundraiser.ctx, { ...baseSupporter, familyName: 'Tesfaye', givenName: 'Abebe', phone: '090-1111-2222' });
    const found = await env.app.inject({ method: 'GET', url: `/api/fundraising/supporters/${s.id}`, headers: fundraiser.headers });
    expect(Object.keys(found.json() as object).some((k) => /person|file|case/i.test(k))).toBe(false);
    const dupes = await env.services.fundraising.supporters.findDuplicates(fundraiser.ctx, { ...dupeQuery, familyName: 'Tesfaye', givenName: 'Abebe', phone: '090-1111-2222' });
    expect(dupes.map((d) => d.supporter.id)).toEqual([s.id]);
  });
});

const baseSupporter = {
  kind: 'individual' as const, familyName: '', givenName: '', familyNameKana: '', givenNameKana: '', organisationName: '', organisationNameKana: '',
  department: '', preferredLanguage: 'en' as const, allowPost: true, allowEmail: true, allowPhone: false, publishName: false, noContact: false, notes: '',
  tags: [], acknowledgeDuplicates: false,
};
const dupeQuery = { kind: 'individual' as const, familyName: '', givenName: '', familyNameKana: '', givenNameKana: '', organisationName: '' };
