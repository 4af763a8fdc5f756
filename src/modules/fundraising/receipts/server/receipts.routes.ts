import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../../../../server/http/plugin';
import {
  BatchFileQuery, BatchItem, BatchItemQuery, BatchProgress, CreateReceiptBatchInput, IssueAnnualReceiptInput, IssueSingleReceiptInput, Receipt,
  ReceiptBatch, ReceiptList, ReceiptPdfQuery, ReceiptQuery, ReceiptSettings, ReissueReceiptInput, RunBatchQuery, UpdateReceiptSettingsInput,
  VoidReceiptInput,
} from '../contract';
import type { ReceiptsService } from './receipts.service';

const IdParams = z.object({ id: z.uuid() });
// The first tag scopes field labels in error messages (fields.receipts.* in the catalogues).
const tags = ['receipts'];
const file = (description: string) => z.file().meta({ description });

/** 寄附金受領証明書: settings, single and annual receipts, reissue and void, and the year-end batches. */
export function receiptRoutes(receipts: ReceiptsService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    // --- Settings ---
    app.get('/api/fundraising/receipt-settings', {
      config: { access: 'fundraising.manage' },
      schema: { tags, summary: 'What every receipt states about the organisation (name, address, representative, 認定NPO法人 certification, authority, statement, threshold)', response: { 200: ReceiptSettings } },
    }, async (request) => receipts.getSettings(requestContext(request)));

    app.put('/api/fundraising/receipt-settings', {
      config: { access: 'fundraising.manage' },
      schema: {
        tags, summary: 'Save the receipt settings (send the version read; sealImage: base64 PNG/JPEG, null removes it, left out keeps it)',
        body: UpdateReceiptSettingsInput, response: { 200: ReceiptSettings },
      },
    }, async (request) => receipts.updateSettings(requestContext(request), request.body));

    app.get('/api/fundraising/receipt-settings/seal', {
      config: { access: 'fundraising.manage' },
      schema: { tags, summary: 'The seal image (印影) receipts print now', produces: ['image/png', 'image/jpeg'], response: { 200: file('PNG or JPEG') } },
    }, async (request, reply) => {
      const seal = await receipts.sealImage(requestContext(request));
      return reply.type(seal.contentType).header('cache-control', 'private, no-store').send(seal.image as unknown as File);
    });

    // --- Receipts ---
    app.get('/api/fundraising/receipts', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: 'Receipts, newest first (by supporter, year of the gifts, kind)', querystring: ReceiptQuery, response: { 200: ReceiptList } },
    }, async (request) => receipts.list(requestContext(request), request.query));

    app.post('/api/fundraising/receipts', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: 'Issue a receipt for one received gift', body: IssueSingleReceiptInput, response: { 201: Receipt } },
    }, async (request, reply) => reply.status(201).send(await receipts.issueForGift(requestContext(request), request.body)));

    app.post('/api/fundraising/receipts/annual', {
      config: { access: 'fundraising.write' },
      schema: {
        tags, summary: "Issue a supporter's annual combined receipt for a year (409 receipt.possible_duplicates unless acknowledgeDuplicates)",
        body: IssueAnnualReceiptInput, response: { 201: Receipt },
      },
    }, async (request, reply) => reply.status(201).send(await receipts.issueAnnual(requestContext(request), request.body)));

    app.get('/api/fundraising/receipts/:id', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: 'One receipt: its gifts, what it printed, its reissues', params: IdParams, response: { 200: Receipt } },
    }, async (request) => receipts.get(requestContext(request), request.params.id));

    app.get('/api/fundraising/receipts/:id/pdf', {
      config: { access: 'fundraising.read' },
      schema: {
        tags, summary: 'The receipt as PDF (A4 for a 長3 window envelope; a voided one only with voidCopy=true, marked 無効 / VOID; audited)',
        params: IdParams, querystring: ReceiptPdfQuery, produces: ['application/pdf'], response: { 200: file('PDF') },
      },
    }, async (request, reply) => {
      const { content, fileName } = await receipts.pdf(requestContext(request), request.params.id, request.query);
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'private, no-store').send(content as unknown as File);
    });

    app.post('/api/fundraising/receipts/:id/reissue', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: 'Reissue a receipt (same facts, number with -R1, -R2…, printed 再発行)', params: IdParams, body: ReissueReceiptInput, response: { 201: Receipt } },
    }, async (request, reply) => reply.status(201).send(await receipts.reissue(requestContext(request), request.params.id, request.body)));

    app.post('/api/fundraising/receipts/:id/void', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: 'Void a receipt and its reissues (the number is never reused; its gifts may be receipted again)', params: IdParams, body: VoidReceiptInput, response: { 200: Receipt } },
    }, async (request) => receipts.void(requestContext(request), request.params.id, request.body));

    // --- Year-end batches ---
    app.get('/api/fundraising/receipt-batches', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: 'Year-end receipt batches, newest first', querystring: z.object({ year: z.coerce.number().int().min(2000).max(2199).optional() }), response: { 200: z.object({ batches: z.array(ReceiptBatch) }) } },
    }, async (request) => ({ batches: await receipts.listBatches(requestContext(request), request.query.year) }));

    app.post('/api/fundraising/receipt-batches', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: 'Start a year-end batch: every supporter whose received gifts of the year reach the threshold', body: CreateReceiptBatchInput, response: { 201: ReceiptBatch } },
    }, async (request, reply) => reply.status(201).send(await receipts.createBatch(requestContext(request), request.body)));

    app.get('/api/fundraising/receipt-batches/:id', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: 'A batch and its progress', params: IdParams, response: { 200: ReceiptBatch } },
    }, async (request) => receipts.getBatch(requestContext(request), request.params.id));

    app.get('/api/fundraising/receipt-batches/:id/items', {
      config: { access: 'fundraising.read' },
      schema: {
        tags, summary: "The batch's supporters and how each ended (skipped: already receipted, below threshold, possible duplicate, no address…)",
        params: IdParams, querystring: BatchItemQuery, response: { 200: z.object({ items: z.array(BatchItem), total: z.number().int() }) },
      },
    }, async (request) => receipts.batchItems(requestContext(request), request.params.id, request.query));

    app.post('/api/fundraising/receipt-batches/:id/run', {
      config: { access: 'fundraising.write' },
      schema: {
        tags, summary: 'Process the next supporters of the batch (limit, default 200; each in its own transaction) and return the progress; call again until status is done',
        params: IdParams, querystring: RunBatchQuery, response: { 200: BatchProgress },
      },
    }, async (request) => receipts.runBatch(requestContext(request), request.params.id, request.query.limit));

    app.get('/api/fundraising/receipt-batches/:id/file', {
      config: { access: 'fundraising.read' },
      schema: {
        tags, summary: "The batch's valid receipts: one PDF, a page each (format=pdf), or a ZIP of one PDF per receipt (format=zip); audited",
        params: IdParams, querystring: BatchFileQuery, produces: ['application/pdf', 'application/zip'], response: { 200: file('PDF or ZIP') },
      },
    }, async (request, reply) => {
      const { content, fileName, contentType } = await receipts.batchFile(requestContext(request), request.params.id, request.query);
      return reply.type(contentType).header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'private, no-store').send(content as unknown as File);
    });
  };
}
