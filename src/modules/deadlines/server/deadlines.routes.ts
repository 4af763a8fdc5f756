import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../../../server/http/plugin';
import { DeadlineList, DeadlineWindowQuery, DeadlineWithPersonList } from '../contract';
import type { DeadlinesService } from './deadlines.service';

export function deadlineRoutes(deadlines: DeadlinesService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get('/api/people/:id/deadlines', {
      config: { access: 'cases.read' },
      schema: { tags: ['deadlines'], summary: "A file's computed deadlines (audited)", params: z.object({ id: z.uuid() }), response: { 200: DeadlineList } },
    }, async (request) => ({ items: await deadlines.forPerson(requestContext(request), request.params.id) }));

    app.get('/api/deadlines/mine', {
      config: { access: 'cases.read' },
      schema: { tags: ['deadlines'], summary: 'Deadlines of my files: overdue, due within `days` (default 7) or in early warning', querystring: DeadlineWindowQuery, response: { 200: DeadlineWithPersonList } },
    }, async (request) => ({ items: await deadlines.mine(requestContext(request), request.query.days) }));

    app.get('/api/deadlines', {
      config: { access: 'cases.read' },
      schema: { tags: ['deadlines'], summary: 'Deadlines of every file (team view), same window as /mine', querystring: DeadlineWindowQuery, response: { 200: DeadlineWithPersonList } },
    }, async (request) => ({ items: await deadlines.team(requestContext(request), request.query.days) }));
  };
}
