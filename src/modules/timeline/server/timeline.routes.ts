import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../../../server/http/plugin';
import { Timeline } from '../contract';
import type { TimelineService } from './timeline.service';

export function timelineRoutes(timeline: TimelineService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.get('/api/people/:id/timeline', {
      config: { access: 'people.read' },
      schema: { tags: ['people'], summary: "A person's visits, consultations and aid, newest first (audited)", params: z.object({ id: z.uuid() }), response: { 200: Timeline } },
    }, async (request) => timeline.forPerson(requestContext(request), request.params.id));
  };
}
