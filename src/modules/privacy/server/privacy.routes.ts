import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../../../server/http/plugin';
import {
  Consent, ConsentList, CreateConsentInput, CreateDisclosureInput, Disclosure, DisclosureList, PersonExport, PutSensitiveInput,
  SensitiveFields, WithdrawConsentInput,
} from '../contract';
import { exportHtmlCsp, renderExportHtml } from './privacy.export-html';
import { renderExportPdf } from './privacy.export-pdf';
import type { PrivacyService } from './privacy.service';

const IdParams = z.object({ id: z.uuid() });
const tags = ['privacy'];

export function privacyRoutes(privacy: PrivacyService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get('/api/people/:id/consents', {
      config: { access: 'privacy.read' },
      schema: { tags, summary: "A person's consents, withdrawn ones included (audited)", params: IdParams, response: { 200: ConsentList } },
    }, async (request) => ({ items: await privacy.listConsents(requestContext(request), request.params.id) }));

    app.post('/api/people/:id/consents', {
      config: { access: 'privacy.write' },
      schema: { tags, summary: 'Record a consent for one purpose', params: IdParams, body: CreateConsentInput, response: { 201: Consent } },
    }, async (request, reply) => reply.status(201).send(await privacy.createConsent(requestContext(request), request.params.id, request.body)));

    app.post('/api/consents/:id/withdraw', {
      config: { access: 'privacy.write' },
      schema: { tags, summary: 'Record the withdrawal of a consent (it stays on file)', params: IdParams, body: WithdrawConsentInput, response: { 200: Consent } },
    }, async (request) => privacy.withdrawConsent(requestContext(request), request.params.id, request.body.withdrawnOn));

    app.get('/api/people/:id/disclosures', {
      config: { access: 'privacy.read' },
      schema: { tags, summary: "A person's sharing log (audited)", params: IdParams, response: { 200: DisclosureList } },
    }, async (request) => ({ items: await privacy.listDisclosures(requestContext(request), request.params.id) }));

    app.post('/api/people/:id/disclosures', {
      config: { access: 'privacy.write' },
      schema: {
        tags,
        summary: 'Log a disclosure to a third party (basis: an active consent naming the recipient, or a legal ground)',
        params: IdParams, body: CreateDisclosureInput, response: { 201: Disclosure },
      },
    }, async (request, reply) => reply.status(201).send(await privacy.createDisclosure(requestContext(request), request.params.id, request.body)));

    app.get('/api/people/:id/sensitive', {
      config: { access: 'sensitive.read' },
      schema: { tags, summary: 'Persecution grounds and health details, decrypted (audited)', params: IdParams, response: { 200: SensitiveFields } },
    }, async (request) => privacy.getSensitive(requestContext(request), request.params.id));

    app.put('/api/people/:id/sensitive', {
      // Also needs sensitive.read (checked by the service): one may not write what one may not read.
      config: { access: 'privacy.write' },
      schema: {
        tags,
        summary: 'Save persecution grounds and health details (needs an active sensitive-data consent; send the version; 409 if stale)',
        params: IdParams, body: PutSensitiveInput, response: { 200: SensitiveFields },
      },
    }, async (request) => privacy.putSensitive(requestContext(request), request.params.id, request.body));

    app.get('/api/people/:id/export', {
      config: { access: 'people.export' },
      schema: { tags, summary: 'Everything held about one person, as JSON (本人開示; audited)', params: IdParams, response: { 200: PersonExport } },
    }, async (request, reply) => {
      const data = await privacy.exportPerson(requestContext(request), request.params.id, 'json');
      return reply
        .header('content-disposition', `attachment; filename="tobira-${data.person.fileNumber}.json"`)
        .header('cache-control', 'no-store')
        .send(data);
    });

    app.get('/api/people/:id/export.html', {
      config: { access: 'people.export' },
      // No response schema: the body is an HTML document, not JSON (the data passed PersonExport's shape).
      schema: { tags, summary: 'Everything held about one person, as a printable bilingual document (本人開示; audited)', params: IdParams, produces: ['text/html'] },
    }, async (request, reply) => {
      const data = PersonExport.parse(await privacy.exportPerson(requestContext(request), request.params.id, 'html'));
      return reply
        .type('text/html; charset=utf-8')
        .header('content-disposition', `attachment; filename="tobira-${data.person.fileNumber}.html"`)
        .header('content-security-policy', exportHtmlCsp)
        .header('cache-control', 'no-store')
        .send(renderExportHtml(data));
    });

    app.get('/api/people/:id/export.pdf', {
      config: { access: 'people.export' },
      // No response schema: the body is a PDF (the data passed PersonExport's shape).
      schema: { tags, summary: 'Everything held about one person, as a bilingual PDF with its fonts embedded (本人開示; audited)', params: IdParams, produces: ['application/pdf'] },
    }, async (request, reply) => {
      const data = PersonExport.parse(await privacy.exportPerson(requestContext(request), request.params.id, 'pdf'));
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="tobira-${data.person.fileNumber}.pdf"`)
        .header('cache-control', 'no-store')
        .send(await renderExportPdf(data));
    });
  };
}
