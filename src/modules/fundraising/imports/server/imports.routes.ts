import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../../../../server/http/plugin';
import { AnalyseImportInput, ImportBatch, ImportDecision, ImportMatch, ImportRowsQuery, ImportRowView, RollbackResult, UploadImportQuery } from '../batches.contract';
import { MAX_IMPORT_BYTES } from '../imports.contract';
import type { ImportsService } from './imports.service';

const IdParams = z.object({ id: z.uuid() });
// The tag also scopes the field labels of error messages (fields.giftImports.* in ./i18n).
const tags = ['giftImports'];
const Ok = z.object({ ok: z.literal(true) });

/** Gift imports: upload → mapping and matching → decisions → commit → roll-back. */
export function importRoutes(imports: ImportsService) {
  return async function routes(fastify: FastifyInstance) {
    // The file is sent as it is (text/csv or application/octet-stream): its encoding is found from the bytes.
    fastify.addContentTypeParser(['text/csv', 'application/octet-stream', 'text/plain'], { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES }, (_request, body, done) => done(null, body));
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.post('/api/fundraising/imports', {
      config: { access: 'fundraising.write' },
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        tags, summary: 'Upload a Congrant, Syncable, bank or other CSV (the body is the file; Shift_JIS or UTF-8, found from the bytes)',
        querystring: UploadImportQuery, consumes: ['text/csv', 'application/octet-stream'], response: { 201: ImportBatch },
      },
    }, async (request, reply) => {
      const bytes = Buffer.isBuffer(request.body) ? new Uint8Array(request.body) : new Uint8Array();
      return reply.status(201).send(await imports.upload(requestContext(request), { fileName: request.query.fileName, bytes, source: request.query.source }));
    });

    app.get('/api/fundraising/imports', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: 'Import batches, newest first', response: { 200: z.object({ batches: z.array(ImportBatch) }) } },
    }, async (request) => ({ batches: await imports.list(requestContext(request)) }));

    app.get('/api/fundraising/imports/:id', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: 'One import batch with the first rows of its file', params: IdParams, response: { 200: ImportBatch } },
    }, async (request) => imports.get(requestContext(request), request.params.id));

    app.post('/api/fundraising/imports/:id/analyse', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: 'Read every row with a column mapping and match the donors to supporters (again with another mapping until committed)', params: IdParams, body: AnalyseImportInput, response: { 200: ImportBatch } },
    }, async (request) => imports.analyse(requestContext(request), request.params.id, request.body));

    app.get('/api/fundraising/imports/:id/rows', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: 'The rows as read: gifts, errors with line and column, candidate supporters', params: IdParams, querystring: ImportRowsQuery, response: { 200: z.object({ rows: z.array(ImportRowView) }) } },
    }, async (request) => {
      const matches = request.query.match ? request.query.match.split(',').flatMap((m) => (ImportMatch.safeParse(m.trim()).success ? [m.trim() as ImportMatch] : [])) : null;
      return { rows: await imports.rows(requestContext(request), request.params.id, matches, request.query.limit, request.query.offset) };
    });

    app.post('/api/fundraising/imports/:id/rows/:line/decision', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: 'Decide an unclear row: this existing supporter, a new supporter, or leave it out', params: IdParams.extend({ line: z.coerce.number().int().min(1) }), body: ImportDecision, response: { 200: Ok } },
    }, async (request) => {
      await imports.decide(requestContext(request), request.params.id, request.params.line, request.body);
      return { ok: true as const };
    });

    app.post('/api/fundraising/imports/:id/decide-ambiguous', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: 'Every row still unclear becomes a new supporter, or is left out', params: IdParams, body: z.strictObject({ decision: z.enum(['new', 'skip']) }), response: { 200: z.object({ decided: z.number().int() }) } },
    }, async (request) => ({ decided: await imports.decideAllAmbiguous(requestContext(request), request.params.id, request.body.decision) }));

    app.post('/api/fundraising/imports/:id/commit', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: 'Write the batch in one transaction (a gift already imported is never counted twice)', params: IdParams, response: { 200: ImportBatch } },
    }, async (request) => imports.commit(requestContext(request), request.params.id));

    app.post('/api/fundraising/imports/:id/rollback', {
      config: { access: 'fundraising.manage' },
      schema: { tags, summary: 'Roll a committed batch back in full (refused once a gift was refunded or receipted)', params: IdParams, response: { 200: RollbackResult } },
    }, async (request) => imports.rollback(requestContext(request), request.params.id));
  };
}
