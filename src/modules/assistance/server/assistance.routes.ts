import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../../../server/http/plugin';
import { AidItem, Assistance, AssistanceCheck, AssistanceCheckQuery, CreateAidItemInput, CreateAssistanceInput, UpdateAidItemInput } from '../contract';
import type { AssistanceService } from './assistance.service';

export function assistanceRoutes(assistance: AssistanceService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.post('/api/assistance', {
      config: { access: 'assistance.write' },
      schema: { tags: ['assistance'], summary: 'Record aid given to a person', body: CreateAssistanceInput, response: { 201: Assistance } },
    }, async (request, reply) => reply.status(201).send(await assistance.give(requestContext(request), request.body)));

    app.get('/api/assistance/check', {
      config: { access: 'assistance.write' },
      schema: { tags: ['assistance'], summary: 'Before giving: stock left, last given and the per-person limit', querystring: AssistanceCheckQuery, response: { 200: AssistanceCheck } },
    }, async (request) => assistance.check(requestContext(request), request.query));

    app.get('/api/aid-items', {
      config: { access: 'catalogue.read' },
      schema: { tags: ['assistance'], summary: 'The aid catalogue', response: { 200: z.object({ items: z.array(AidItem) }) } },
    }, async (request) => ({ items: await assistance.catalogue(requestContext(request)) }));

    app.post('/api/aid-items', {
      config: { access: 'catalogue.manage' },
      schema: { tags: ['assistance'], summary: 'Add an item to the aid catalogue', body: CreateAidItemInput, response: { 201: AidItem } },
    }, async (request, reply) => reply.status(201).send(await assistance.createItem(requestContext(request), request.body)));

    app.patch('/api/aid-items/:code', {
      config: { access: 'catalogue.manage' },
      schema: { tags: ['assistance'], summary: 'Change or retire a catalogue item', params: z.object({ code: z.string().regex(/^[a-z0-9_]{1,40}$/) }), body: UpdateAidItemInput, response: { 200: AidItem } },
    }, async (request) => assistance.updateItem(requestContext(request), request.params.code, request.body));
  };
}
