import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../../../server/http/plugin';
import { CreateVisitInput, Queue, QueueQuery, UpdateVisitInput, Visit } from '../contract';
import type { ReceptionService } from './reception.service';

const IdParams = z.object({ id: z.uuid() });

export function receptionRoutes(reception: ReceptionService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.post('/api/visits', {
      config: { access: 'visits.write' },
      schema: { tags: ['reception'], summary: "Check a person in: today's next ticket number", body: CreateVisitInput, response: { 201: Visit } },
    }, async (request, reply) => reply.status(201).send(await reception.checkIn(requestContext(request), request.body)));

    app.get('/api/visits', {
      config: { access: 'visits.read' },
      schema: { tags: ['reception'], summary: "A day's queue (default today, Asia/Tokyo)", querystring: QueueQuery, response: { 200: Queue } },
    }, async (request) => reception.queue(requestContext(request), request.query.date));

    app.patch('/api/visits/:id', {
      config: { access: 'visits.write' },
      schema: { tags: ['reception'], summary: 'Call, start, finish a visit, or mark it left', params: IdParams, body: UpdateVisitInput, response: { 200: Visit } },
    }, async (request) => reception.setStatus(requestContext(request), request.params.id, request.body.status));
  };
}
