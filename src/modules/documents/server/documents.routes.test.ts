import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, makePerson, type TestEnv } from '../../../server/test/factories';

let env: TestEnv;
/** A caseworker of another organisation in the same database. */
let outsider: { headers: { authorization: string }; personId: string };

beforeAll(async () => {
  env = await createTestEnv();
  const org = await env.handle.db.insertInto('organisation').values({ name: 'Other office' }).returning('id').executeTakeFirstOrThrow();
  const email = 'outsider.documents@other.local';
  await env.services.staff.addUser(org.id, { email, displayName: 'Outsider', role: 'caseworker', language: 'en', password: 'outsider-password-123' });
  const { token } = await env.services.staff.createTokenFor(email, 'test');
  const actor = await env.services.staff.actorFromToken(token);
  if (!actor) throw new Error('no actor');
  const person = await env.services.people.create({ actor, ip: '127.0.0.1' }, { familyName: 'Elsewhere', givenName: 'P', dateOfBirthEstimated: false, sex: 'unknown', languages: [] });
  outsider = { headers: { authorization: `Bearer ${token}` }, personId: person.id };
});
afterAll(async () => env?.close());

/** A real 1×1 PNG. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const SECRET = 'TOBIRA-DISTINCTIVE-7f3a9c';

/** A real one-page PDF whose (uncompressed) page says SECRET: any plaintext copy on disk would show it. */
function pdf(): Buffer {
  const text = `BT /F1 18 Tf 72 720 Td (${SECRET}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A multipart/form-data body as a browser's FormData would send it. */
async function form(fields: { file?: { content: Buffer; name: string; type: string }; kind?: string; note?: string }) {
  const data = new FormData();
  if (fields.file) data.append('file', new Blob([new Uint8Array(fields.file.content)], { type: fields.file.type }), fields.file.name);
  if (fields.kind !== undefined) data.append('kind', fields.kind);
  if (fields.note !== undefined) data.append('note', fields.note);
  const request = new Request('http://localhost/', { method: 'POST', body: data });
  return { payload: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type') ?? '' };
}

async function upload(personId: string, headers: Record<string, string>, fields: Parameters<typeof form>[0]) {
  const { payload, contentType } = await form(fields);
  return env.app.inject({ method: 'POST', url: `/api/people/${personId}/documents`, headers: { ...headers, 'content-type': contentType }, payload });
}

const filesOnDisk = async () => (await readdir(env.documentsDir)).sort();

async function auditRows(entityType: string, entityId: string) {
  return env.handle.db.selectFrom('audit_event').select(['action', 'details']).where('entity_type', '=', entityType).where('entity_id', '=', entityId).orderBy('id').execute();
}

describe('POST /api/people/:id/documents', () => {
  it('answers 401, 403 and 400 naming the fields', async () => {
    const p = await makePerson(env);
    const good = { file: { content: png, name: 'card.png', type: 'image/png' }, kind: 'residence_card' };
    expect((await upload(p.id, {}, good)).statusCode).toBe(401);
    const reception = await env.staff('reception');
    const forbidden = await upload(p.id, reception.headers, good);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('auth.forbidden');
    const caseworker = await env.staff('caseworker');
    const bad = await upload(p.id, caseworker.headers, { kind: 'diary', note: 'x'.repeat(1001) });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['file', 'kind', 'note']);
    expect(bad.json().error.fields.kind).toBe('Kind of document: not one of the allowed values');
    const badId = await upload('nope', caseworker.headers, good);
    expect(badId.statusCode).toBe(400);
    expect(await filesOnDisk()).toEqual([]);
  });

  it('stores a PNG encrypted under a random name and gives back the same bytes', async () => {
    const caseworker = await env.staff('caseworker');
    const p = await makePerson(env, { familyName: 'Haile' });
    const res = await upload(p.id, caseworker.headers, { file: { content: png, name: 'Haile 在留カード.png', type: 'image/png' }, kind: 'residence_card', note: 'front side' });
    expect(res.statusCode).toBe(201);
    const doc = res.json();
    expect(doc).toMatchObject({ personId: p.id, kind: 'residence_card', note: 'front side', fileName: 'Haile 在留カード.png', contentType: 'image/png', sizeBytes: png.length, uploadedByName: 'caseworker en', deletedAt: null });
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    // On disk: one file named by the document's id, never the person's or the file's name.
    const files = await filesOnDisk();
    expect(files).toContain(doc.id);
    expect(files.join(' ')).not.toMatch(/Haile|\.tmp-/);

    const content = await env.app.inject({ method: 'GET', url: `/api/documents/${doc.id}/content`, headers: caseworker.headers });
    expect(content.statusCode).toBe(200);
    expect(content.rawPayload.equals(png)).toBe(true);
    expect(content.headers['content-type']).toBe('image/png');
    expect(content.headers['content-disposition']).toBe(`inline; filename="Haile _____.png"; filename*=UTF-8''Haile%20%E5%9C%A8%E7%95%99%E3%82%AB%E3%83%BC%E3%83%89.png`);
    expect(content.headers['x-content-type-options']).toBe('nosniff');
    expect(content.headers['cache-control']).toBe('private, no-store');
    expect(content.headers['content-security-policy']).toMatch(/^sandbox;/);
    const download = await env.app.inject({ method: 'GET', url: `/api/documents/${doc.id}/content?download=true`, headers: caseworker.headers });
    expect(download.headers['content-disposition']).toMatch(/^attachment; /);

    // Audited, without the file's name or content.
    const audit = await auditRows('document', doc.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'read', 'read']);
    expect(audit[0]?.details).toEqual({ personId: p.id, kind: 'residence_card', contentType: 'image/png', sizeBytes: png.length });
    expect(JSON.stringify(audit)).not.toMatch(/Haile|在留|front side/);
  });

  it('stores a PDF without its plaintext on disk and gives back the same bytes', async () => {
    const caseworker = await env.staff('caseworker');
    const p = await makePerson(env);
    const plain = pdf();
    expect(plain.includes(SECRET)).toBe(true);
    const res = await upload(p.id, caseworker.headers, { file: { content: plain, name: 'refusal.pdf', type: 'application/pdf' }, kind: 'refusal_notice' });
    expect(res.statusCode).toBe(201);
    const { id, contentType } = res.json();
    expect(contentType).toBe('application/pdf');
    const onDisk = await readFile(path.join(env.documentsDir, id));
    expect(onDisk.includes(SECRET)).toBe(false);
    expect(onDisk.includes('%PDF')).toBe(false);
    expect(onDisk.subarray(0, 4).toString()).toBe('TBE1');
    const content = await env.app.inject({ method: 'GET', url: `/api/documents/${id}/content`, headers: caseworker.headers });
    expect(content.rawPayload.equals(plain)).toBe(true);
    expect(content.headers['content-type']).toBe('application/pdf');
    // Never opened inside Tobira's origin: saved, under the strictest policy.
    expect(content.headers['content-disposition']).toMatch(/^attachment; filename="refusal.pdf"/);
    expect(content.headers['content-security-policy']).toMatch(/^sandbox; default-src 'none'/);
    // The file name and note are sealed in the row too.
    const row = await env.handle.db.selectFrom('document').select(['file_name']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.file_name).toMatch(/^v1:/);
  });

  it('never shows a PDF inline (it could run its scripts), even one whose OpenAction holds JavaScript', async () => {
    const caseworker = await env.staff('caseworker');
    const p = await makePerson(env);
    const evil = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
        '3 0 obj << /S /JavaScript /JS (app.alert(document.cookie)) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    );
    const res = await upload(p.id, caseworker.headers, { file: { content: evil, name: 'notice.pdf', type: 'application/pdf' }, kind: 'other' });
    expect(res.statusCode, res.body).toBe(201);
    for (const query of ['', '?download=false', '?download=true']) {
      const content = await env.app.inject({ method: 'GET', url: `/api/documents/${res.json().id}/content${query}`, headers: caseworker.headers });
      expect(content.statusCode).toBe(200);
      expect(content.headers['content-disposition'], query).toMatch(/^attachment; /);
      expect(content.headers['content-security-policy'], query).toMatch(/^sandbox; /);
    }
  });

  it('saves a file under a name that ends as the file truly is (evil.html holding PNG bytes → evil.png)', async () => {
    const caseworker = await env.staff('caseworker');
    const p = await makePerson(env);
    const res = await upload(p.id, caseworker.headers, { file: { content: png, name: 'evil.html', type: 'text/html' }, kind: 'other' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ fileName: 'evil.png', contentType: 'image/png' });
    const download = await env.app.inject({ method: 'GET', url: `/api/documents/${res.json().id}/content?download=true`, headers: caseworker.headers });
    expect(download.headers['content-disposition']).toBe(`attachment; filename="evil.png"; filename*=UTF-8''evil.png`);
    expect(download.headers['content-type']).toBe('image/png');
  });

  it('refuses a file that only pretends to be a PDF, in the caller language, and keeps nothing', async () => {
    const caseworker = await env.staff('caseworker');
    const p = await makePerson(env);
    const before = await filesOnDisk();
    const fake = { file: { content: Buffer.from('MZ\x90\x00 this is a program, not a PDF'), name: 'notice.pdf', type: 'application/pdf' }, kind: 'decision_notice' };
    const res = await upload(p.id, caseworker.headers, fake);
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('document.type_not_allowed');
    expect(res.json().error.message).toContain('PDF');
    expect(Object.keys(res.json().error.fields)).toEqual(['file']);
    const ja = await upload(p.id, { ...caseworker.headers, 'x-tobira-language': 'ja', 'accept-language': 'ja' }, fake);
    expect(ja.json().error.message).toBe('この種類のファイルは受け付けられません。写真（JPEG、PNG、WebP、HEIC）または PDF を添付してください。');
    expect(await filesOnDisk()).toEqual(before);
    const list = await env.app.inject({ method: 'GET', url: `/api/people/${p.id}/documents`, headers: caseworker.headers });
    expect(list.json().items).toEqual([]);
  });

  it('refuses a file over 10 MB with document.too_large', async () => {
    const caseworker = await env.staff('caseworker');
    const p = await makePerson(env);
    const before = await filesOnDisk();
    const big = Buffer.concat([png, Buffer.alloc(10 * 1024 * 1024 + 1 - png.length)]);
    const res = await upload(p.id, caseworker.headers, { file: { content: big, name: 'huge.png', type: 'image/png' }, kind: 'other' });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'document.too_large', message: 'The file is too large: at most 10 MB.' });
    expect(await filesOnDisk()).toEqual(before);
    // Exactly at the limit is accepted (the 1 MB JSON body limit does not apply to uploads).
    const atLimit = await upload(p.id, caseworker.headers, { file: { content: big.subarray(0, 10 * 1024 * 1024), name: 'scan.png', type: 'image/png' }, kind: 'other' });
    expect(atLimit.statusCode).toBe(201);
    expect(atLimit.json().sizeBytes).toBe(10 * 1024 * 1024);
  });

  it('404s for an unknown person and for another organisation’s person', async () => {
    const caseworker = await env.staff('caseworker');
    const good = { file: { content: png, name: 'a.png', type: 'image/png' }, kind: 'other' };
    expect((await upload(randomUUID(), caseworker.headers, good)).statusCode).toBe(404);
    const res = await upload(outsider.personId, caseworker.headers, good);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('person.not_found');
  });

  it('removes the written file when the row cannot be saved', async () => {
    const caseworker = await env.staff('caseworker');
    const p = await makePerson(env);
    const before = await filesOnDisk();
    // A staff id that does not exist: the file is written, then the insert fails on its foreign key.
    const ghost = { ...caseworker.ctx, actor: { ...caseworker.ctx.actor, staffUserId: randomUUID() } };
    await expect(env.services.documents.upload(ghost, p.id, { content: png, fileName: 'a.png', kind: 'other' })).rejects.toThrow();
    expect(await filesOnDisk()).toEqual(before);
    expect(await env.services.documents.listForPerson(caseworker.ctx, p.id)).toEqual([]);
  });
});

describe('GET /api/people/:id/documents', () => {
  it('answers 401, 403, 400, 404 and the list, newest first, with the size limit (audited)', async () => {
    const caseworker = await env.staff('caseworker');
    const p = await makePerson(env);
    const url = `/api/people/${p.id}/documents`;
    expect((await env.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    const reception = await env.staff('reception');
    expect((await env.app.inject({ method: 'GET', url, headers: reception.headers })).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: '/api/people/nope/documents', headers: caseworker.headers })).statusCode).toBe(400);
    expect((await env.app.inject({ method: 'GET', url: `/api/people/${outsider.personId}/documents`, headers: caseworker.headers })).statusCode).toBe(404);

    await upload(p.id, caseworker.headers, { file: { content: png, name: 'first.png', type: 'image/png' }, kind: 'passport' });
    await upload(p.id, caseworker.headers, { file: { content: pdf(), name: 'second.pdf', type: 'application/pdf' }, kind: 'medical' });
    const res = await env.app.inject({ method: 'GET', url, headers: caseworker.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().maxBytes).toBe(10 * 1024 * 1024);
    expect(res.json().items.map((d: { fileName: string }) => d.fileName)).toEqual(['second.pdf', 'first.png']);
    const audit = await auditRows('person', p.id);
    expect(audit.at(-1)).toEqual({ action: 'read', details: { view: 'documents', count: 2 } });
  });
});

describe('GET /api/documents/:id/content', () => {
  it('answers 401, 403, 400, and 404 for unknown and other organisations’ documents', async () => {
    const caseworker = await env.staff('caseworker');
    const p = await makePerson(env);
    const { id } = (await upload(p.id, caseworker.headers, { file: { content: png, name: 'x.png', type: 'image/png' }, kind: 'other' })).json();
    const url = `/api/documents/${id}/content`;
    expect((await env.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    const reception = await env.staff('reception');
    expect((await env.app.inject({ method: 'GET', url, headers: reception.headers })).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: '/api/documents/nope/content', headers: caseworker.headers })).statusCode).toBe(400);
    expect((await env.app.inject({ method: 'GET', url: `/api/documents/${randomUUID()}/content`, headers: caseworker.headers })).statusCode).toBe(404);
    const other = await env.app.inject({ method: 'GET', url, headers: outsider.headers });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('document.not_found');
    expect((await env.app.inject({ method: 'DELETE', url: `/api/documents/${id}`, headers: outsider.headers })).statusCode).toBe(404);
  });
});

describe('DELETE /api/documents/:id', () => {
  it('answers 401, 403, 400, 404; keeps the row, erases the file, hides it from lists', async () => {
    const caseworker = await env.staff('caseworker');
    const p = await makePerson(env);
    const { id } = (await upload(p.id, caseworker.headers, { file: { content: png, name: 'x.png', type: 'image/png' }, kind: 'other' })).json();
    const url = `/api/documents/${id}`;
    expect((await env.app.inject({ method: 'DELETE', url })).statusCode).toBe(401);
    const viewer = await env.staff('viewer');
    expect((await env.app.inject({ method: 'DELETE', url, headers: viewer.headers })).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'DELETE', url: '/api/documents/nope', headers: caseworker.headers })).statusCode).toBe(400);
    expect((await env.app.inject({ method: 'DELETE', url: `/api/documents/${randomUUID()}`, headers: caseworker.headers })).statusCode).toBe(404);

    const res = await env.app.inject({ method: 'DELETE', url, headers: caseworker.headers });
    expect(res.statusCode).toBe(200);
    expect(await filesOnDisk()).not.toContain(id);
    expect((await env.app.inject({ method: 'GET', url: `${url}/content`, headers: caseworker.headers })).statusCode).toBe(404);
    expect((await env.app.inject({ method: 'DELETE', url, headers: caseworker.headers })).statusCode).toBe(404);
    const list = await env.app.inject({ method: 'GET', url: `/api/people/${p.id}/documents`, headers: caseworker.headers });
    expect(list.json().items).toEqual([]);
    const kept = await env.services.documents.listForPerson(caseworker.ctx, p.id, { includeDeleted: true });
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ id, fileName: 'x.png', deletedBy: caseworker.ctx.actor.staffUserId });
    expect(kept[0]?.deletedAt).not.toBeNull();
    expect((await auditRows('document', id)).map((a) => a.action)).toEqual(['create', 'delete']);
  });
});

describe('OpenAPI', () => {
  it('documents the four routes, the upload as multipart/form-data', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/people/{id}/documents', '/api/documents/{id}/content', '/api/documents/{id}']));
    const post = doc.paths['/api/people/{id}/documents'].post;
    const schema = post.requestBody.content['multipart/form-data'].schema;
    expect(Object.keys(schema.properties).sort()).toEqual(['file', 'kind', 'note']);
    expect(schema.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(schema.required).toEqual(expect.arrayContaining(['file', 'kind']));
  });
});
