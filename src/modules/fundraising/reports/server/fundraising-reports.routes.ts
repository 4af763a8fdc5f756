import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../../../../server/http/plugin';
import {
  BreakdownQuery, Breakdowns, CampaignProgress, CampaignProgressQuery, LapsedExportQuery, LapsedList, LapsedQuery, RecurringHealth, RecurringQuery,
  Register, RegisterPageQuery, RegisterPreparation, RegisterPreparedInput, RegisterQuery, RegisterStatus, RegisterStatusQuery, Retention, RetentionQuery,
  type LapsedKind,
} from '../contract';
import type { FundraisingReportsService } from './fundraising-reports.service';

// The first tag scopes field labels in errors (fields.fundraisingReports.year: 「年度」, not the calendar year of other rooms).
const tags = ['fundraisingReports'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const BASE = '/api/fundraising/reports';
const yearHelp = 'yearKind: fiscal (April–March, named by its April: year=2026 is 2026-04-01 … 2027-03-31; the default) or calendar. '
  + 'Giving is gifts received with a positive amount (refunds, their reversals, pledges and failed payments are not).';
const IdParams = z.object({ id: z.uuid() });
const csvFile = { produces: ['text/csv'], response: { 200: z.file().meta({ description: 'CSV (UTF-8 with BOM, bilingual headers)' }) } };
const xlsxFile = { produces: [XLSX_TYPE], response: { 200: z.file().meta({ description: 'Excel .xlsx (bilingual headers)' }) } };

function sendFile(reply: FastifyReply, file: { fileName: string; content: string | Buffer }, format: 'csv' | 'xlsx') {
  const body = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
  return reply.type(format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE)
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .header('cache-control', 'private, no-store')
    .send(body as unknown as File);
}

export function fundraisingReportRoutes(reports: FundraisingReportsService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    // --- LYBUNT / SYBUNT ---
    const lapsedSummary: Record<LapsedKind, string> = {
      lybunt: 'LYBUNT: supporters who gave last year (Y−1) but not this year (Y), with their last gift, last year\'s and lifetime giving (audited)',
      sybunt: 'SYBUNT: supporters who gave before last year, and neither last year nor this year (disjoint from LYBUNT; audited)',
    };
    for (const kind of ['lybunt', 'sybunt'] as const) {
      app.get(`${BASE}/${kind}`, {
        config: { access: 'fundraising.read' },
        schema: { tags, summary: lapsedSummary[kind], description: yearHelp, querystring: LapsedQuery, response: { 200: LapsedList } },
      }, async (request) => reports.lapsed(requestContext(request), kind, request.query));

      for (const format of ['csv', 'xlsx'] as const) {
        app.get(`${BASE}/${kind}.${format}`, {
          config: { access: 'fundraising.read' },
          schema: { tags, summary: `${kind.toUpperCase()}, every row, as ${format === 'csv' ? 'CSV' : 'Excel'} (audited)`, description: yearHelp, querystring: LapsedExportQuery, ...(format === 'csv' ? csvFile : xlsxFile) },
        }, async (request, reply) => sendFile(reply, await reports.lapsedFile(requestContext(request), kind, request.query, format), format));
      }
    }

    // --- Retention ---
    app.get(`${BASE}/retention`, {
      config: { access: 'fundraising.read' },
      schema: {
        tags, summary: 'Donor and value retention, with new / retained / recaptured / lapsed donors, per year (default: the last five)',
        description: `${yearHelp} from/to: first and last year (at most 20).`, querystring: RetentionQuery, response: { 200: Retention },
      },
    }, async (request) => reports.retention(requestContext(request), request.query));

    // --- Recurring health ---
    app.get(`${BASE}/recurring`, {
      config: { access: 'fundraising.read' },
      schema: {
        tags, summary: 'Recurring giving: active commitments, MRR, churn, expected against received per month, missed payments (audited)',
        description: 'from/to: months YYYY-MM (at most 36); default: the 12 months ending this month.', querystring: RecurringQuery, response: { 200: RecurringHealth },
      },
    }, async (request) => reports.recurring(requestContext(request), request.query));

    // --- Breakdowns ---
    app.get(`${BASE}/breakdowns`, {
      config: { access: 'fundraising.read' },
      schema: {
        tags, summary: "A year's giving by campaign, fund, method and prefecture (current address), with its largest gifts",
        description: `${yearHelp} netYen is the books' sum (refunds counted in the year of their reversing entry).`, querystring: BreakdownQuery, response: { 200: Breakdowns },
      },
    }, async (request) => reports.breakdowns(requestContext(request), request.query));

    for (const format of ['csv', 'xlsx'] as const) {
      const as = format === 'csv' ? 'CSV' : 'Excel';
      const file = format === 'csv' ? csvFile : xlsxFile;
      app.get(`${BASE}/retention.${format}`, {
        config: { access: 'fundraising.read' },
        schema: { tags, summary: `Retention as ${as} (audited)`, description: yearHelp, querystring: RetentionQuery, ...file },
      }, async (request, reply) => sendFile(reply, await reports.retentionFile(requestContext(request), request.query, format), format));

      app.get(`${BASE}/recurring.${format}`, {
        config: { access: 'fundraising.read' },
        schema: { tags, summary: `Recurring giving as ${as} (audited)`, querystring: RecurringQuery, ...file },
      }, async (request, reply) => sendFile(reply, await reports.recurringFile(requestContext(request), request.query, format), format));

      app.get(`${BASE}/breakdowns.${format}`, {
        config: { access: 'fundraising.read' },
        schema: { tags, summary: `The year's breakdowns as ${as} (audited)`, description: yearHelp, querystring: BreakdownQuery, ...file },
      }, async (request, reply) => sendFile(reply, await reports.breakdownsFile(requestContext(request), request.query, format), format));

      app.get(`${BASE}/campaigns/:id/progress.${format}`, {
        config: { access: 'fundraising.read' },
        schema: { tags, summary: `Campaign progress as ${as} (audited)`, params: IdParams, querystring: CampaignProgressQuery, ...file },
      }, async (request, reply) => sendFile(reply, await reports.campaignProgressFile(requestContext(request), request.params.id, request.query, format), format));

      app.get(`${BASE}/register.${format}`, {
        config: { access: 'fundraising.read' },
        schema: {
          tags, summary: `The donor register 寄附者名簿 of a year as ${as}: one row per gift, name, current address, amount, date (audited as an export)`,
          description: `${yearHelp} Default: the last finished year.`, querystring: RegisterQuery, ...file,
        },
      }, async (request, reply) => sendFile(reply, await reports.registerFile(requestContext(request), request.query, format), format));
    }

    // --- Campaign progress ---
    app.get(`${BASE}/campaigns/:id/progress`, {
      config: { access: 'fundraising.read' },
      schema: {
        tags, summary: "A campaign's giving per day or week with running totals, donors, average gift and new donors (for its chart)",
        params: IdParams, querystring: CampaignProgressQuery, response: { 200: CampaignProgress },
      },
    }, async (request) => reports.campaignProgress(requestContext(request), request.params.id, request.query));

    // --- Donor register ---
    app.get(`${BASE}/register`, {
      config: { access: 'fundraising.read' },
      schema: {
        tags, summary: 'The donor register 寄附者名簿 of a year, one page, and when it was last prepared (audited)',
        description: `${yearHelp} Default: the last finished year.`, querystring: RegisterPageQuery, response: { 200: Register },
      },
    }, async (request) => reports.register(requestContext(request), request.query));

    app.get(`${BASE}/register/status`, {
      config: { access: 'fundraising.read' },
      schema: {
        tags, summary: "Whether the dashboard should remind: the last finished year's register is not prepared and its 3 months are running",
        querystring: RegisterStatusQuery, response: { 200: RegisterStatus },
      },
    }, async (request) => reports.registerStatus(requestContext(request), request.query.yearKind));

    app.post(`${BASE}/register/prepared`, {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: "Record that a year's donor register was prepared (with its gifts and total then)", body: RegisterPreparedInput, response: { 201: RegisterPreparation } },
    }, async (request, reply) => reply.status(201).send(await reports.markRegisterPrepared(requestContext(request), request.body)));
  };
}
