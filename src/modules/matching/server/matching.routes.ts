import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requestContext } from '../../../server/http/plugin';
import { MatchInput, MatchResult } from '../contract';
import type { MatchingService } from './matching.service';

export function matchingRoutes(matching: MatchingService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.post('/api/people/match', {
      config: { access: 'people.read' },
      schema: {
        tags: ['people'],
        summary: 'Find existing files that may be this person (duplicate check before registering)',
        description: 'Any subset of the person fields, with at least one name form. Answers up to 10 candidates, best first: '
          + "'strong' when almost surely the same person, 'possible' for review. People merged into another file are left out. "
          + 'Audited as a search (the number of candidates only, never the query).',
        body: MatchInput,
        response: { 200: MatchResult },
      },
    }, async (request) => matching.match(requestContext(request), request.body));
  };
}
