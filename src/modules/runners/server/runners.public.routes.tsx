import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ReactNode } from 'react';
import { z } from 'zod';
import { fieldsOfIssues } from '../../../server/http/error-handler';
import { AppError, notFound } from '../../../server/http/errors';
import { checkFormToken, FORM_TOKEN_FIELD, HONEYPOT_FIELD, issueFormToken } from '../../../server/http/form-guard';
import { translatorFor } from '../../../server/http/i18n';
import { preparePhoto } from '../../../server/images/photos';
import type { RouteOptions } from '../../server';
import { ApplyInput, PageInput, PaymentNotice, PledgeInput, PublicCampaignPage, PublicEventPage, PublicRunnerPage } from '../contract';
import { renderHtml, type Lang } from '../public/layout';
import { ApplyView, CampaignView, EditLinkView, EditView, EventView, GiveView, MessageView, PledgedView, RunnerView, type GiveTarget, type ViewContext } from '../public/views';
import { EDIT_SESSION_MINUTES, type RunnersService } from './runners.service';

const EDIT_COOKIE = 'tobira_runner_edit';
const CSS = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../public/give.css'), 'utf8');
/** Reading a public page: generous; sending a form: a few a minute per address (bots are slowed, people are not). */
const READ_LIMIT = { max: 120, timeWindow: '1 minute' };
const WRITE_LIMIT = { max: 10, timeWindow: '10 minutes' };
const PHOTO_MAX_BYTES = 8 * 1024 * 1024;

type Form = Record<string, string | undefined>;
const EventParams = z.object({ event: z.string().max(40) });
const RunnerParams = z.object({ event: z.string().max(40), slug: z.string().max(40) });
const SlugParams = z.object({ slug: z.string().max(40) });
const LangQuery = z.object({ lang: z.enum(['ja', 'en']).optional() }).passthrough();

/**
 * The public side of charity runners and campaign pages: server-rendered HTML pages (no login,
 * rate-limited per IP, bot-checked forms), their JSON twins with strict schemas, the photos of
 * published pages, the runner's edit link, and the payment platform's webhook.
 */
export function runnersPublicRoutes(runners: RunnersService, options: RouteOptions) {
  const origin = (request: FastifyRequest) => (options.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
  const langOf = (request: FastifyRequest): Lang => (request.query as { lang?: Lang }).lang ?? request.lang;
  const view = (request: FastifyRequest): ViewContext => {
    const lang = langOf(request);
    return { lang, t: translatorFor(lang), origin: origin(request) };
  };
  const html = (reply: FastifyReply, element: ReactNode, status = 200, cache = 'no-store') =>
    reply.status(status).type('text/html; charset=utf-8').header('cache-control', cache).send(renderHtml(element));
  const token = (form: string) => issueFormToken(options.secretKey, form, options.now().getTime());
  /** Messages of a form's fields in the page's language. */
  const messages = (v: ViewContext, issues: ReadonlyArray<z.core.$ZodIssue>) =>
    Object.fromEntries(Object.entries(fieldsOfIssues(issues as never)).map(([k, f]) => [k.replace(/^body\./, ''), v.t(`validation.${f.key}`, f.params ?? {})]));
  /** The bot check: 'ok', or what to do instead (a bot is thanked and nothing is stored). */
  const guard = (form: string, body: Form) => checkFormToken(options.secretKey, form, { token: body[FORM_TOKEN_FIELD], honeypot: body[HONEYPOT_FIELD] }, options.now().getTime(), { minMs: options.formMinSeconds * 1000 });

  return async function routes(fastify: FastifyInstance) {
    // --- HTML pages ---
    await fastify.register(async (scope) => {
      await scope.register(fastifyFormbody, { bodyLimit: 64 * 1024 });
      await scope.register(fastifyMultipart, { limits: { fileSize: PHOTO_MAX_BYTES, files: 1, fields: 10, fieldSize: 16 * 1024, parts: 12 } });
      const app = scope.withTypeProvider<ZodTypeProvider>();
      // A person reads an error as a page, in their language, never as JSON.
      app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
        const v = view(request);
        const status = error instanceof AppError ? error.status : error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
        const code = error instanceof AppError ? error.code : status === 429 ? 'request.rate_limited' : status === 404 ? 'route.not_found' : status === 413 ? 'request.too_large' : status < 500 ? 'validation.failed' : 'internal.error';
        if (status >= 500) request.log.error({ err: { type: error.name, message: error.message, stack: error.stack } }, 'unhandled error');
        return html(reply, <MessageView v={v} title={v.t('give.error.title')} body={v.t(`errors.${code}`, { fields: '' })} path={request.url.split('?')[0] ?? '/'} />, status);
      });
      const notFoundPage = (request: FastifyRequest, reply: FastifyReply) => {
        const v = view(request);
        return html(reply, <MessageView v={v} title={v.t('give.notFound.title')} body={v.t('give.notFound.body')} path={request.url.split('?')[0] ?? '/'} />, 404);
      };

      app.get('/give/assets/give.css', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
        reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CSS));

      app.get('/give/photos/:file', {
        config: { access: 'public', rateLimit: READ_LIMIT },
        schema: { hide: true, params: z.object({ file: z.string().regex(/^[0-9a-f-]{36}\.jpg$/) }) },
      }, async (request, reply) => {
        const photo = await runners.publicPhoto(request.params.file.slice(0, 36));
        if (!photo) return notFoundPage(request, reply);
        return reply.type('image/jpeg').header('cache-control', 'public, max-age=86400').header('content-disposition', 'inline; filename="photo.jpg"').send(photo);
      });

      // --- The runner edits the page (single-use link → short session) ---
      app.get('/give/edit/:token', {
        config: { access: 'public', rateLimit: READ_LIMIT },
        schema: { hide: true, params: z.object({ token: z.string().max(100) }), querystring: LangQuery },
      }, async (request, reply) => {
        const v = view(request);
        const state = await runners.linkState(request.params.token);
        if (state !== 'valid') return html(reply, linkMessage(v, state), state === 'unknown' ? 404 : 410);
        return html(reply, <EditLinkView v={v} action={`/give/edit/${request.params.token}`} />);
      });

      app.post('/give/edit/:token', {
        config: { access: 'public', rateLimit: WRITE_LIMIT },
        schema: { hide: true, params: z.object({ token: z.string().max(100) }), querystring: LangQuery },
      }, async (request, reply) => {
        const v = view(request);
        const used = await runners.useLink(request.params.token);
        if ('state' in used) return html(reply, linkMessage(v, used.state), used.state === 'unknown' ? 404 : 410);
        reply.setCookie(EDIT_COOKIE, used.session, { path: '/give/edit', httpOnly: true, sameSite: 'strict', secure: options.session.secureCookies, maxAge: EDIT_SESSION_MINUTES * 60 });
        return reply.redirect(`/give/edit?lang=${v.lang}`, 303);
      });

      app.get('/give/edit', {
        config: { access: 'public', rateLimit: READ_LIMIT },
        schema: { hide: true, querystring: LangQuery },
      }, async (request, reply) => {
        const v = view(request);
        const editing = await runners.editing(request.cookies[EDIT_COOKIE]);
        if (!editing) return html(reply, sessionOver(v), 401);
        const latest = editing.latest;
        const values = latest ? { displayName: latest.displayName, story: latest.story, goalYen: String(latest.goalYen) } : { displayName: editing.suggestedName, story: '', goalYen: String(Number(editing.runner.goal_yen)) };
        const saved = (request.query as { saved?: string }).saved === '1';
        const status = saved ? 'saved' as const : latest ? (latest.status === 'superseded' ? 'pending' as const : latest.status) : 'none' as const;
        return html(reply, <EditView v={v} csrf={editing.csrf} minimumYen={editing.minimumYen} values={values} publicPath={editing.publicPath}
          status={{ kind: status, note: latest?.reviewNote ?? '', hasPhoto: latest?.hasPhoto ?? false }} />);
      });

      app.post('/give/edit', {
        config: { access: 'public', rateLimit: WRITE_LIMIT },
        schema: { hide: true, querystring: LangQuery },
      }, async (request, reply) => {
        const v = view(request);
        const session = request.cookies[EDIT_COOKIE];
        const editing = await runners.editing(session);
        if (!editing || !session) return html(reply, sessionOver(v), 401);
        const fields: Form = {};
        let photo: { bytes: Buffer; width: number; height: number } | undefined;
        const errors: Record<string, string> = {};
        if (!request.isMultipart()) throw new AppError(415, 'request.unsupported_media_type');
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            let bytes: Buffer;
            try {
              bytes = await part.toBuffer();
            } catch {
              errors.photo = v.t('errors.photo.too_large');
              continue;
            }
            if (bytes.length === 0) continue;
            try {
              const prepared = await preparePhoto(bytes, { maxBytes: PHOTO_MAX_BYTES });
              photo = { bytes: prepared.bytes, width: prepared.width, height: prepared.height };
            } catch (e) {
              errors.photo = v.t(`errors.${e instanceof AppError ? e.code : 'photo.unreadable'}`);
            }
          } else fields[part.fieldname] = String(part.value);
        }
        const parsed = PageInput.safeParse(fields);
        if (!parsed.success) Object.assign(errors, messages(v, parsed.error.issues));
        if (parsed.success && parsed.data.goalYen < editing.minimumYen) errors.goalYen = v.t('validation.yen_min', { min: editing.minimumYen.toLocaleString() });
        const rerender = (status: number) => html(reply, <EditView v={v} csrf={editing.csrf} minimumYen={editing.minimumYen} values={fields} errors={errors} publicPath={editing.publicPath}
          status={{ kind: editing.latest ? (editing.latest.status === 'superseded' ? 'pending' : editing.latest.status) : 'none', note: editing.latest?.reviewNote ?? '', hasPhoto: editing.latest?.hasPhoto ?? false }} />, status);
        if (!parsed.success || Object.keys(errors).length > 0) return rerender(400);
        await runners.submitByRunner(session, fields.csrf ?? '', parsed.data, photo, request.ip);
        return reply.redirect(`/give/edit?lang=${v.lang}&saved=1`, 303);
      });

      // --- Campaign pages ---
      app.get('/appeal/:slug', {
        config: { access: 'public', rateLimit: READ_LIMIT },
        schema: { hide: true, params: SlugParams, querystring: LangQuery },
      }, async (request, reply) => {
        const page = await runners.publicCampaign(request.params.slug);
        if (!page) return notFoundPage(request, reply);
        return html(reply, <CampaignView v={view(request)} page={page} />, 200, 'public, no-cache');
      });

      const campaignTarget = (v: ViewContext, page: PublicCampaignPage): GiveTarget => ({ action: `/appeal/${page.slug}/give`, back: `/appeal/${page.slug}`, heading: v.t('give.campaign.giveHeading', { title: v.lang === 'ja' ? page.titleJa : page.titleEn }), organisationName: page.organisationName });

      app.get('/appeal/:slug/give', {
        config: { access: 'public', rateLimit: READ_LIMIT },
        schema: { hide: true, params: SlugParams, querystring: LangQuery },
      }, async (request, reply) => {
        const page = await runners.publicCampaign(request.params.slug);
        if (!page) return notFoundPage(request, reply);
        const v = view(request);
        return html(reply, <GiveView v={v} target={campaignTarget(v, page)} token={token('give')} />);
      });

      app.post('/appeal/:slug/give', {
        config: { access: 'public', rateLimit: WRITE_LIMIT },
        schema: { hide: true, params: SlugParams, querystring: LangQuery },
      }, async (request, reply) => {
        const page = await runners.publicCampaign(request.params.slug);
        if (!page) return notFoundPage(request, reply);
        const v = view(request);
        return pledge(request, reply, v, campaignTarget(v, page), { campaignSlug: page.slug });
      });

      // --- Events and runners ---
      app.get('/give/:event', {
        config: { access: 'public', rateLimit: READ_LIMIT },
        schema: { hide: true, params: EventParams, querystring: LangQuery },
      }, async (request, reply) => {
        const page = await runners.publicEvent(request.params.event);
        if (!page) return notFoundPage(request, reply);
        return html(reply, <EventView v={view(request)} page={page} />, 200, 'public, no-cache');
      });

      app.get('/give/:event/apply', {
        config: { access: 'public', rateLimit: READ_LIMIT },
        schema: { hide: true, params: EventParams, querystring: LangQuery },
      }, async (request, reply) => {
        const v = view(request);
        const found = await runners.applicationWindow(request.params.event);
        if (!found) return notFoundPage(request, reply);
        if (!found.open) return html(reply, <MessageView v={v} title={v.t('give.apply.closedTitle')} body={v.t('give.apply.closed')} path={`/give/${found.event.code}/apply`} link={{ href: `/give/${found.event.code}?lang=${v.lang}`, label: v.t('give.form.back') }} />, 410);
        return html(reply, <ApplyView v={v} event={found.event} token={token('apply')} />);
      });

      app.post('/give/:event/apply', {
        config: { access: 'public', rateLimit: WRITE_LIMIT },
        schema: { hide: true, params: EventParams, querystring: LangQuery },
      }, async (request, reply) => {
        const v = view(request);
        const found = await runners.applicationWindow(request.params.event);
        if (!found) return notFoundPage(request, reply);
        const body = (request.body ?? {}) as Form;
        const thanks = () => html(reply, <MessageView v={v} title={v.t('give.apply.thanksTitle')} body={v.t('give.apply.thanks')} path={`/give/${found.event.code}/apply`} link={{ href: `/give/${found.event.code}?lang=${v.lang}`, label: v.t('give.form.back') }} />);
        const check = guard('apply', body);
        if (check === 'honeypot') return thanks();
        if (check !== 'ok') return html(reply, <ApplyView v={v} event={found.event} token={token('apply')} values={body} errors={{ [FORM_TOKEN_FIELD]: v.t(`give.form.guard.${check}`) }} />, 400);
        const parsed = ApplyInput.safeParse(body);
        if (!parsed.success) return html(reply, <ApplyView v={v} event={found.event} token={token('apply')} values={body} errors={messages(v, parsed.error.issues)} />, 400);
        await runners.apply(found.event.code, parsed.data, request.ip);
        return thanks();
      });

      const runnerTarget = (v: ViewContext, page: PublicRunnerPage): GiveTarget => ({ action: `/give/${page.eventCode}/${page.slug}/give`, back: `/give/${page.eventCode}/${page.slug}`, heading: v.t('give.runner.giveHeading', { name: page.displayName }), organisationName: page.organisationName });

      app.get('/give/:event/:slug', {
        config: { access: 'public', rateLimit: READ_LIMIT },
        schema: { hide: true, params: RunnerParams, querystring: LangQuery },
      }, async (request, reply) => {
        const page = await runners.publicRunner(request.params.event, request.params.slug);
        if (!page) return notFoundPage(request, reply);
        return html(reply, <RunnerView v={view(request)} page={page} />, 200, 'public, no-cache');
      });

      app.get('/give/:event/:slug/give', {
        config: { access: 'public', rateLimit: READ_LIMIT },
        schema: { hide: true, params: RunnerParams, querystring: LangQuery },
      }, async (request, reply) => {
        const page = await runners.publicRunner(request.params.event, request.params.slug);
        if (!page) return notFoundPage(request, reply);
        const v = view(request);
        return html(reply, <GiveView v={v} target={runnerTarget(v, page)} token={token('give')} />);
      });

      app.post('/give/:event/:slug/give', {
        config: { access: 'public', rateLimit: WRITE_LIMIT },
        schema: { hide: true, params: RunnerParams, querystring: LangQuery },
      }, async (request, reply) => {
        const page = await runners.publicRunner(request.params.event, request.params.slug);
        if (!page) return notFoundPage(request, reply);
        const v = view(request);
        return pledge(request, reply, v, runnerTarget(v, page), { eventCode: page.eventCode, slug: page.slug });
      });

      async function pledge(request: FastifyRequest, reply: FastifyReply, v: ViewContext, target: GiveTarget, to: Parameters<RunnersService['pledge']>[0]) {
        const body = (request.body ?? {}) as Form;
        const check = guard('give', body);
        // A bot that filled the hidden field is thanked like a person, and nothing is stored.
        if (check === 'honeypot') return html(reply, <PledgedView v={v} reference="--------" amountYen={0} bankDetails="" back={target.back} />);
        if (check !== 'ok') return html(reply, <GiveView v={v} target={target} token={token('give')} values={body} errors={{ [FORM_TOKEN_FIELD]: v.t(`give.form.guard.${check}`) }} />, 400);
        const parsed = PledgeInput.safeParse({ ...body, amountYen: (body.amountYen ?? '').normalize('NFKC').replace(/[,¥円\s]/g, '') });
        if (!parsed.success) return html(reply, <GiveView v={v} target={target} token={token('give')} values={body} errors={messages(v, parsed.error.issues)} />, 400);
        const result = await runners.pledge(to, parsed.data, request.ip);
        if (result.paymentUrl) return reply.redirect(result.paymentUrl, 303);
        return html(reply, <PledgedView v={v} reference={result.reference} amountYen={result.amountYen} bankDetails={result.bankDetails} back={target.back} />);
      }

      function linkMessage(v: ViewContext, state: 'used' | 'expired' | 'unknown') {
        return <MessageView v={v} title={v.t(`give.edit.link.${state}.title`)} body={v.t(`give.edit.link.${state}.body`)} path="/give/edit" />;
      }
      function sessionOver(v: ViewContext) {
        return <MessageView v={v} title={v.t('give.edit.over.title')} body={v.t('give.edit.over.body')} path="/give/edit" />;
      }
    });

    // --- JSON twins (the same data, strict schemas: nothing outside them ever leaves) ---
    await fastify.register(async (scope) => {
      const app = scope.withTypeProvider<ZodTypeProvider>();
      const publicTags = ['public'];
      app.get('/api/public/events/:event', {
        config: { access: 'public', rateLimit: READ_LIMIT },
        schema: { tags: publicTags, summary: "A charity event's public page: published runners and what they raised", security: [], params: EventParams, response: { 200: PublicEventPage } },
      }, async (request, reply) => {
        const page = await runners.publicEvent(request.params.event);
        if (!page) throw notFound('runners.page_not_found');
        return reply.header('cache-control', 'public, max-age=60').send(page);
      });

      app.get('/api/public/runners/:event/:slug', {
        config: { access: 'public', rateLimit: READ_LIMIT },
        schema: { tags: publicTags, summary: "A runner's public page (404 until approved): story, thermometer, the donors who chose to be shown", security: [], params: RunnerParams, response: { 200: PublicRunnerPage } },
      }, async (request, reply) => {
        const page = await runners.publicRunner(request.params.event, request.params.slug);
        if (!page) throw notFound('runners.page_not_found');
        return reply.header('cache-control', 'public, max-age=60').send(page);
      });

      app.get('/api/public/appeals/:slug', {
        config: { access: 'public', rateLimit: READ_LIMIT },
        schema: { tags: publicTags, summary: "A campaign's public page: goal, thermometer, the office's banded figures, recent messages", security: [], params: SlugParams, response: { 200: PublicCampaignPage } },
      }, async (request, reply) => {
        const page = await runners.publicCampaign(request.params.slug);
        if (!page) throw notFound('runners.page_not_found');
        return reply.header('cache-control', 'public, max-age=60').send(page);
      });
    });

    // --- The payment platform's webhook: HMAC-SHA256 of the raw body with the shared secret ---
    await fastify.register(async (scope) => {
      scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 16 * 1024 }, (request, body, done) => {
        (request as FastifyRequest & { rawBody?: string }).rawBody = String(body);
        try {
          done(null, JSON.parse(String(body)));
        } catch {
          done(new AppError(400, 'request.invalid_json'), undefined);
        }
      });
      const app = scope.withTypeProvider<ZodTypeProvider>();
      app.post('/api/public/payments', {
        config: { access: 'public', rateLimit: { max: 600, timeWindow: '1 minute' } },
        schema: {
          tags: ['public'], summary: 'A payment platform reports a pledge paid or failed (header X-Tobira-Signature: sha256=<HMAC of the body>); off unless TOBIRA_PAYMENT_WEBHOOK_SECRET is set',
          security: [], body: PaymentNotice, response: { 200: z.object({ result: z.enum(['received', 'failed', 'already']) }) },
        },
      }, async (request) => {
        const secret = options.paymentWebhookSecret;
        if (!secret) throw notFound('route.not_found');
        const raw = (request as FastifyRequest & { rawBody?: string }).rawBody ?? '';
        const given = String(request.headers['x-tobira-signature'] ?? '').replace(/^sha256=/, '');
        const expected = createHmac('sha256', secret).update(raw).digest('hex');
        if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) throw new AppError(401, 'runners.bad_signature');
        return { result: await runners.paymentNotice(request.body, request.ip) };
      });
    });
  };
}
