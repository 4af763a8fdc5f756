import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../../../server/http/plugin';
import { CreatePersonInput, PeopleList, Person, SearchPeopleQuery, UpdatePersonInput } from '../contract';
import type { PeopleService } from './people.service';

const IdParams = z.object({ id: z.uuid() });

export function peopleRoutes(people: PeopleService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.post('/api/people', {
      config: { access: 'people.write' },
      schema: { tags: ['people'], summary: 'Register a person (gets a file number)', body: CreatePersonInput, response: { 201: Person } },
    }, async (request, reply) => reply.status(201).send(await people.create(requestContext(request), request.body)));

    app.get('/api/people', {
      config: { access: 'people.read' },
      schema: { tags: ['people'], summary: 'Search people by any name form, file number or phone', querystring: SearchPeopleQuery, response: { 200: PeopleList } },
    }, async (request) => ({ items: await people.search(requestContext(request), request.query.q, request.query.limit) }));

    app.get('/api/people/:id', {
      config: { access: 'people.read' },
      schema: { tags: ['people'], summary: "Open a person's file (audited)", params: IdParams, response: { 200: Person } },
    }, async (request) => people.get(requestContext(request), request.params.id));

    app.patch('/api/people/:id', {
      config: { access: 'people.write' },
      schema: { tags: ['people'], summary: 'Change a person (send the version you edited; 409 if stale)', params: IdParams, body: UpdatePersonInput, response: { 200: Person } },
    }, async (request) => people.update(requestContext(request), request.params.id, request.body));
  };
}
