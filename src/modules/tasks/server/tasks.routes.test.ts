import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makePerson, type TestEnv } from '../../../server/test/factories';
import { tokyoDate } from '../../../shared/time';
import { addDays } from '../../deadlines/rules';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

const today = tokyoDate();
const missing = '00000000-0000-4000-8000-000000000000';

describe('POST /api/tasks', () => {
  it('answers 401, 403 and 400', async () => {
    const payload = { title: 'Call the lawyer' };
    expect((await env.app.inject({ method: 'POST', url: '/api/tasks', payload })).statusCode).toBe(401);
    const viewer = await env.staff('viewer');
    expect((await env.app.inject({ method: 'POST', url: '/api/tasks', headers: viewer.headers, payload })).statusCode).toBe(403);
    const caseworker = await env.staff('caseworker');
    const bad = await env.app.inject({ method: 'POST', url: '/api/tasks', headers: caseworker.headers, payload: { title: ' ', dueOn: '2026-02-30', assigneeId: 'me', colour: 'red' } });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['assigneeId', 'colour', 'dueOn', 'title']);
  });

  it('refuses an assignee who is not an active staff member of the office, and an unknown person', async () => {
    const caseworker = await env.staff('caseworker');
    const p = await makePerson(env);
    const res = await env.app.inject({ method: 'POST', url: '/api/tasks', headers: caseworker.headers, payload: { personId: p.id, title: 'x', assigneeId: missing } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'task.assignee_invalid', fields: { assigneeId: expect.any(String) } });
    const admin = await env.staff('admin');
    await env.services.staff.update(admin.ctx, (await env.staff('fundraiser')).ctx.actor.staffUserId, { isActive: false });
    const inactive = await env.app.inject({ method: 'POST', url: '/api/tasks', headers: caseworker.headers, payload: { title: 'x', assigneeId: (await env.staff('fundraiser')).ctx.actor.staffUserId } });
    expect(inactive.json().error.code).toBe('task.assignee_invalid');
    const nobody = await env.app.inject({ method: 'POST', url: '/api/tasks', headers: caseworker.headers, payload: { personId: missing, title: 'x' } });
    expect(nobody.statusCode).toBe(404);
    expect(await env.handle.db.selectFrom('task').select('id').where('title', '=', 'x').execute()).toEqual([]);
  });

  it('creates a task for a person, given to a colleague', async () => {
    const caseworker = await env.staff('caseworker');
    const reception = await env.staff('reception');
    const p = await makePerson(env, { familyName: 'Bekele' });
    const res = await env.app.inject({
      method: 'POST', url: '/api/tasks', headers: reception.headers,
      payload: { personId: p.id, title: 'Bring the refusal notice', dueOn: '2026-12-01', assigneeId: caseworker.ctx.actor.staffUserId },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      title: 'Bring the refusal notice', dueOn: '2026-12-01', status: 'open', assigneeName: 'caseworker en', createdByName: 'reception en',
      person: { id: p.id, familyName: 'Bekele' }, completedAt: null, version: 1,
    });
  });
});

describe('GET /api/tasks/mine and /api/people/:id/tasks', () => {
  it('answers 401, 403 and 400/404', async () => {
    const p = await makePerson(env);
    expect((await env.app.inject({ method: 'GET', url: '/api/tasks/mine' })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'GET', url: `/api/people/${p.id}/tasks` })).statusCode).toBe(401);
    const viewer = await env.staff('viewer');
    expect((await env.app.inject({ method: 'GET', url: '/api/tasks/mine', headers: viewer.headers })).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: `/api/people/${p.id}/tasks`, headers: viewer.headers })).statusCode).toBe(403);
    const caseworker = await env.staff('caseworker');
    expect((await env.app.inject({ method: 'GET', url: '/api/people/nope/tasks', headers: caseworker.headers })).statusCode).toBe(400);
    expect((await env.app.inject({ method: 'GET', url: `/api/people/${missing}/tasks`, headers: caseworker.headers })).statusCode).toBe(404);
  });

  it("shows only my open tasks, soonest first with overdue flagged; a person's page shows all of theirs", async () => {
    const me = await env.staff('caseworker', 'ja');
    const colleague = await env.staff('admin');
    const p = await makePerson(env);
    const create = (title: string, assigneeId: string, dueOn: string | null) =>
      env.services.tasks.create(me.ctx, { personId: p.id, title, assigneeId, dueOn });
    await create('later', me.ctx.actor.staffUserId, addDays(today, 5));
    await create('undated', me.ctx.actor.staffUserId, null);
    const late = await create('late', me.ctx.actor.staffUserId, addDays(today, -2));
    await create('not mine', colleague.ctx.actor.staffUserId, addDays(today, -9));
    const finished = await create('finished', me.ctx.actor.staffUserId, addDays(today, -1));
    await env.services.tasks.update(me.ctx, finished.id, { status: 'done', version: 1 });

    const res = await env.app.inject({ method: 'GET', url: '/api/tasks/mine', headers: me.headers });
    expect(res.statusCode).toBe(200);
    expect((res.json().items as Array<{ title: string; isOverdue: boolean }>).map((t) => [t.title, t.isOverdue])).toEqual([
      ['late', true], ['later', false], ['undated', false],
    ]);

    const ofPerson = await env.app.inject({ method: 'GET', url: `/api/people/${p.id}/tasks`, headers: me.headers });
    expect((ofPerson.json().items as Array<{ title: string }>).map((t) => t.title)).toEqual(['not mine', 'late', 'later', 'undated', 'finished']);
    expect(late.isOverdue).toBe(true);
  });
});

describe('PATCH /api/tasks/:id', () => {
  it('answers 401, 403, 400, 404 and 409 on a stale version', async () => {
    const caseworker = await env.staff('caseworker');
    const task = await env.services.tasks.create(caseworker.ctx, { title: 'Renew the card' });
    const url = `/api/tasks/${task.id}`;
    expect((await env.app.inject({ method: 'PATCH', url, payload: { status: 'done', version: 1 } })).statusCode).toBe(401);
    const viewer = await env.staff('viewer');
    expect((await env.app.inject({ method: 'PATCH', url, headers: viewer.headers, payload: { status: 'done', version: 1 } })).statusCode).toBe(403);
    const bad = await env.app.inject({ method: 'PATCH', url, headers: caseworker.headers, payload: { status: 'finished' } });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['status', 'version']);
    expect((await env.app.inject({ method: 'PATCH', url: `/api/tasks/${missing}`, headers: caseworker.headers, payload: { status: 'done', version: 1 } })).statusCode).toBe(404);
    const first = await env.app.inject({ method: 'PATCH', url, headers: caseworker.headers, payload: { title: 'Renew the residence card', version: 1 } });
    expect(first.json()).toMatchObject({ title: 'Renew the residence card', version: 2 });
    const stale = await env.app.inject({ method: 'PATCH', url, headers: caseworker.headers, payload: { status: 'done', version: 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('task.version_conflict');
  });

  it('records who completed a task and when; reopening clears it', async () => {
    const caseworker = await env.staff('caseworker');
    const reception = await env.staff('reception');
    const task = await env.services.tasks.create(caseworker.ctx, { title: 'Ask RHQ', assigneeId: caseworker.ctx.actor.staffUserId });
    const done = await env.app.inject({ method: 'PATCH', url: `/api/tasks/${task.id}`, headers: reception.headers, payload: { status: 'done', version: 1 } });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', completedById: reception.ctx.actor.staffUserId, isOverdue: false });
    expect(done.json().completedAt).not.toBeNull();
    const reopened = await env.app.inject({ method: 'PATCH', url: `/api/tasks/${task.id}`, headers: reception.headers, payload: { status: 'open', assigneeId: null, version: 2 } });
    expect(reopened.json()).toMatchObject({ status: 'open', completedById: null, completedAt: null, assigneeId: null });
  });
});

describe('GET /api/staff/assignable', () => {
  it('answers 401, 403 and the active staff of the office', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/staff/assignable' })).statusCode).toBe(401);
    const viewer = await env.staff('viewer');
    expect((await env.app.inject({ method: 'GET', url: '/api/staff/assignable', headers: viewer.headers })).statusCode).toBe(403);
    const reception = await env.staff('reception');
    const admin = await env.staff('admin');
    const gone = await env.staff('fundraiser', 'ja');
    await env.services.staff.update(admin.ctx, gone.ctx.actor.staffUserId, { isActive: false });
    const res = await env.app.inject({ method: 'GET', url: '/api/staff/assignable', headers: reception.headers });
    expect(res.statusCode).toBe(200);
    const names = (res.json().items as Array<{ displayName: string }>).map((s) => s.displayName);
    expect(names).toContain('reception en');
    expect(names).not.toContain('fundraiser ja');
    expect(Object.keys(res.json().items[0]).sort()).toEqual(['displayName', 'id']);
  });
});

describe('POST /api/consultations with a follow-up task', () => {
  const body = (personId: string, followUpTask: Record<string, unknown>) => ({ personId, mode: 'in_person', note: 'Refusal received', followUpTask });

  it('creates the consultation and its task together', async () => {
    const caseworker = await env.staff('caseworker');
    const p = await makePerson(env);
    const res = await env.app.inject({
      method: 'POST', url: '/api/consultations', headers: caseworker.headers,
      payload: body(p.id, { title: 'File the review request', dueOn: '2027-01-04', assigneeId: caseworker.ctx.actor.staffUserId }),
    });
    expect(res.statusCode).toBe(201);
    const tasks = (await env.app.inject({ method: 'GET', url: `/api/people/${p.id}/tasks`, headers: caseworker.headers })).json().items;
    expect(tasks).toMatchObject([{ title: 'File the review request', dueOn: '2027-01-04', consultationId: res.json().id, assigneeName: 'caseworker en' }]);
  });

  it('writes neither when the task is wrong (bad assignee, bad input)', async () => {
    const caseworker = await env.staff('caseworker');
    const p = await makePerson(env);
    const res = await env.app.inject({ method: 'POST', url: '/api/consultations', headers: caseworker.headers, payload: body(p.id, { title: 'Call', assigneeId: missing }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'task.assignee_invalid', fields: { 'followUpTask.assigneeId': expect.any(String) } });
    const invalid = await env.app.inject({ method: 'POST', url: '/api/consultations', headers: caseworker.headers, payload: body(p.id, { title: '', dueOn: 'soon' }) });
    expect(invalid.statusCode).toBe(400);
    expect(Object.keys(invalid.json().error.fields).sort()).toEqual(['followUpTask.dueOn', 'followUpTask.title']);
    const consultations = await env.handle.db.selectFrom('consultation').select('id').where('person_id', '=', p.id).execute();
    const tasks = await env.handle.db.selectFrom('task').select('id').where('person_id', '=', p.id).execute();
    expect([consultations, tasks]).toEqual([[], []]);
  });
});
