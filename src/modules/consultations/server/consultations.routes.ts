import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../../../server/http/plugin';
import { Consultation, CreateConsultationInput } from '../contract';
import type { ConsultationsService } from './consultations.service';

export function consultationRoutes(consultations: ConsultationsService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.post('/api/consultations', {
      config: { access: 'consultations.write' },
      schema: { tags: ['consultations'], summary: 'Record a consultation', body: CreateConsultationInput, response: { 201: Consultation } },
    }, async (request, reply) => reply.status(201).send(await consultations.create(requestContext(request), request.body)));

    app.get('/api/consultations/:id', {
      config: { access: 'consultations.read' },
      schema: { tags: ['consultations'], summary: 'One consultation (audited)', params: z.object({ id: z.uuid() }), response: { 200: Consultation } },
    }, async (request) => consultations.get(requestContext(request), request.params.id));
  };
}
