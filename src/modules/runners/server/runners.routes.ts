import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { toCsv, withBom } from '../../../server/http/csv';
import { translatorFor } from '../../../server/http/i18n';
import { requestContext } from '../../../server/http/plugin';
import { IsoDate } from '../../../shared/codes';
import {
  ApplicationQuery, CampaignPageInput, CampaignPageSettings, CharityEvent, CreateEventInput, DecideInput, Decision, DecisionResult, EventDashboard,
  MagicLinkResult, MessageTemplate, ModerationItem, PageInput, PageRevision, ReminderResult, ReviewInput, RunnerApplication, RunnerDetail, RunnerSummary,
  UpdateEventInput,
} from '../contract';
import type { RunnersService } from './runners.service';

const IdParams = z.object({ id: z.uuid() });
const tags = ['runners'];

/** Where the request came from (for links in emails when TOBIRA_PUBLIC_URL is not set). */
export const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/** The staff side of charity runners: events, applications, runners, moderation, campaign pages. Thin. */
export function runnersRoutes(runners: RunnersService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    // --- Events ---
    app.get('/api/runners/events', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: 'Charity events (the Tokyo Marathon charity programme), newest race first', response: { 200: z.object({ events: z.array(CharityEvent) }) } },
    }, async (request) => ({ events: await runners.listEvents(requestContext(request)) }));

    app.post('/api/runners/events', {
      config: { access: 'fundraising.manage' },
      schema: { tags, summary: 'Add a charity event linked to a campaign', body: CreateEventInput, response: { 201: CharityEvent } },
    }, async (request, reply) => reply.status(201).send(await runners.createEvent(requestContext(request), request.body)));

    app.get('/api/runners/events/:id', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: 'One charity event', params: IdParams, response: { 200: CharityEvent } },
    }, async (request) => runners.getEvent(requestContext(request), request.params.id));

    app.patch('/api/runners/events/:id', {
      config: { access: 'fundraising.manage' },
      schema: { tags, summary: 'Change a charity event', params: IdParams, body: UpdateEventInput, response: { 200: CharityEvent } },
    }, async (request) => runners.updateEvent(requestContext(request), request.params.id, request.body));

    app.get('/api/runners/events/:id/dashboard', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: 'Runners by progress, total raised, days to race day, runners to remind', params: IdParams, response: { 200: EventDashboard } },
    }, async (request) => runners.dashboard(requestContext(request), request.params.id));

    app.post('/api/runners/events/:id/reminders', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: 'Remind runners by email (progress and a fresh edit link)', params: IdParams, body: z.strictObject({ runnerIds: z.array(z.uuid()).min(1).max(500) }), response: { 200: ReminderResult } },
    }, async (request) => runners.remind(requestContext(request), request.params.id, request.body.runnerIds, originOf(request)));

    app.get('/api/runners/events/:id/donors.csv', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: "The event's donors with what receipts need (CSV, formula-safe, bilingual headers)", params: IdParams },
    }, async (request, reply) => {
      const ctx = requestContext(request);
      const { event, rows } = await runners.donors(ctx, request.params.id);
      const t = translatorFor(request.lang);
      const headers = ['giftDate', 'amount', 'status', 'receiptEligible', 'runnerCode', 'reference', 'supporterNumber', 'familyName', 'givenName', 'familyNameKana', 'givenNameKana', 'organisation', 'email', 'postalCode', 'prefecture', 'city', 'line1', 'line2', 'source']
        .map((k) => `${translatorFor('ja')(`runners.csv.${k}`)} / ${translatorFor('en')(`runners.csv.${k}`)}`);
      const csv = toCsv([headers, ...rows.map((r) => [
        r.received_on, Number(r.amount_yen), t(`runners.giftStatus.${r.status}`), r.status === 'received' && Number(r.amount_yen) >= 2000 && r.supporter_number !== null ? 'Y' : 'N',
        r.runner_code, r.reference ?? '', r.supporter_number ?? '', r.family_name ?? '', r.given_name ?? '', r.family_name_kana ?? '', r.given_name_kana ?? '', r.organisation_name ?? '',
        r.email ?? '', r.postal_code ?? '', r.prefecture ?? '', r.city ?? '', r.line1 ?? '', r.line2 ?? '', r.source_platform,
      ])]);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="donors-${event.code}.csv"`).header('cache-control', 'private, no-store').send(withBom(csv));
    });

    // --- Applications ---
    app.get('/api/runners/events/:id/applications', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: 'Runner applications of an event, oldest first (audited)', params: IdParams, querystring: ApplicationQuery, response: { 200: z.object({ applications: z.array(RunnerApplication) }) } },
    }, async (request) => ({ applications: await runners.applications(requestContext(request), request.params.id, request.query.status) }));

    app.get('/api/runners/applications/:id/message', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: 'The message for a decision, filled in for the applicant', params: IdParams, querystring: z.object({ decision: Decision, language: z.enum(['ja', 'en']) }), response: { 200: MessageTemplate } },
    }, async (request) => runners.messageTemplate(requestContext(request), request.params.id, request.query.decision, request.query.language));

    app.post('/api/runners/applications/:id/decision', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: 'Shortlist, select (the applicant becomes a supporter and a runner), waitlist or decline', params: IdParams, body: DecideInput, response: { 200: DecisionResult } },
    }, async (request) => runners.decide(requestContext(request), request.params.id, request.body));

    // --- Runners ---
    app.get('/api/runners/runners/:id', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: 'A runner with the page revisions and the donor wall (audited)', params: IdParams, response: { 200: RunnerDetail } },
    }, async (request) => runners.runner(requestContext(request), request.params.id));

    app.patch('/api/runners/runners/:id', {
      config: { access: 'fundraising.write' },
      schema: {
        tags, summary: "Change a runner's goal (never below the minimum) or withdraw them", params: IdParams,
        body: z.strictObject({ version: z.number().int().positive(), goalYen: z.number().int().positive().max(100_000_000).optional(), status: z.enum(['active', 'withdrawn']).optional() }),
        response: { 200: RunnerSummary },
      },
    }, async (request) => runners.updateRunner(requestContext(request), request.params.id, request.body));

    app.post('/api/runners/runners/:id/page', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: "Write a runner's page (it goes to review like the runner's own)", params: IdParams, body: PageInput, response: { 201: PageRevision } },
    }, async (request, reply) => reply.status(201).send(await runners.writePage(requestContext(request), request.params.id, request.body)));

    app.post('/api/runners/runners/:id/magic-link', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: 'A single-use link (48 h) by which the runner edits the page; emailed when mail is set up', params: IdParams, response: { 200: MagicLinkResult } },
    }, async (request) => runners.magicLink(requestContext(request), request.params.id, originOf(request)));

    // --- Moderation ---
    app.get('/api/runners/moderation', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: 'Page revisions waiting for review, oldest first', response: { 200: z.object({ items: z.array(ModerationItem) }) } },
    }, async (request) => ({ items: await runners.moderation(requestContext(request)) }));

    app.post('/api/runners/revisions/:id/review', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: 'Approve a page revision (it goes live) or reject it with a note', params: IdParams, body: ReviewInput, response: { 200: PageRevision } },
    }, async (request) => runners.review(requestContext(request), request.params.id, request.body));

    app.get('/api/runners/revisions/:id/photo', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: "A revision's photo (staff preview)", params: IdParams },
    }, async (request, reply) => {
      const photo = await runners.revisionPhoto(requestContext(request), request.params.id);
      return reply.type('image/jpeg').header('cache-control', 'private, no-store').header('content-disposition', 'inline; filename="photo.jpg"').send(photo);
    });

    // --- Donor walls and pledges ---
    app.post('/api/runners/page-gifts/:giftId/hide', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: 'Take a donor-wall entry off the wall (or put it back)', params: z.object({ giftId: z.uuid() }), body: z.strictObject({ hidden: z.boolean() }) },
    }, async (request, reply) => {
      await runners.hidePageGift(requestContext(request), request.params.giftId, request.body.hidden);
      return reply.status(204).send();
    });

    app.post('/api/runners/page-gifts/:giftId/confirm', {
      config: { access: 'fundraising.write' },
      schema: { tags, summary: 'A pledge made on a page was paid (bank transfer seen) or not', params: z.object({ giftId: z.uuid() }), body: z.strictObject({ status: z.enum(['received', 'failed']), receivedOn: IsoDate }) },
    }, async (request, reply) => {
      await runners.confirmPageGift(requestContext(request), request.params.giftId, request.body);
      return reply.status(204).send();
    });

    // --- Campaign pages ---
    app.get('/api/runners/campaign-pages/:id', {
      config: { access: 'fundraising.read' },
      schema: { tags, summary: "A campaign's public page settings (404 while it has none)", params: IdParams, response: { 200: CampaignPageSettings } },
    }, async (request) => runners.campaignPage(requestContext(request), request.params.id));

    app.put('/api/runners/campaign-pages/:id', {
      config: { access: 'fundraising.manage' },
      schema: { tags, summary: "Create or change a campaign's public page (version 0 to create)", params: IdParams, body: CampaignPageInput, response: { 200: CampaignPageSettings } },
    }, async (request) => runners.saveCampaignPage(requestContext(request), request.params.id, request.body));
  };
}
