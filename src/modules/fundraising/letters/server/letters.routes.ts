import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalidField } from '../../../../server/http/errors';
import { requestContext } from '../../../../server/http/plugin';
import { LetterLanguage, LetterPreview, LettersPdfQuery, LetterTemplate, SaveLetterTemplateInput } from '../contract';
import type { LettersService } from './letters.service';

const tags = ['fundraising'];

/** Thank-you letters: templates, a preview per gift, and a PDF of the queue's selection. */
export function lettersRoutes(letters: LettersService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get('/api/fundraising/letters/templates', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: 'The thank-you letter templates (ja, en) with placeholders {{name}} {{amount}} {{date}} {{campaign}} {{fund}} {{organisation}}', response: { 200: z.object({ templates: z.array(LetterTemplate) }) } },
    }, async (request) => ({ templates: await letters.listTemplates(requestContext(request)) }));

    app.put('/api/fundraising/letters/templates/:language', {
      config: { access: 'fundraising.manage' },
      schema: { tags, summary: 'Save a thank-you template (an unknown placeholder is refused)', params: z.object({ language: LetterLanguage }), body: SaveLetterTemplateInput, response: { 200: LetterTemplate } },
    }, async (request) => letters.saveTemplate(requestContext(request), request.params.language, request.body));

    app.get('/api/fundraising/gifts/:id/thank-you', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: "The thank-you letter for a gift, filled in (the supporter's language unless one is chosen)", params: z.object({ id: z.uuid() }), querystring: z.object({ language: LetterLanguage.optional() }), response: { 200: LetterPreview } },
    }, async (request) => letters.preview(requestContext(request), request.params.id, request.query.language));

    app.get('/api/fundraising/letters/thank-you.pdf', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: 'Thank-you letters for the chosen gifts as one PDF, optionally marking them thanked (audited)', querystring: LettersPdfQuery, produces: ['application/pdf'], response: { 200: z.file().meta({ description: 'PDF' }) } },
    }, async (request, reply) => {
      const ids = [...new Set(request.query.ids.split(',').map((s) => s.trim()).filter(Boolean))];
      if (ids.some((id) => !z.uuid().safeParse(id).success)) throw invalidField('letter.invalid_ids', 'ids', 'invalid');
      const bytes = await letters.pdf(requestContext(request), ids, { language: request.query.language, markThanked: request.query.markThanked === 'true' });
      return reply.type('application/pdf').header('content-disposition', 'attachment; filename="thank-you-letters.pdf"').header('cache-control', 'private, no-store').send(bytes as unknown as File);
    });
  };
}
