import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../../server/http/errors';
import { requestContext } from '../../../server/http/plugin';
import {
  AdvocacySettings, Barrier, BarrierChange, BarrierList, BarrierTag, BriefQuery, BulkTagInput, BulkTagResult, CreateBarrierInput, CreateTagsInput,
  Evidence, EvidenceQuery, MergeBarrierInput, PublicFigures, QuoteCheck, QuoteCheckInput, Suggestion, SuggestionQuery, TagsResult,
  UpdateAdvocacySettingsInput, UpdateBarrierInput, UpdateTagInput,
} from '../contract';
import { evidenceFileName } from './advocacy.export';
import type { AdvocacyService } from './advocacy.service';

const IdParams = z.object({ id: z.uuid() });
const Ok = z.object({ ok: z.literal(true) });
const tags = ['advocacy'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const periodHelp = 'Period in whole months (Asia/Tokyo): from & to (YYYY-MM, at most 10 years), a calendar year, or a fiscal year (April–March); neither is the last 12 months. Every count is a band of distinct people (see the methodology note).';
const ids = (list: string | undefined) => (list ?? '').split(',').map((s) => s.trim()).filter((s) => z.uuid().safeParse(s).success);

/** How long the public figures are kept before they are counted again. */
const PUBLIC_CACHE_MS = 5 * 60_000;

export function advocacyRoutes(advocacy: AdvocacyService) {
  let publicCache: { at: number; value: PublicFigures | null } | null = null;

  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    // --- Taxonomy ---
    app.get('/api/advocacy/barriers', {
      config: { access: 'advocacy.tag' },
      schema: { tags, summary: 'The barrier categories (retired ones with includeRetired=true)', querystring: z.object({ includeRetired: z.enum(['true', 'false']).optional() }), response: { 200: BarrierList } },
    }, async (request) => ({ barriers: await advocacy.listBarriers(requestContext(request), request.query.includeRetired === 'true') }));

    app.post('/api/advocacy/barriers', {
      config: { access: 'advocacy.manage' },
      schema: { tags, summary: 'Add a barrier category', body: CreateBarrierInput, response: { 201: Barrier } },
    }, async (request, reply) => reply.status(201).send(await advocacy.createBarrier(requestContext(request), request.body)));

    app.patch('/api/advocacy/barriers/:id', {
      config: { access: 'advocacy.manage' },
      schema: { tags, summary: 'Rename, describe, reorder, retire or restore a barrier category', params: IdParams, body: UpdateBarrierInput, response: { 200: Barrier } },
    }, async (request) => advocacy.updateBarrier(requestContext(request), request.params.id, request.body));

    app.post('/api/advocacy/barriers/:id/merge', {
      config: { access: 'advocacy.manage' },
      schema: { tags, summary: 'Merge a barrier category into another (its tags count under the other; it is retired)', params: IdParams, body: MergeBarrierInput, response: { 200: Barrier } },
    }, async (request) => advocacy.mergeBarrier(requestContext(request), request.params.id, request.body.intoId));

    app.get('/api/advocacy/barriers/:id/history', {
      config: { access: 'advocacy.manage' },
      schema: { tags, summary: 'Every change to a barrier category', params: IdParams, response: { 200: z.object({ changes: z.array(BarrierChange) }) } },
    }, async (request) => ({ changes: await advocacy.barrierHistory(requestContext(request), request.params.id) }));

    // --- Tags ---
    app.get('/api/advocacy/tags', {
      config: { access: 'advocacy.tag' },
      schema: { tags, summary: "A person's barrier tags (audited)", querystring: z.object({ personId: z.uuid() }), response: { 200: z.object({ tags: z.array(BarrierTag) }) } },
    }, async (request) => ({ tags: await advocacy.tagsOfPerson(requestContext(request), request.query.personId) }));

    app.post('/api/advocacy/tags', {
      config: { access: 'advocacy.tag' },
      schema: { tags, summary: 'Tag a person (from a consultation, or on the case file) with barriers', body: CreateTagsInput, response: { 201: TagsResult } },
    }, async (request, reply) => reply.status(201).send(await advocacy.createTags(requestContext(request), request.body)));

    app.post('/api/advocacy/tags/bulk', {
      config: { access: 'advocacy.tag' },
      schema: { tags, summary: 'Tag many people with one barrier (from a list)', body: BulkTagInput, response: { 200: BulkTagResult } },
    }, async (request) => advocacy.bulkTag(requestContext(request), request.body));

    app.patch('/api/advocacy/tags/:id', {
      config: { access: 'advocacy.tag' },
      schema: { tags, summary: 'Mark a tag resolved (or open again), or change its quote', params: IdParams, body: UpdateTagInput, response: { 200: BarrierTag } },
    }, async (request) => advocacy.updateTag(requestContext(request), request.params.id, request.body));

    app.delete('/api/advocacy/tags/:id', {
      config: { access: 'advocacy.tag' },
      schema: { tags, summary: 'Take a mistaken tag off (kept as removed, out of every figure)', params: IdParams, response: { 200: Ok } },
    }, async (request) => {
      await advocacy.removeTag(requestContext(request), request.params.id);
      return { ok: true as const };
    });

    app.post('/api/advocacy/quote-check', {
      config: { access: 'advocacy.tag' },
      schema: { tags, summary: "Whether a quote seems to hold the person's name, phone, card or file number", body: QuoteCheckInput, response: { 200: QuoteCheck } },
    }, async (request) => ({ warnings: await advocacy.checkQuote(requestContext(request), request.body.personId, request.body.quote) }));

    app.get('/api/advocacy/suggestions', {
      config: { access: 'advocacy.tag' },
      schema: { tags, summary: 'Barriers the facts on file point to (never applied until confirmed)', querystring: SuggestionQuery, response: { 200: z.object({ suggestions: z.array(Suggestion) }) } },
    }, async (request) => ({ suggestions: await advocacy.suggestions(requestContext(request), request.query.personId) }));

    // --- Evidence ---
    app.get('/api/advocacy/evidence', {
      config: { access: 'advocacy.read' },
      schema: { tags, summary: 'Evidence: people per barrier per month, breakdowns, waits, turn-aways, missed deadlines (banded; audited)', description: periodHelp, querystring: EvidenceQuery, response: { 200: Evidence } },
    }, async (request) => advocacy.evidence(requestContext(request), request.query));

    app.get('/api/advocacy/evidence.csv', {
      config: { access: 'advocacy.read' },
      schema: {
        tags, summary: 'The evidence as CSV (UTF-8 with BOM, bilingual headers, optional HXL hashtags row; audited)', description: periodHelp,
        querystring: EvidenceQuery.and(z.object({ hxl: z.enum(['1', '0', 'true', 'false']).optional() })), produces: ['text/csv'],
        response: { 200: z.file().meta({ description: 'CSV' }) },
      },
    }, async (request, reply) => {
      const hxl = request.query.hxl === '1' || request.query.hxl === 'true';
      const { evidence, content } = await advocacy.evidenceCsv(requestContext(request), request.query, hxl);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${evidenceFileName(evidence, 'csv')}"`)
        .header('cache-control', 'private, no-store').send(Buffer.from(content, 'utf8') as unknown as File);
    });

    app.get('/api/advocacy/evidence.xlsx', {
      config: { access: 'advocacy.read' },
      schema: { tags, summary: 'The evidence as an Excel workbook (audited)', description: periodHelp, querystring: EvidenceQuery, produces: [XLSX_TYPE], response: { 200: z.file().meta({ description: 'Excel .xlsx' }) } },
    }, async (request, reply) => {
      const { evidence, content } = await advocacy.evidenceXlsx(requestContext(request), request.query);
      return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="${evidenceFileName(evidence, 'xlsx')}"`)
        .header('cache-control', 'private, no-store').send(content as unknown as File);
    });

    app.get('/api/advocacy/brief.pdf', {
      config: { access: 'advocacy.read' },
      schema: {
        tags, summary: 'A bilingual PDF brief: key figures, a chart per chosen barrier, chosen quotes, the methodology (audited)',
        description: `${periodHelp} barriers and quotes: comma-separated ids (default: the five largest barriers, no quotes).`,
        querystring: BriefQuery, produces: ['application/pdf'], response: { 200: z.file().meta({ description: 'PDF' }) },
      },
    }, async (request, reply) => {
      const ctx = requestContext(request);
      const { evidence, content } = await advocacy.brief(ctx, request.query, { barrierIds: ids(request.query.barriers), quoteIds: ids(request.query.quotes) }, ctx.actor.organisationName);
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${evidenceFileName(evidence, 'pdf')}"`)
        .header('cache-control', 'private, no-store').send(content as unknown as File);
    });

    // --- Settings ---
    app.get('/api/advocacy/settings', {
      config: { access: 'advocacy.manage' },
      schema: { tags, summary: 'The smallest published count k, and the public figures', response: { 200: AdvocacySettings } },
    }, async (request) => advocacy.settings(requestContext(request)));

    app.patch('/api/advocacy/settings', {
      config: { access: 'advocacy.manage' },
      schema: { tags, summary: 'Change k (3 or more) or the public figures', body: UpdateAdvocacySettingsInput, response: { 200: AdvocacySettings } },
    }, async (request) => {
      const result = await advocacy.updateSettings(requestContext(request), request.body);
      publicCache = null;
      return result;
    });

    // --- Public ---
    app.get('/api/public/figures', {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'], summary: 'Headline figures for the website and appeals (no login; banded, nothing below k, nothing per person; cached 5 minutes)',
        security: [], response: { 200: PublicFigures },
      },
    }, async (_request, reply) => {
      if (!publicCache || Date.now() - publicCache.at > PUBLIC_CACHE_MS) publicCache = { at: Date.now(), value: await advocacy.publicFigures() };
      if (!publicCache.value) throw notFound('advocacy.no_organisation');
      return reply.header('cache-control', 'public, max-age=300').header('access-control-allow-origin', '*').send(publicCache.value);
    });
  };
}
