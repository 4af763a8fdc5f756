import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../../../server/http/plugin';
import { ReportQuery, ReportSummary } from '../contract';
import { exportFileName } from './reports.export';
import type { ReportsService } from './reports.service';

const rangeHelp = 'Range: from & to (YYYY-MM-DD, inclusive, at most 2 years), or month (YYYY-MM); neither is this month in Tokyo. groupBy=month adds per-month figures.';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function reportRoutes(reports: ReportsService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get('/api/reports/summary', {
      config: { access: 'reports.read' },
      schema: {
        tags: ['reports'],
        summary: 'People helped, visits, consultations, aid, nights and money for a range; by nationality and sex',
        description: rangeHelp,
        querystring: ReportQuery, response: { 200: ReportSummary },
      },
    }, async (request) => reports.summary(requestContext(request), request.query));

    app.get('/api/reports/summary.csv', {
      config: { access: 'reports.read' },
      schema: {
        tags: ['reports'],
        summary: 'The report as CSV (UTF-8 with BOM, bilingual headers; audited)',
        description: rangeHelp,
        querystring: ReportQuery,
        produces: ['text/csv'],
        response: { 200: z.file().meta({ description: 'CSV: each table titled, separated by an empty line' }) },
      },
    }, async (request, reply) => {
      const { report, content } = await reports.csv(requestContext(request), request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${exportFileName(report, 'csv')}"`)
        .header('cache-control', 'private, no-store')
        // A Buffer is sent as it is (no serializer); the File schema above only documents it.
        .send(Buffer.from(content, 'utf8') as unknown as File);
    });

    app.get('/api/reports/summary.xlsx', {
      config: { access: 'reports.read' },
      schema: {
        tags: ['reports'],
        summary: 'The report as an Excel workbook (one sheet per table, bilingual headers; audited)',
        description: rangeHelp,
        querystring: ReportQuery,
        produces: [XLSX_TYPE],
        response: { 200: z.file().meta({ description: 'Excel .xlsx workbook' }) },
      },
    }, async (request, reply) => {
      const { report, content } = await reports.xlsx(requestContext(request), request.query);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${exportFileName(report, 'xlsx')}"`)
        .header('cache-control', 'private, no-store')
        .send(content as unknown as File);
    });
  };
}
