import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makePerson, type TestEnv, type TestStaff } from '../../../server/test/factories';
import { readPdf, squash } from '../../../server/test/pdf-text';

let env: TestEnv;
let caseworker: TestStaff;
let reception: TestStaff;
beforeAll(async () => {
  env = await createTestEnv();
  caseworker = await env.staff('caseworker');
  reception = await env.staff('reception');
});
afterAll(async () => env?.close());

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
type Method = 'GET' | 'POST' | 'PUT';
const call = (method: Method, url: string, headers?: Record<string, string>, payload?: unknown) =>
  env.app.inject({ method, url, ...(headers ? { headers } : {}), ...(payload === undefined ? {} : { payload: payload as object }) });

const sharingConsent = { purpose: 'sharing', recipientName: 'Tokyo Legal Aid Office', consentedOn: '2026-03-01', method: 'verbal_interpreted', interpreterLanguage: 'am', scope: 'Case summary for the review request' };
const sensitiveConsent = { purpose: 'sensitive_data', consentedOn: '2026-03-01', method: 'written' };

async function addConsent(personId: string, body: Record<string, unknown>) {
  const res = await call('POST', `/api/people/${personId}/consents`, caseworker.headers, body);
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string };
}

describe('consents', () => {
  it('GET answers 401, 403, 400 and 404', async () => {
    const p = await makePerson(env);
    expect((await call('GET', `/api/people/${p.id}/consents`)).statusCode).toBe(401);
    expect((await call('GET', `/api/people/${p.id}/consents`, reception.headers)).statusCode).toBe(403);
    expect((await call('GET', '/api/people/nope/consents', caseworker.headers)).statusCode).toBe(400);
    expect((await call('GET', `/api/people/${UNKNOWN}/consents`, caseworker.headers)).statusCode).toBe(404);
  });

  it('POST answers 401, 403 and 400 naming the fields', async () => {
    const p = await makePerson(env);
    const url = `/api/people/${p.id}/consents`;
    expect((await call('POST', url, undefined, sharingConsent)).statusCode).toBe(401);
    expect((await call('POST', url, reception.headers, sharingConsent)).statusCode).toBe(403);
    const bad = await call('POST', url, caseworker.headers, { purpose: 'sharing', consentedOn: '2026-02-30', method: 'verbal_interpreted' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['consentedOn', 'interpreterLanguage', 'recipientName']);
    const abroad = await call('POST', url, caseworker.headers, { purpose: 'transfer_abroad', consentedOn: '2026-03-01', method: 'written' });
    expect(Object.keys(abroad.json().error.fields).sort()).toEqual(['country', 'serviceName']);
    const future = await call('POST', url, caseworker.headers, { ...sharingConsent, consentedOn: '2099-01-01' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields.consentedOn).toMatch(/future/);
    const ja = await env.staff('caseworker', 'ja');
    const jaBad = await call('POST', url, ja.headers, { purpose: 'sharing', consentedOn: '2026-03-01', method: 'written' });
    expect(jaBad.json().error.fields.recipientName).toContain('提供先');
  });

  it('records consents by purpose, and a withdrawn consent stays with its dates', async () => {
    const p = await makePerson(env);
    const created = await call('POST', `/api/people/${p.id}/consents`, caseworker.headers, sharingConsent);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ purpose: 'sharing', recipientName: 'Tokyo Legal Aid Office', method: 'verbal_interpreted', interpreterLanguage: 'am', isActive: true, withdrawnOn: null, recordedByName: 'caseworker en' });
    await addConsent(p.id, { purpose: 'transfer_abroad', country: 'us', serviceName: 'CloudMail Inc.', consentedOn: '2026-03-02', method: 'electronic' });

    const url = `/api/consents/${created.json().id}/withdraw`;
    expect((await call('POST', url, undefined, { withdrawnOn: '2026-04-01' })).statusCode).toBe(401);
    expect((await call('POST', url, reception.headers, { withdrawnOn: '2026-04-01' })).statusCode).toBe(403);
    expect((await call('POST', url, caseworker.headers, { withdrawnOn: '1 April' })).statusCode).toBe(400);
    expect((await call('POST', `/api/consents/${UNKNOWN}/withdraw`, caseworker.headers, { withdrawnOn: '2026-04-01' })).statusCode).toBe(404);
    const early = await call('POST', url, caseworker.headers, { withdrawnOn: '2026-02-01' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.code).toBe('consent.withdrawn_before_given');
    const withdrawn = await call('POST', url, caseworker.headers, { withdrawnOn: '2026-04-01' });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ withdrawnOn: '2026-04-01', withdrawalRecordedByName: 'caseworker en', isActive: false });
    const again = await call('POST', url, caseworker.headers, { withdrawnOn: '2026-04-02' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('consent.already_withdrawn');

    const list = await call('GET', `/api/people/${p.id}/consents`, caseworker.headers);
    expect(list.statusCode).toBe(200);
    const items = list.json().items as Array<Record<string, unknown>>;
    expect(items.map((c) => [c.purpose, c.consentedOn, c.withdrawnOn, c.isActive])).toEqual([
      ['transfer_abroad', '2026-03-02', null, true],
      ['sharing', '2026-03-01', '2026-04-01', false],
    ]);
    expect(items[0]).toMatchObject({ country: 'US', serviceName: 'CloudMail Inc.' });
  });
});

describe('disclosures', () => {
  const disclosure = { recipientName: 'Tokyo Legal Aid Office', recipientKind: 'lawyer', dataCategories: ['identity', 'procedure'], note: 'Copy of the refusal notice', disclosedOn: '2026-03-10' };

  it('GET and POST answer 401, 403, 400 and 404', async () => {
    const p = await makePerson(env);
    const url = `/api/people/${p.id}/disclosures`;
    expect((await call('GET', url)).statusCode).toBe(401);
    expect((await call('GET', url, reception.headers)).statusCode).toBe(403);
    expect((await call('GET', '/api/people/nope/disclosures', caseworker.headers)).statusCode).toBe(400);
    expect((await call('POST', url, undefined, { ...disclosure, legalGround: 'Court order' })).statusCode).toBe(401);
    expect((await call('POST', url, reception.headers, { ...disclosure, legalGround: 'Court order' })).statusCode).toBe(403);
    const bad = await call('POST', url, caseworker.headers, { ...disclosure, recipientKind: 'friend', dataCategories: [] });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['dataCategories', 'recipientKind']);
    const noBasis = await call('POST', url, caseworker.headers, disclosure);
    expect(noBasis.statusCode).toBe(400);
    expect(Object.keys(noBasis.json().error.fields)).toEqual(['consentId']);
    const both = await call('POST', url, caseworker.headers, { ...disclosure, consentId: UNKNOWN, legalGround: 'Court order' });
    expect(Object.keys(both.json().error.fields)).toEqual(['legalGround']);
    expect((await call('POST', `/api/people/${UNKNOWN}/disclosures`, caseworker.headers, { ...disclosure, legalGround: 'Court order' })).statusCode).toBe(404);
  });

  it('accepts only an active consent of this person naming the recipient', async () => {
    const p = await makePerson(env);
    const other = await makePerson(env);
    const url = `/api/people/${p.id}/disclosures`;
    const consent = await addConsent(p.id, sharingConsent);
    const sensitive = await addConsent(p.id, sensitiveConsent);
    const othersConsent = await addConsent(other.id, sharingConsent);

    const before = await call('POST', url, caseworker.headers, { ...disclosure, disclosedOn: '2026-02-28', consentId: consent.id });
    expect(before.statusCode).toBe(409);
    expect(before.json().error.code).toBe('consent.not_active');
    const mismatch = await call('POST', url, caseworker.headers, { ...disclosure, recipientName: 'Shinjuku Clinic', recipientKind: 'hospital', consentId: consent.id });
    expect(mismatch.statusCode).toBe(409);
    expect(mismatch.json().error).toMatchObject({ code: 'consent.recipient_mismatch' });
    expect(mismatch.json().error.message).toContain('Tokyo Legal Aid Office');
    const purpose = await call('POST', url, caseworker.headers, { ...disclosure, consentId: sensitive.id });
    expect(purpose.json().error.code).toBe('consent.wrong_purpose');
    const foreign = await call('POST', url, caseworker.headers, { ...disclosure, consentId: othersConsent.id });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('consent.not_found');

    // Width and case of the name do not matter.
    const ok = await call('POST', url, caseworker.headers, { ...disclosure, recipientName: 'ＴＯＫＹＯ legal aid  office', consentId: consent.id });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ consentId: consent.id, legalGround: null, dataCategories: ['identity', 'procedure'], recordedByName: 'caseworker en' });

    await call('POST', `/api/consents/${consent.id}/withdraw`, caseworker.headers, { withdrawnOn: '2026-03-15' });
    const after = await call('POST', url, caseworker.headers, { ...disclosure, disclosedOn: '2026-03-15', consentId: consent.id });
    expect(after.json().error.code).toBe('consent.not_active');
    // A disclosure before the withdrawal stays valid to record.
    expect((await call('POST', url, caseworker.headers, { ...disclosure, disclosedOn: '2026-03-14', consentId: consent.id })).statusCode).toBe(201);

    const legal = await call('POST', url, caseworker.headers, { ...disclosure, recipientName: 'Shinagawa Immigration Bureau', recipientKind: 'government', legalGround: 'Written inquiry under the Immigration Control Act art. 59-2', disclosedOn: '2026-03-20' });
    expect(legal.statusCode).toBe(201);
    const list = (await call('GET', url, caseworker.headers)).json().items as Array<{ disclosedOn: string; consentId: string | null }>;
    expect(list.map((d) => d.disclosedOn)).toEqual(['2026-03-20', '2026-03-14', '2026-03-10']);
  });
});

describe('sensitive fields', () => {
  it('answer 401, 403 and 400', async () => {
    const p = await makePerson(env);
    const url = `/api/people/${p.id}/sensitive`;
    expect((await call('GET', url)).statusCode).toBe(401);
    expect((await call('GET', url, reception.headers)).statusCode).toBe(403);
    expect((await call('GET', '/api/people/nope/sensitive', caseworker.headers)).statusCode).toBe(400);
    expect((await call('PUT', url, undefined, { version: 0 })).statusCode).toBe(401);
    expect((await call('PUT', url, reception.headers, { version: 0 })).statusCode).toBe(403);
    const bad = await call('PUT', url, caseworker.headers, { healthDetails: 'x'.repeat(10_001), version: -1 });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['healthDetails', 'version']);
  });

  it('refuse collection without an active sensitive-data consent; save and version once it is given', async () => {
    const p = await makePerson(env);
    const url = `/api/people/${p.id}/sensitive`;
    const empty = await call('GET', url, caseworker.headers);
    expect(empty.json()).toMatchObject({ persecutionGrounds: null, healthDetails: null, version: 0 });

    const refused = await call('PUT', url, caseworker.headers, { persecutionGrounds: 'Political opinion: opposition party member', version: 0 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('consent.required');
    expect(refused.json().error.message).toMatch(/consent/i);
    // A sharing consent is not a consent to collect sensitive data.
    await addConsent(p.id, sharingConsent);
    expect((await call('PUT', url, caseworker.headers, { persecutionGrounds: 'x', version: 0 })).statusCode).toBe(409);

    await addConsent(p.id, sensitiveConsent);
    const saved = await call('PUT', url, caseworker.headers, { persecutionGrounds: 'Political opinion: opposition party member', healthDetails: 'Insomnia; needs a psychiatrist', version: 0 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ persecutionGrounds: 'Political opinion: opposition party member', healthDetails: 'Insomnia; needs a psychiatrist', version: 1, updatedByName: 'caseworker en' });
    const stale = await call('PUT', url, caseworker.headers, { persecutionGrounds: 'changed', version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('sensitive.version_conflict');
    expect((await call('GET', url, caseworker.headers)).json()).toMatchObject({ healthDetails: 'Insomnia; needs a psychiatrist', version: 1 });
  });

  it('may be cleared after the consent is withdrawn, but not filled again', async () => {
    const p = await makePerson(env);
    const url = `/api/people/${p.id}/sensitive`;
    const consent = await addConsent(p.id, sensitiveConsent);
    expect((await call('PUT', url, caseworker.headers, { healthDetails: 'Diabetes', version: 0 })).statusCode).toBe(200);
    await call('POST', `/api/consents/${consent.id}/withdraw`, caseworker.headers, { withdrawnOn: '2026-05-01' });
    expect((await call('PUT', url, caseworker.headers, { healthDetails: 'Diabetes, insulin', version: 1 })).json().error.code).toBe('consent.required');
    const cleared = await call('PUT', url, caseworker.headers, { version: 1 });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json()).toMatchObject({ persecutionGrounds: null, healthDetails: null, version: 2 });
  });

  it('writing needs sensitive.read as well as privacy.write', async () => {
    const p = await makePerson(env);
    const { actor } = caseworker.ctx;
    const permissions = new Set(actor.permissions);
    permissions.delete('sensitive.read');
    const ctx = { ...caseworker.ctx, actor: { ...actor, permissions } };
    await expect(env.services.privacy.putSensitive(ctx, p.id, { persecutionGrounds: '', healthDetails: '', version: 0 })).rejects.toMatchObject({ status: 403, code: 'auth.forbidden' });
  });
});

describe('GET /api/people/:id/export (本人開示)', () => {
  async function personWithRecords() {
    const p = await makePerson(env, { familyName: 'Haile <b>&', givenName: 'Meron' });
    const consent = await addConsent(p.id, sharingConsent);
    await addConsent(p.id, sensitiveConsent);
    await call('POST', `/api/people/${p.id}/disclosures`, caseworker.headers, { recipientName: 'Tokyo Legal Aid Office', recipientKind: 'lawyer', dataCategories: ['procedure'], disclosedOn: '2026-03-10', consentId: consent.id });
    await call('PUT', `/api/people/${p.id}/sensitive`, caseworker.headers, { persecutionGrounds: 'Religion: Pentecostal church', version: 0 });
    await call('POST', '/api/consultations', caseworker.headers, { personId: p.id, mode: 'in_person', note: 'Sleeps in a net cafe in Ikebukuro', topics: ['housing'] });
    await env.handle.db.insertInto('case_file').values({ person_id: p.id, organisation_id: env.organisationId, procedure_stage: 'first_instance', application_count: 1, updated_by: caseworker.ctx.actor.staffUserId }).execute();
    await env.handle.db.insertInto('case_event').values({ organisation_id: env.organisationId, person_id: p.id, kind: 'interview', occurs_on: '2026-06-01', note: 'RHQ interview', created_by: caseworker.ctx.actor.staffUserId }).execute();
    await env.handle.db.insertInto('document').values({
      id: randomUUID(), organisation_id: env.organisationId, person_id: p.id, kind: 'passport', file_name: env.services.cipher.seal('passport-meron.jpg'),
      note: null, content_type: 'image/jpeg', size_bytes: 1000, sha256: 'a'.repeat(64), uploaded_by: caseworker.ctx.actor.staffUserId,
    }).execute();
    await call('GET', `/api/people/${p.id}`, caseworker.headers);
    return p;
  }

  it('answers 401, 403, 400 and 404', async () => {
    const p = await makePerson(env);
    for (const suffix of ['export', 'export.html', 'export.pdf']) {
      expect((await call('GET', `/api/people/${p.id}/${suffix}`)).statusCode).toBe(401);
      expect((await call('GET', `/api/people/${p.id}/${suffix}`, reception.headers)).statusCode).toBe(403);
      expect((await call('GET', `/api/people/nope/${suffix}`, caseworker.headers)).statusCode).toBe(400);
      expect((await call('GET', `/api/people/${UNKNOWN}/${suffix}`, caseworker.headers)).statusCode).toBe(404);
    }
  });

  it('gives everything held, decrypted, and is audited', async () => {
    const p = await personWithRecords();
    const res = await call('GET', `/api/people/${p.id}/export`, caseworker.headers);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="tobira-${p.fileNumber}.json"`);
    const data = res.json();
    expect(data.person).toMatchObject({ id: p.id, familyName: 'Haile <b>&' });
    expect(data.caseFile).toMatchObject({ procedureStage: 'first_instance', applicationCount: 1 });
    expect(data.caseEvents).toEqual([expect.objectContaining({ kind: 'interview', occursOn: '2026-06-01', note: 'RHQ interview' })]);
    expect(data.consultations[0].note).toBe('Sleeps in a net cafe in Ikebukuro');
    expect(data.consents).toHaveLength(2);
    expect(data.disclosures).toEqual([expect.objectContaining({ recipientName: 'Tokyo Legal Aid Office', disclosedOn: '2026-03-10' })]);
    expect(data.sensitive).toMatchObject({ persecutionGrounds: 'Religion: Pentecostal church' });
    expect(data.documents).toEqual([expect.objectContaining({ kind: 'passport', fileName: 'passport-meron.jpg', sizeBytes: 1000 })]);
    // Who opened the file: the read of the person page above, by the caseworker.
    expect(data.accessLog).toContainEqual(expect.objectContaining({ actorName: 'caseworker en', action: 'read', entityType: 'person', view: null }));
    expect(data.accessLog).toContainEqual(expect.objectContaining({ action: 'create', entityType: 'disclosure' }));

    const audited = await env.handle.db
      .selectFrom('audit_event')
      .select(['actor_staff_user_id', 'details'])
      .where('entity_type', '=', 'person')
      .where('entity_id', '=', p.id)
      .where(sql<boolean>`details->>'view' = 'export'`)
      .execute();
    expect(audited).toEqual([{ actor_staff_user_id: caseworker.ctx.actor.staffUserId, details: { view: 'export', format: 'json' } }]);
  });

  it('as a bilingual, escaped, printable document with a strict CSP', async () => {
    const p = await personWithRecords();
    const res = await call('GET', `/api/people/${p.id}/export.html`, caseworker.headers);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="tobira-${p.fileNumber}.html"`);
    expect(res.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    const html = res.body;
    expect(html).toMatch(/^<!doctype html>\n<html lang="ja">/);
    expect(html).toContain('Haile &lt;b&gt;&amp;');
    expect(html).not.toContain('Haile <b>');
    expect(html).toContain('保有個人データの開示（本人開示） <span class="en" lang="en">Personal data held (disclosure to the person)</span>');
    expect(html).toContain('第三者提供の記録 <span class="en" lang="en">Sharing log</span>');
    expect(html).toContain('Sleeps in a net cafe in Ikebukuro');
    expect(html).toContain('Religion: Pentecostal church');
    expect(html).toContain('難民認定手続');
    expect(html).toContain('First instance pending');
    expect(html).toContain('passport-meron.jpg');
    expect(html).toContain('閲覧・操作の記録 <span class="en" lang="en">Who opened this file</span>');
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<script/i);
    // The disclosure's recording time, in Tokyo time.
    const exportedAt = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    expect(html).toContain(`${exportedAt} `);
    expect(html).toContain('JST');
    const audited = await env.handle.db.selectFrom('audit_event').select('details').where('entity_id', '=', p.id).where(sql<boolean>`details->>'format' = 'html'`).execute();
    expect(audited).toHaveLength(1);
  });

  it('as a bilingual PDF with its Japanese font embedded, audited', async () => {
    const p = await personWithRecords();
    const res = await call('GET', `/api/people/${p.id}/export.pdf`, caseworker.headers);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="tobira-${p.fileNumber}.pdf"`);
    expect(res.headers['cache-control']).toBe('no-store');
    const pdf = await readPdf(res.rawPayload);
    // What the person reads, as a PDF reader extracts it (ignoring where lines wrap): headings in both languages, their data.
    expect(pdf.squashed).toContain(squash('保有個人データの開示（本人開示）'));
    expect(pdf.squashed).toContain(squash('Personal data held (disclosure to the person)'));
    expect(pdf.squashed).toContain(squash('第三者提供の記録'));
    expect(pdf.squashed).toContain(squash('Sharing log'));
    expect(pdf.squashed).toContain(squash('Haile <b>&'));
    expect(pdf.squashed).toContain(squash('Religion: Pentecostal church'));
    expect(pdf.squashed).toContain(squash('Sleeps in a net cafe in Ikebukuro'));
    expect(pdf.squashed).toContain(squash('一次審査中 / First instance pending'));
    expect(pdf.squashed).toContain(squash('passport-meron.jpg'));
    expect(pdf.squashed).toContain(squash('JST'));
    expect(pdf.pages.at(-1)).toContain(`${p.fileNumber} ·`);
    expect(pdf.embeddedFonts.some((f) => f.endsWith('+NotoSansJP-Regular'))).toBe(true);
    const audited = await env.handle.db.selectFrom('audit_event').select('details').where('entity_id', '=', p.id).where(sql<boolean>`details->>'format' = 'pdf'`).execute();
    expect(audited).toEqual([{ details: { view: 'export', format: 'pdf' } }]);
  });

  it('leaves out what the role may not read', async () => {
    const p = await personWithRecords();
    const { actor } = caseworker.ctx;
    const permissions = new Set(actor.permissions);
    permissions.delete('sensitive.read');
    permissions.delete('consultations.read');
    const data = await env.services.privacy.exportPerson({ ...caseworker.ctx, actor: { ...actor, permissions } }, p.id, 'json');
    expect(data.sensitive).toBeNull();
    expect(data.consultations[0]?.note).toBeNull();
  });
});
