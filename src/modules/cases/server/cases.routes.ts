import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../../../server/http/plugin';
import {
  AllowanceWaitingList,
  CaseEvent,
  CaseEventList,
  CaseFile,
  CaseHistory,
  CreateCaseEventInput,
  CreateHouseholdLinkInput,
  Household,
  HouseholdMember,
  UpdateCaseEventInput,
  UpdateCaseFileInput,
} from '../contract';
import type { CasesService } from './cases.service';

const IdParams = z.object({ id: z.uuid() });
const tags = ['cases'];
const Ok = z.object({ ok: z.literal(true) });

export function casesRoutes(cases: CasesService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get('/api/people/:id/case-file', {
      config: { access: 'cases.read' },
      schema: { tags, summary: "A person's legal and welfare situation (audited; version 0 before the first save)", params: IdParams, response: { 200: CaseFile } },
    }, async (request) => cases.get(requestContext(request), request.params.id));

    app.patch('/api/people/:id/case-file', {
      config: { access: 'cases.write' },
      schema: { tags, summary: 'Change case-file fields (send the version you edited; 409 if stale); each change is kept in the history', params: IdParams, body: UpdateCaseFileInput, response: { 200: CaseFile } },
    }, async (request) => cases.update(requestContext(request), request.params.id, request.body));

    app.get('/api/people/:id/case-file/history', {
      config: { access: 'cases.read' },
      schema: { tags, summary: 'Changes of the case file and of housing, newest first (audited)', params: IdParams, response: { 200: CaseHistory } },
    }, async (request) => ({ items: await cases.history(requestContext(request), request.params.id) }));

    app.get('/api/people/:id/case-events', {
      config: { access: 'cases.read' },
      schema: { tags, summary: 'Interviews and reporting dates, in date order (audited)', params: IdParams, response: { 200: CaseEventList } },
    }, async (request) => ({ items: await cases.listEvents(requestContext(request), request.params.id) }));

    app.post('/api/people/:id/case-events', {
      config: { access: 'cases.write' },
      schema: { tags, summary: 'Add an interview or reporting date (flagged when more than 3 months after the previous reporting date)', params: IdParams, body: CreateCaseEventInput, response: { 201: CaseEvent } },
    }, async (request, reply) => reply.status(201).send(await cases.createEvent(requestContext(request), request.params.id, request.body)));

    app.patch('/api/case-events/:id', {
      config: { access: 'cases.write' },
      schema: { tags, summary: 'Mark an interview or reporting date done, move it or change its note', params: IdParams, body: UpdateCaseEventInput, response: { 200: CaseEvent } },
    }, async (request) => cases.updateEvent(requestContext(request), request.params.id, request.body));

    app.get('/api/people/:id/household', {
      config: { access: 'cases.read' },
      schema: { tags, summary: 'Household members, linked from either end (audited)', params: IdParams, response: { 200: Household } },
    }, async (request) => ({ items: await cases.household(requestContext(request), request.params.id) }));

    app.post('/api/people/:id/household', {
      config: { access: 'cases.write' },
      schema: { tags, summary: "Link another person's file as a household member", params: IdParams, body: CreateHouseholdLinkInput, response: { 201: HouseholdMember } },
    }, async (request, reply) => reply.status(201).send(await cases.addHouseholdMember(requestContext(request), request.params.id, request.body)));

    app.delete('/api/household-links/:id', {
      config: { access: 'cases.write' },
      schema: { tags, summary: 'Remove a household link (from both ends)', params: IdParams, response: { 200: Ok } },
    }, async (request) => {
      await cases.removeHouseholdLink(requestContext(request), request.params.id);
      return { ok: true as const };
    });

    app.get('/api/case-files/allowance-waiting', {
      config: { access: 'cases.read' },
      schema: { tags, summary: 'Everyone waiting for a protection-allowance decision, longest first (audited)', response: { 200: AllowanceWaitingList } },
    }, async (request) => ({ items: await cases.allowanceWaiting(requestContext(request)) }));
  };
}
