import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requestContext } from '../../../server/http/plugin';
import { AuditPage, AuditQuery } from '../contract';
import type { AuditService } from './audit.service';

export function auditRoutes(audit: AuditService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.get('/api/audit', {
      config: { access: 'audit.read' },
      schema: { tags: ['audit'], summary: 'The audit trail, newest first', querystring: AuditQuery, response: { 200: AuditPage } },
    }, async (request) => audit.list(requestContext(request), request.query));
  };
}
