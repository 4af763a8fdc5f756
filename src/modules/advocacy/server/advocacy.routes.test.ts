import dayjs from 'dayjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makePerson, type TestEnv, type TestStaff } from '../../../server/test/factories';
import { tokyoDate } from '../../../shared/time';
import type { Barrier, BarrierChange, BarrierTag, Evidence, PublicFigures, Suggestion } from '../contract';

let env: TestEnv;
let admin: TestStaff;
let caseworker: TestStaff;
let advocate: TestStaff;
let reception: TestStaff;
let barriers: Barrier[];
const today = tokyoDate();
/** Last month (Tokyo), where the evidence below is observed, and a day in it. */
const lastMonth = dayjs(today).subtract(1, 'month').format('YYYY-MM');
const inLastMonth = `${lastMonth}-15`;
const byCode = (code: string) => {
  const b = barriers.find((x) => x.code === code);
  if (!b) throw new Error(`no barrier ${code}`);
  return b;
};
const json = <T>(res: { json: () => unknown }) => res.json() as T;
/** The error of an answer: { code, message, fields }. */
const problem = (res: { json: () => unknown }) => (res.json() as { error: { code: string; message: string; fields?: Record<string, string> } }).error;

beforeAll(async () => {
  env = await createTestEnv();
  admin = await env.staff('admin');
  caseworker = await env.staff('caseworker');
  advocate = await env.staff('advocacy');
  reception = await env.staff('reception');
  const res = await env.app.inject({ method: 'GET', url: '/api/advocacy/barriers', headers: admin.headers });
  barriers = json<{ barriers: Barrier[] }>(res).barriers;
});
afterAll(async () => env.close());

async function tag(personId: string, barrierId: string, extra: Record<string, unknown> = {}) {
  const res = await env.app.inject({
    method: 'POST', url: '/api/advocacy/tags', headers: caseworker.headers,
    payload: { personId, tags: [{ barrierId, observedOn: inLastMonth, ...extra }] },
  });
  expect(res.statusCode).toBe(201);
  return json<{ tags: BarrierTag[]; quoteWarnings: Record<string, string[]> }>(res);
}

describe('the barrier taxonomy', () => {
  it('starts with the 15 barriers of the domain, in Japanese and English', () => {
    expect(barriers).toHaveLength(15);
    expect(byCode('b01')).toMatchObject({ labelJa: '保護費の遅延・不支給', labelEn: 'Protection-allowance delay or denial', retiredAt: null });
    expect(byCode('b15').labelEn).toBe('Lack of legal representation');
    expect(barriers.every((b) => b.descriptionJa !== '' && b.descriptionEn !== '')).toBe(true);
  });

  it('is managed by administrators only, with 401 / 403 / 400 / 404 first', async () => {
    const body = { labelJa: '入管での長時間待機', labelEn: 'Long waits at the immigration bureau' };
    expect((await env.app.inject({ method: 'POST', url: '/api/advocacy/barriers', payload: body })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'POST', url: '/api/advocacy/barriers', headers: caseworker.headers, payload: body })).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: '/api/advocacy/barriers', headers: advocate.headers })).statusCode).toBe(403);
    const empty = await env.app.inject({ method: 'POST', url: '/api/advocacy/barriers', headers: admin.headers, payload: { labelJa: '', labelEn: 'x' } });
    expect(empty.statusCode).toBe(400);
    expect(problem(empty).fields).toHaveProperty('labelJa');
    const missing = await env.app.inject({ method: 'PATCH', url: '/api/advocacy/barriers/00000000-0000-4000-8000-000000000000', headers: admin.headers, payload: { labelEn: 'x' } });
    expect(missing.statusCode).toBe(404);
    expect(problem(missing).code).toBe('barrier.not_found');
  });

  it('adds, renames, retires and restores a barrier, keeping every change in its history', async () => {
    const created = await env.app.inject({ method: 'POST', url: '/api/advocacy/barriers', headers: admin.headers, payload: { labelJa: '入管での長時間待機', labelEn: 'Long waits at the bureau' } });
    expect(created.statusCode).toBe(201);
    const b = json<Barrier>(created);
    const renamed = await env.app.inject({ method: 'PATCH', url: `/api/advocacy/barriers/${b.id}`, headers: admin.headers, payload: { labelEn: 'Long waits at the immigration bureau' } });
    expect(json<Barrier>(renamed).labelEn).toBe('Long waits at the immigration bureau');
    const retired = await env.app.inject({ method: 'PATCH', url: `/api/advocacy/barriers/${b.id}`, headers: admin.headers, payload: { retired: true } });
    expect(json<Barrier>(retired).retiredAt).not.toBeNull();

    const active = json<{ barriers: Barrier[] }>(await env.app.inject({ method: 'GET', url: '/api/advocacy/barriers', headers: caseworker.headers })).barriers;
    expect(active.map((x) => x.id)).not.toContain(b.id);
    const all = json<{ barriers: Barrier[] }>(await env.app.inject({ method: 'GET', url: '/api/advocacy/barriers?includeRetired=true', headers: caseworker.headers })).barriers;
    expect(all.map((x) => x.id)).toContain(b.id);

    // A retired barrier takes no new tag.
    const person = await makePerson(env);
    const refused = await env.app.inject({ method: 'POST', url: '/api/advocacy/tags', headers: caseworker.headers, payload: { personId: person.id, tags: [{ barrierId: b.id }] } });
    expect(refused.statusCode).toBe(400);
    expect(problem(refused).code).toBe('barrier.retired');

    await env.app.inject({ method: 'PATCH', url: `/api/advocacy/barriers/${b.id}`, headers: admin.headers, payload: { retired: false } });
    const history = json<{ changes: BarrierChange[] }>(await env.app.inject({ method: 'GET', url: `/api/advocacy/barriers/${b.id}/history`, headers: admin.headers })).changes;
    expect(history.map((c) => c.action)).toEqual(['created', 'edited', 'retired', 'restored']);
    expect(history[1]).toMatchObject({ before: { labelEn: 'Long waits at the bureau' }, after: { labelEn: 'Long waits at the immigration bureau' }, changedByName: 'admin en' });
  });

  it('merges a barrier into another: old tags stay on the merged one and count under the other', async () => {
    const a = json<Barrier>(await env.app.inject({ method: 'POST', url: '/api/advocacy/barriers', headers: admin.headers, payload: { labelJa: '通訳不足（電話）', labelEn: 'No phone interpreter' } }));
    const person = await makePerson(env);
    const { tags } = await tag(person.id, a.id);
    const self = await env.app.inject({ method: 'POST', url: `/api/advocacy/barriers/${a.id}/merge`, headers: admin.headers, payload: { intoId: a.id } });
    expect(self.statusCode).toBe(400);
    const merged = await env.app.inject({ method: 'POST', url: `/api/advocacy/barriers/${a.id}/merge`, headers: admin.headers, payload: { intoId: byCode('b10').id } });
    expect(merged.statusCode).toBe(200);
    expect(json<Barrier>(merged)).toMatchObject({ mergedIntoId: byCode('b10').id });
    expect(json<Barrier>(merged).retiredAt).not.toBeNull();
    // The tag still names the merged barrier on the person's file…
    const onFile = json<{ tags: BarrierTag[] }>(await env.app.inject({ method: 'GET', url: `/api/advocacy/tags?personId=${person.id}`, headers: caseworker.headers })).tags;
    expect(onFile.find((t) => t.id === tags[0]?.id)).toMatchObject({ barrierId: a.id, barrierLabelEn: 'No phone interpreter', barrierRetired: true });
    // …and a merged barrier cannot be renamed any more.
    expect((await env.app.inject({ method: 'PATCH', url: `/api/advocacy/barriers/${a.id}`, headers: admin.headers, payload: { labelEn: 'x' } })).statusCode).toBe(409);
    const history = json<{ changes: BarrierChange[] }>(await env.app.inject({ method: 'GET', url: `/api/advocacy/barriers/${a.id}/history`, headers: admin.headers })).changes;
    expect(history.at(-1)).toMatchObject({ action: 'merged', after: { mergedIntoCode: 'b10' } });
  });
});

describe('tagging', () => {
  it('tags a consultation in the same save, and nothing is saved when a barrier is wrong', async () => {
    const person = await makePerson(env);
    const body = { personId: person.id, mode: 'in_person', topics: ['housing'], note: '', needs: '', actions: '', barrierTags: [{ barrierId: byCode('b02').id }] };
    const res = await env.app.inject({ method: 'POST', url: '/api/consultations', headers: caseworker.headers, payload: body });
    expect(res.statusCode).toBe(201);
    const consultationId = json<{ id: string }>(res).id;
    const onFile = json<{ tags: BarrierTag[] }>(await env.app.inject({ method: 'GET', url: `/api/advocacy/tags?personId=${person.id}`, headers: caseworker.headers })).tags;
    expect(onFile).toEqual([expect.objectContaining({ consultationId, barrierLabelJa: '住居喪失・シェルター不足', observedOn: today, taggedByName: 'caseworker en', resolvedOn: null })]);

    const wrong = await env.app.inject({
      method: 'POST', url: '/api/consultations', headers: caseworker.headers,
      payload: { ...body, barrierTags: [{ barrierId: byCode('b03').id }, { barrierId: '00000000-0000-4000-8000-000000000000' }] },
    });
    expect(wrong.statusCode).toBe(404);
    expect(problem(wrong)).toMatchObject({ code: 'barrier.not_found', fields: { 'barrierTags.1.barrierId': expect.anything() } });
    const consultations = await env.handle.db.selectFrom('consultation').select('id').where('person_id', '=', person.id).execute();
    expect(consultations).toHaveLength(1);
  });

  it('refuses a quote over 500 characters and a consultation of someone else, naming the field', async () => {
    const person = await makePerson(env);
    const other = await makePerson(env);
    const long = await env.app.inject({ method: 'POST', url: '/api/advocacy/tags', headers: caseworker.headers, payload: { personId: person.id, tags: [{ barrierId: byCode('b01').id, quote: 'あ'.repeat(501) }] } });
    expect(long.statusCode).toBe(400);
    expect(problem(long).fields).toHaveProperty(['tags.0.quote']);
    const c = await env.services.consultations.create(caseworker.ctx, { personId: other.id, mode: 'phone', topics: [], note: '', needs: '', actions: '' });
    const mismatch = await env.app.inject({ method: 'POST', url: '/api/advocacy/tags', headers: caseworker.headers, payload: { personId: person.id, consultationId: c.id, tags: [{ barrierId: byCode('b01').id }] } });
    expect(mismatch.statusCode).toBe(400);
    expect(problem(mismatch).code).toBe('advocacy.consultation_mismatch');
    expect((await env.app.inject({ method: 'POST', url: '/api/advocacy/tags', headers: reception.headers, payload: { personId: person.id, tags: [{ barrierId: byCode('b01').id }] } })).statusCode).toBe(403);
  });

  it("warns when a quote holds the person's name, phone, card number or file number", async () => {
    const person = await makePerson(env, { familyName: 'Tesfaye', givenName: 'Abebe', nameKana: 'テスファイ アベベ', phone: '090-1234-5678' });
    await env.services.cases.update(caseworker.ctx, person.id, { version: 0, residenceCardNumber: 'AB12345678CD' });
    const check = async (quote: string) =>
      json<{ warnings: string[] }>(await env.app.inject({ method: 'POST', url: '/api/advocacy/quote-check', headers: caseworker.headers, payload: { personId: person.id, quote } })).warnings;
    expect(await check('I waited four months with no money at all.')).toEqual([]);
    expect(await check('Abebe said he waited four months')).toEqual(['name']);
    expect(await check('てすふぁい さんは4か月待った')).toEqual(['name']);
    expect(await check('call me on 09012345678')).toEqual(['phone']);
    expect(await check('my card ab 12345678 cd was taken')).toEqual(['card_number']);
    expect(await check(`file ${person.fileNumber} says`)).toEqual(['file_number']);
    // Saved anyway (a person decides), with the warning in the answer.
    const saved = await tag(person.id, byCode('b01').id, { quote: 'Abebe waited 4 months' });
    expect(Object.values(saved.quoteWarnings)).toEqual([['name']]);
  });

  it('bulk-tags people from a list, leaving those who already carry the barrier', async () => {
    const people = await Promise.all([makePerson(env), makePerson(env), makePerson(env)]);
    await tag(people[0]!.id, byCode('b06').id);
    const res = await env.app.inject({ method: 'POST', url: '/api/advocacy/tags/bulk', headers: caseworker.headers, payload: { personIds: people.map((p) => p.id), barrierId: byCode('b06').id } });
    expect(json(res)).toEqual({ tagged: 2, alreadyTagged: 1 });
  });

  it('marks a tag resolved, refuses a resolution before the observation, and removes a mistaken tag', async () => {
    const person = await makePerson(env);
    const { tags } = await tag(person.id, byCode('b04').id);
    const id = tags[0]!.id;
    const early = await env.app.inject({ method: 'PATCH', url: `/api/advocacy/tags/${id}`, headers: caseworker.headers, payload: { resolvedOn: '2000-01-01' } });
    expect(early.statusCode).toBe(400);
    expect(problem(early).fields?.resolvedOn).toContain('Resolved on');
    const resolved = await env.app.inject({ method: 'PATCH', url: `/api/advocacy/tags/${id}`, headers: caseworker.headers, payload: { resolvedOn: today } });
    expect(json<BarrierTag>(resolved).resolvedOn).toBe(today);
    expect((await env.app.inject({ method: 'DELETE', url: `/api/advocacy/tags/${id}`, headers: caseworker.headers })).statusCode).toBe(200);
    const left = json<{ tags: BarrierTag[] }>(await env.app.inject({ method: 'GET', url: `/api/advocacy/tags?personId=${person.id}`, headers: caseworker.headers })).tags;
    expect(left).toEqual([]);
    expect((await env.app.inject({ method: 'PATCH', url: `/api/advocacy/tags/${id}`, headers: caseworker.headers, payload: { resolvedOn: null } })).statusCode).toBe(404);
  });
});

describe('suggestions', () => {
  it('points to barriers from the facts on file, and applies none until someone confirms', async () => {
    const person = await makePerson(env, { housing: 'rough_sleeping', languages: ['ti'] });
    await env.services.cases.update(caseworker.ctx, person.id, {
      version: 0, allowanceStatus: 'awaiting', allowanceAppliedOn: dayjs(today).subtract(40, 'day').format('YYYY-MM-DD'), workPermitted: false, healthInsurance: 'uninsured',
    });
    await env.services.consultations.create(caseworker.ctx, { personId: person.id, mode: 'in_person', topics: [], note: '', needs: '', actions: '' });
    const res = await env.app.inject({ method: 'GET', url: `/api/advocacy/suggestions?personId=${person.id}`, headers: caseworker.headers });
    const suggestions = json<{ suggestions: Suggestion[] }>(res).suggestions;
    expect(suggestions.map((s) => [s.reason, barriers.find((b) => b.id === s.barrierId)?.code])).toEqual([
      ['allowance_wait', 'b01'], ['rough_sleeping', 'b02'], ['no_work_permission', 'b03'], ['uninsured', 'b04'], ['no_interpreter', 'b10'],
    ]);
    expect(suggestions[0]?.days).toBe(40);
    expect(json<{ tags: BarrierTag[] }>(await env.app.inject({ method: 'GET', url: `/api/advocacy/tags?personId=${person.id}`, headers: caseworker.headers })).tags).toEqual([]);
    // Once confirmed, a barrier is no longer suggested.
    await tag(person.id, byCode('b02').id);
    const after = json<{ suggestions: Suggestion[] }>(await env.app.inject({ method: 'GET', url: `/api/advocacy/suggestions?personId=${person.id}`, headers: caseworker.headers })).suggestions;
    expect(after.map((s) => s.reason)).not.toContain('rough_sleeping');
  });

  it('suggests nothing for a 20-day wait or a person who speaks English', async () => {
    const person = await makePerson(env, { languages: ['en'] });
    await env.services.cases.update(caseworker.ctx, person.id, { version: 0, allowanceStatus: 'awaiting', allowanceAppliedOn: dayjs(today).subtract(20, 'day').format('YYYY-MM-DD') });
    await env.services.consultations.create(caseworker.ctx, { personId: person.id, mode: 'in_person', topics: [], note: '', needs: '', actions: '' });
    const res = await env.app.inject({ method: 'GET', url: `/api/advocacy/suggestions?personId=${person.id}`, headers: caseworker.headers });
    expect(json<{ suggestions: Suggestion[] }>(res).suggestions).toEqual([]);
  });
});

describe('evidence', () => {
  const names: string[] = [];
  const fileNumbers: string[] = [];
  beforeAll(async () => {
    // Seven Ethiopian women and six Cameroonian men wait for the allowance (b01); two men sleep rough (b02).
    for (let i = 0; i < 7; i += 1) {
      const p = await makePerson(env, { familyName: `Wolde${i}`, sex: 'female', nationality: 'ET', dateOfBirth: '1990-01-01' });
      names.push(p.familyName);
      fileNumbers.push(p.fileNumber);
      await tag(p.id, byCode('b01').id, i === 0 ? { quote: 'Four months and no money: we ate once a day.' } : {});
    }
    for (let i = 0; i < 6; i += 1) {
      const p = await makePerson(env, { familyName: `Fotso${i}`, sex: 'male', nationality: 'CM' });
      names.push(p.familyName);
      fileNumbers.push(p.fileNumber);
      await tag(p.id, byCode('b01').id);
    }
    for (let i = 0; i < 2; i += 1) {
      const p = await makePerson(env, { familyName: `Rough${i}`, sex: 'male', nationality: 'CM' });
      names.push(p.familyName);
      await tag(p.id, byCode('b02').id, i === 0 ? { quote: 'I slept in the park for three weeks.' } : {});
    }
  });

  const evidenceUrl = `/api/advocacy/evidence?from=${lastMonth}&to=${lastMonth}`;

  it('is for the advocacy role and administrators: 401, 403 for a caseworker, 400 for a bad period, 404 for an unknown barrier', async () => {
    expect((await env.app.inject({ method: 'GET', url: evidenceUrl })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'GET', url: evidenceUrl, headers: caseworker.headers })).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: evidenceUrl, headers: admin.headers })).statusCode).toBe(200);
    const japanese = await env.staff('advocacy', 'ja');
    const long = await env.app.inject({ method: 'GET', url: '/api/advocacy/evidence?from=2010-01&to=2020-02', headers: japanese.headers });
    expect(long.statusCode).toBe(400);
    expect(problem(long).fields?.to).toContain('10年');
    const backwards = await env.app.inject({ method: 'GET', url: '/api/advocacy/evidence?from=2026-05&to=2026-04', headers: advocate.headers });
    expect(backwards.statusCode).toBe(400);
    expect((await env.app.inject({ method: 'GET', url: '/api/advocacy/evidence?year=2026&fiscalYear=2026', headers: advocate.headers })).statusCode).toBe(400);
    const unknown = await env.app.inject({ method: 'GET', url: `${evidenceUrl}&barrierId=00000000-0000-4000-8000-000000000000`, headers: advocate.headers });
    expect(unknown.statusCode).toBe(404);
    expect(problem(unknown).code).toBe('barrier.not_found');
  });

  it('counts distinct people per barrier per month in bands of 5, totals a band wider, with quotes only where 5 or more people share the barrier', async () => {
    const res = await env.app.inject({ method: 'GET', url: evidenceUrl, headers: advocate.headers });
    expect(res.statusCode).toBe(200);
    const e = json<Evidence>(res);
    expect(e.months).toEqual([lastMonth]);
    expect(e.minimumCell).toBe(5);
    const row = (code: string) => e.barriers.find((b) => b.code === code);
    // b01: these 13 people and the quote test's person; b02: these 2 (the consultation test's is this month).
    expect(row('b01')?.months).toEqual([{ low: 10, high: 14 }]);
    expect(row('b01')?.total).toEqual({ low: 5, high: 14 });
    expect(row('b02')?.total).toEqual({ low: 1, high: 4 });
    expect(row('b15')?.total).toEqual({ low: 0, high: 0 });
    expect(e.quotes.map((q) => q.quote)).toContain('Four months and no money: we ate once a day.');
    expect(e.quotes.map((q) => q.quote)).not.toContain('I slept in the park for three weeks.');
  });

  it('folds nationalities of fewer than 5 people, then the smallest named one, into one row of 5 or more', async () => {
    const e = json<Evidence>(await env.app.inject({ method: 'GET', url: `${evidenceUrl}&barrierId=${byCode('b01').id}`, headers: advocate.headers }));
    // ET 7, CM 6, one person without a nationality: "other" (1) is too small, so CM folds in (7).
    expect(e.breakdowns.nationality).toEqual([
      { group: 'ET', isFolded: false, people: { low: 1, high: 9 } },
      { group: null, isFolded: true, people: { low: 1, high: 9 } },
    ]);
    expect(e.breakdowns.sex?.find((r) => r.group === 'female')?.people).toEqual({ low: 1, high: 9 });
    expect(e.barrierId).toBe(byCode('b01').id);
  });

  it('shows the advocacy role no person anywhere: no names, no file numbers, no person or case routes', async () => {
    const body = (await env.app.inject({ method: 'GET', url: evidenceUrl, headers: advocate.headers })).body;
    for (const text of [...names, ...fileNumbers]) expect(body).not.toContain(text);
    const csv = (await env.app.inject({ method: 'GET', url: `/api/advocacy/evidence.csv?from=${lastMonth}&to=${lastMonth}`, headers: advocate.headers })).body;
    for (const text of [...names, ...fileNumbers]) expect(csv).not.toContain(text);
    const person = await makePerson(env);
    for (const url of ['/api/people?q=Wolde', `/api/people/${person.id}`, `/api/people/${person.id}/case-file`, `/api/advocacy/tags?personId=${person.id}`, `/api/advocacy/suggestions?personId=${person.id}`, '/api/reports/summary', '/api/visits']) {
      expect((await env.app.inject({ method: 'GET', url, headers: advocate.headers })).statusCode, url).toBe(403);
    }
  });

  it('exports CSV (with HXL hashtags when asked), Excel and a PDF brief, each written to the audit log with its filters', async () => {
    const q = `from=${lastMonth}&to=${lastMonth}`;
    const csv = await env.app.inject({ method: 'GET', url: `/api/advocacy/evidence.csv?${q}&hxl=1`, headers: advocate.headers });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('#');
    const xlsx = await env.app.inject({ method: 'GET', url: `/api/advocacy/evidence.xlsx?${q}`, headers: advocate.headers });
    expect(xlsx.statusCode).toBe(200);
    const pdf = await env.app.inject({ method: 'GET', url: `/api/advocacy/brief.pdf?${q}&barriers=${byCode('b01').id}`, headers: advocate.headers });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const events = await env.handle.db.selectFrom('audit_event').select(['action', 'details']).where('entity_type', '=', 'advocacy_evidence').execute();
    const formats = events.map((ev) => (ev.details as { format: string }).format);
    expect(formats).toEqual(expect.arrayContaining(['view', 'csv', 'xlsx', 'pdf']));
    expect(events.map((ev) => ev.details)).toContainEqual(expect.objectContaining({ format: 'csv', from: lastMonth, to: lastMonth, hxl: true }));
  });

  it('uses the k an administrator sets, never below 3', async () => {
    const low = await env.app.inject({ method: 'PATCH', url: '/api/advocacy/settings', headers: admin.headers, payload: { minimumCell: 2 } });
    expect(low.statusCode).toBe(400);
    expect((await env.app.inject({ method: 'PATCH', url: '/api/advocacy/settings', headers: caseworker.headers, payload: { minimumCell: 3 } })).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'PATCH', url: '/api/advocacy/settings', headers: admin.headers, payload: { minimumCell: 3 } })).statusCode).toBe(200);
    const e = json<Evidence>(await env.app.inject({ method: 'GET', url: evidenceUrl, headers: advocate.headers }));
    expect(e.minimumCell).toBe(3);
    // b02 has 3 people last month (the suggestion test confirmed one): a cell of 3–5, a total of 1–5.
    expect(e.barriers.find((b) => b.code === 'b02')?.months).toEqual([{ low: 3, high: 5 }]);
    expect(e.barriers.find((b) => b.code === 'b02')?.total).toEqual({ low: 1, high: 5 });
    await env.app.inject({ method: 'PATCH', url: '/api/advocacy/settings', headers: admin.headers, payload: { minimumCell: 5 } });
  });
});

describe('the public figures', () => {
  it('answers without login, cached, with people counts banded and nothing below k', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/public/figures' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('public');
    const figures = json<PublicFigures>(res);
    expect(figures.figures.map((f) => f.key)).toEqual(['shelter_nights', 'people_fed', 'people_waiting_allowance', 'median_allowance_wait_days']);
    for (const f of figures.figures) {
      if (f.value) expect(f.value.low === 0 || f.value.low === 1 || f.value.low >= 5).toBe(true);
      // Days and nights only behind at least k people.
      if (f.days !== null) expect(f.value?.low).toBeGreaterThanOrEqual(5);
    }
  });
});

describe("the person's own copy", () => {
  it('holds their barrier tags', async () => {
    const person = await makePerson(env);
    await tag(person.id, byCode('b11').id, { quote: 'Nobody told me about the allowance.' });
    const res = await env.app.inject({ method: 'GET', url: `/api/people/${person.id}/export`, headers: caseworker.headers });
    expect(res.statusCode).toBe(200);
    expect(json<{ barriers: BarrierTag[] }>(res).barriers).toEqual([expect.objectContaining({ barrierLabelEn: 'No information on entitlements', quote: 'Nobody told me about the allowance.' })]);
  });
});
