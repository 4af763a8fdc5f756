import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../../../server/http/plugin';
import { CreateMergeInput, MergeList, MergePreview, MergePreviewQuery, PersonMerge, UndoResult } from '../contract';
import type { MergeService } from './merge.service';

const IdParams = z.object({ id: z.uuid() });

export function mergeRoutes(merges: MergeService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get('/api/people/:id/merge-preview', {
      config: { access: 'people.merge' },
      schema: {
        tags: ['people'], summary: 'Two files side by side before merging `otherId` into this one (audited as a read of both)',
        params: IdParams, querystring: MergePreviewQuery, response: { 200: MergePreview },
      },
    }, async (request) => merges.preview(requestContext(request), request.params.id, request.query.otherId));

    app.post('/api/people/merges', {
      config: { access: 'people.merge' },
      schema: {
        tags: ['people'], summary: 'Merge one file into another: chosen field values, linked records moved, merged file hidden (409 if a version is stale)',
        body: CreateMergeInput, response: { 201: PersonMerge },
      },
    }, async (request, reply) => reply.status(201).send(await merges.merge(requestContext(request), request.body)));

    app.post('/api/people/merges/:id/undo', {
      config: { access: 'people.merge' },
      schema: {
        tags: ['people'], summary: 'Undo a merge: the moved records go back, the merged file reappears, fields the merge changed are restored',
        params: IdParams, response: { 200: UndoResult },
      },
    }, async (request) => merges.undo(requestContext(request), request.params.id));

    app.get('/api/people/:id/merges', {
      config: { access: 'people.merge' },
      schema: { tags: ['people'], summary: 'Merges this file took part in, newest first (audited)', params: IdParams, response: { 200: MergeList } },
    }, async (request) => ({ items: await merges.listForPerson(requestContext(request), request.params.id) }));
  };
}
