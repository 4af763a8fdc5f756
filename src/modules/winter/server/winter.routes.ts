import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requestContext } from '../../../server/http/plugin';
import { WinterBoard } from '../contract';
import type { WinterService } from './winter.service';

export function winterRoutes(winter: WinterService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get('/api/winter-board', {
      config: { access: 'shelter.read' },
      schema: {
        tags: ['shelter'],
        summary: 'The winter board: rough sleepers not housed, free beds, low winter stock, longest waits, today\'s queue',
        response: { 200: WinterBoard },
      },
    }, async (request) => winter.board(requestContext(request)));
  };
}
