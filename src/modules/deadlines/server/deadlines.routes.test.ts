import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makePerson, type TestEnv } from '../../../server/test/factories';
import { tokyoDate } from '../../../shared/time';
import { addDays, daysBetween } from '../rules';
import type { ProcedureStage } from '../../cases/contract';
import { emptySealedValues } from '../../cases/server/cases.sealing';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

const today = tokyoDate();
const missing = '00000000-0000-4000-8000-000000000000';

/** A case file as the cases module would have saved it (its API is another module's): the procedure stage sealed. */
async function caseFile(personId: string, fields: { assigned_to?: string | null; procedure_stage?: ProcedureStage; decision_notice_received_on?: string; residence_status?: string; residence_expires_on?: string; health_insurance?: string; insurance_eligible_on?: string }) {
  const { procedure_stage: procedureStage, ...plain } = fields;
  const sealed = env.services.cases.sealing.columnsFor({ ...emptySealedValues, procedureStage: procedureStage ?? null });
  await env.handle.db.insertInto('case_file').values({ person_id: personId, organisation_id: env.organisationId, ...plain, ...sealed }).execute();
}

async function reporting(personId: string, occursOn: string, done = false) {
  const caseworker = await env.staff('caseworker');
  await env.handle.db
    .insertInto('case_event')
    .values({ organisation_id: env.organisationId, person_id: personId, kind: 'reporting', occurs_on: occursOn, created_by: caseworker.ctx.actor.staffUserId, done_at: done ? new Date() : null })
    .execute();
}

describe('GET /api/people/:id/deadlines', () => {
  it('answers 401, 403, 400 and 404', async () => {
    const p = await makePerson(env);
    const url = `/api/people/${p.id}/deadlines`;
    expect((await env.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    const reception = await env.staff('reception');
    expect((await env.app.inject({ method: 'GET', url, headers: reception.headers })).statusCode).toBe(403);
    const caseworker = await env.staff('caseworker');
    const bad = await env.app.inject({ method: 'GET', url: '/api/people/nope/deadlines', headers: caseworker.headers });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['id']);
    expect((await env.app.inject({ method: 'GET', url: `/api/people/${missing}/deadlines`, headers: caseworker.headers })).statusCode).toBe(404);
  });

  it('computes every rule for a file, audited, and nothing for a file without facts', async () => {
    const caseworker = await env.staff('caseworker');
    const p = await makePerson(env);
    await caseFile(p.id, {
      procedure_stage: 'rejected', decision_notice_received_on: '2026-12-25',
      residence_status: 'designated_work', health_insurance: 'uninsured', insurance_eligible_on: '2026-03-06',
      residence_expires_on: '2026-03-15',
    });
    await reporting(p.id, '2026-04-10');
    await reporting(p.id, '2026-02-10', true);
    const res = await env.app.inject({ method: 'GET', url: `/api/people/${p.id}/deadlines`, headers: caseworker.headers });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<Record<string, unknown>>;
    expect(items.map((d) => [d.kind, d.factDate, d.dueOn])).toEqual([
      ['residence_expiry', '2026-03-15', '2026-03-13'],
      ['insurance_enrolment', '2026-03-06', '2026-03-23'],
      ['reporting', '2026-04-10', '2026-04-10'],
      ['review_request', '2026-12-25', '2027-01-04'],
    ]);
    const review = items[3];
    expect(review).toMatchObject({ lastDay: '2027-01-01', daysLeft: daysBetween(today, '2027-01-04'), isOverdue: daysBetween(today, '2027-01-04') < 0 });

    const audit = await env.handle.db.selectFrom('audit_event').select(['action', 'entity_type']).where('entity_id', '=', p.id).where('entity_type', '=', 'case_file').execute();
    expect(audit).toContainEqual({ action: 'read', entity_type: 'case_file' });

    const empty = await makePerson(env);
    const none = await env.app.inject({ method: 'GET', url: `/api/people/${empty.id}/deadlines`, headers: caseworker.headers });
    expect(none.json()).toEqual({ items: [] });
  });
});

describe('GET /api/deadlines/mine and /api/deadlines', () => {
  it('answers 401, 403 and 400', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/deadlines/mine' })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'GET', url: '/api/deadlines' })).statusCode).toBe(401);
    const reception = await env.staff('reception');
    expect((await env.app.inject({ method: 'GET', url: '/api/deadlines/mine', headers: reception.headers })).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: '/api/deadlines', headers: reception.headers })).statusCode).toBe(403);
    const caseworker = await env.staff('caseworker');
    for (const url of ['/api/deadlines/mine?days=-1', '/api/deadlines?days=many']) {
      const bad = await env.app.inject({ method: 'GET', url, headers: caseworker.headers });
      expect(bad.statusCode).toBe(400);
      expect(Object.keys(bad.json().error.fields)).toEqual(['days']);
    }
  });

  it('lists only my files, overdue first, within the window or the early warning', async () => {
    const me = await env.staff('caseworker', 'ja');
    const colleague = await env.staff('admin');
    const mine = await makePerson(env, { familyName: 'Mine' });
    const mine2 = await makePerson(env, { familyName: 'MineToo' });
    const theirs = await makePerson(env, { familyName: 'Theirs' });
    await caseFile(mine.id, { assigned_to: me.ctx.actor.staffUserId, procedure_stage: 'rejected', decision_notice_received_on: addDays(today, -30) });
    await caseFile(mine2.id, { assigned_to: me.ctx.actor.staffUserId, residence_expires_on: addDays(today, 40) });
    await reporting(mine2.id, addDays(today, 3));
    await reporting(mine2.id, addDays(today, 20));
    await caseFile(theirs.id, { assigned_to: colleague.ctx.actor.staffUserId, procedure_stage: 'rejected', decision_notice_received_on: today });

    const res = await env.app.inject({ method: 'GET', url: '/api/deadlines/mine', headers: me.headers });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ kind: string; isOverdue: boolean; daysLeft: number; person: { familyName: string }; assignedToName: string }>;
    expect(items.map((d) => [d.person.familyName, d.kind, d.isOverdue])).toEqual([
      ['Mine', 'review_request', true],
      ['MineToo', 'reporting', false],
    ]);
    expect(items[0]?.daysLeft).toBeLessThan(-20);
    expect(items[1]?.daysLeft).toBe(3);
    expect(items[0]?.assignedToName).toBe('caseworker ja');

    // A wider window brings the later reporting date and the expiry (also inside its 30-day warning).
    const wide = await env.app.inject({ method: 'GET', url: '/api/deadlines/mine?days=45', headers: me.headers });
    expect((wide.json().items as Array<{ kind: string }>).map((d) => d.kind)).toEqual(['review_request', 'reporting', 'reporting', 'residence_expiry']);

    const team = await env.app.inject({ method: 'GET', url: '/api/deadlines', headers: me.headers });
    expect((team.json().items as Array<{ person: { familyName: string } }>).map((d) => d.person.familyName)).toContain('Theirs');
  });

  it('takes the review deadline from the sealed procedure stage, opened in memory (and from a row written before sealing)', async () => {
    const me = await env.staff('caseworker', 'en');
    const sealedRejected = await makePerson(env, { familyName: 'SealedRejected' });
    const sealedPending = await makePerson(env, { familyName: 'SealedPending' });
    const legacy = await makePerson(env, { familyName: 'LegacyRejected' });
    const notice = addDays(today, -2);
    await caseFile(sealedRejected.id, { assigned_to: me.ctx.actor.staffUserId, procedure_stage: 'rejected', decision_notice_received_on: notice });
    await caseFile(sealedPending.id, { assigned_to: me.ctx.actor.staffUserId, procedure_stage: 'first_instance', decision_notice_received_on: notice });
    await env.handle.db.insertInto('case_file').values({ person_id: legacy.id, organisation_id: env.organisationId, assigned_to: me.ctx.actor.staffUserId, procedure_stage: 'rejected', decision_notice_received_on: notice }).execute();
    const stored = await env.handle.db.selectFrom('case_file').select(['procedure_stage', 'sealed_fields']).where('person_id', '=', sealedRejected.id).executeTakeFirstOrThrow();
    expect(stored.procedure_stage).toBeNull();
    expect(stored.sealed_fields).toMatch(/^v1:/);

    const items = (await env.app.inject({ method: 'GET', url: '/api/deadlines/mine', headers: me.headers })).json().items as Array<{ kind: string; person: { familyName: string } }>;
    const reviews = items.filter((d) => d.kind === 'review_request').map((d) => d.person.familyName).sort();
    expect(reviews).toEqual(['LegacyRejected', 'SealedRejected']);
    const forPerson = (await env.app.inject({ method: 'GET', url: `/api/people/${sealedPending.id}/deadlines`, headers: me.headers })).json().items as Array<{ kind: string }>;
    expect(forPerson.map((d) => d.kind)).not.toContain('review_request');
  });
});
