import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../../../server/http/plugin';
import { tokyoDate } from '../../../shared/time';
import { CreatePartnerInput, Partner, PartnerImportPreview, PartnerImportResult, PartnerList, PartnerQuery, UpdatePartnerInput } from '../contract';
import { MAX_PARTNER_CSV_BYTES } from './partners.csv';
import type { PartnersService } from './partners.service';

const IdParams = z.object({ id: z.uuid() });
// The tag also scopes the field labels of error messages (fields.partners.* in ../i18n).
const tags = ['partners'];
const ExportQuery = PartnerQuery.omit({ limit: true, offset: true });
const fileBody = (body: unknown) => (Buffer.isBuffer(body) ? new Uint8Array(body) : new Uint8Array());

/** The directory of partners: look up, keep, and move it in and out of a spreadsheet. Thin. */
export function partnersRoutes(partners: PartnersService) {
  return async function routes(fastify: FastifyInstance) {
    // An import sends the file as it is (text/csv or application/octet-stream): its encoding is found from the bytes.
    fastify.addContentTypeParser(['text/csv', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_PARTNER_CSV_BYTES }, (_request, body, done) => done(null, body));
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get('/api/partners', {
      config: { access: 'partners.read' },
      schema: { tags, summary: 'The directory: search as you type (name in Japanese, English or kana; city; station) and filters, by reading', querystring: PartnerQuery, response: { 200: PartnerList } },
    }, async (request) => partners.list(requestContext(request), request.query));

    app.post('/api/partners', {
      config: { access: 'partners.manage' },
      schema: { tags, summary: 'Add a partner (prefecture and city from the postal code when left empty)', body: CreatePartnerInput, response: { 201: Partner } },
    }, async (request, reply) => reply.status(201).send(await partners.create(requestContext(request), request.body)));

    app.get('/api/partners/export.csv', {
      config: { access: 'partners.read' },
      schema: { tags, summary: 'The directory as CSV (bilingual headers, formula-safe): the file the import reads back', querystring: ExportQuery },
    }, async (request, reply) => {
      const csv = await partners.exportCsv(requestContext(request), request.query);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="partners-${tokyoDate()}.csv"`)
        .header('cache-control', 'private, no-store').send(csv);
    });

    app.post('/api/partners/import/preview', {
      config: { access: 'partners.manage' },
      bodyLimit: MAX_PARTNER_CSV_BYTES,
      schema: {
        tags, summary: 'What importing a directory CSV would do, row by row (nothing is written; Shift_JIS or UTF-8)',
        consumes: ['text/csv', 'application/octet-stream'], response: { 200: PartnerImportPreview },
      },
    }, async (request) => partners.previewImport(requestContext(request), fileBody(request.body), request.lang));

    app.post('/api/partners/import', {
      config: { access: 'partners.manage' },
      bodyLimit: MAX_PARTNER_CSV_BYTES,
      schema: {
        tags, summary: 'Import a directory CSV in one transaction: rows with an id update that partner, rows without one are added; refused while any row has an error',
        consumes: ['text/csv', 'application/octet-stream'], response: { 200: PartnerImportResult },
      },
    }, async (request) => partners.importFile(requestContext(request), fileBody(request.body), request.lang));

    app.get('/api/partners/:id', {
      config: { access: 'partners.read' },
      schema: { tags, summary: 'One partner', params: IdParams, response: { 200: Partner } },
    }, async (request) => partners.get(requestContext(request), request.params.id));

    app.patch('/api/partners/:id', {
      config: { access: 'partners.manage' },
      schema: { tags, summary: 'Change a partner (row version checked); archived: true/false archives or brings back', params: IdParams, body: UpdatePartnerInput, response: { 200: Partner } },
    }, async (request) => partners.update(requestContext(request), request.params.id, request.body));
  };
}
