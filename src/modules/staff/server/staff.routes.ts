import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../server/http/errors';
import { requestContext } from '../../../server/http/plugin';
import { ApiToken, AssignableStaff, CreatedToken, CreateStaffInput, CreateTokenInput, LoginInput, Me, Permission, StaffUser, UpdateMeInput, UpdateStaffInput } from '../contract';
import type { StaffService } from './staff.service';

export const SESSION_COOKIE = 'tobira_session';
const Ok = z.object({ ok: z.literal(true) });
const IdParams = z.object({ id: z.uuid() });
const StaffThrottle = z.object({
  staffUserId: z.uuid(),
  addresses: z.array(z.string()),
  blockedUntil: z.iso.datetime({ offset: true }),
});

/** A refused (throttled) login tells the client when to try again. */
function retryAfterSeconds(error: unknown): number | null {
  if (!(error instanceof AppError)) return null;
  const seconds = error.params.retryAfterSeconds;
  return typeof seconds === 'number' ? seconds : null;
}

export function staffRoutes(staff: StaffService, options: { secureCookies: boolean; sessionHours: number }) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.post('/api/auth/login', {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], summary: 'Log in with email and password; sets the session cookie', body: LoginInput, response: { 200: Me } },
    }, async (request, reply) => {
      const session = await staff.login(request.body.email, request.body.password, request.ip).catch((error: unknown) => {
        const seconds = retryAfterSeconds(error);
        if (seconds !== null) reply.header('retry-after', String(seconds));
        throw error;
      });
      // Secure also whenever the request came over HTTPS (directly, or per X-Forwarded-Proto from a
      // trusted proxy), so a TLS deployment never needs TOBIRA_SECURE_COOKIES to protect the cookie.
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/', httpOnly: true, sameSite: 'strict', secure: options.secureCookies || request.protocol === 'https', expires: session.expiresAt,
      });
      const actor = await staff.actorFromSession(session.token);
      if (!actor) throw new Error('session vanished right after login');
      return staff.me(actor);
    });

    app.post('/api/auth/logout', {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: 'End the current session', response: { 200: Ok } },
    }, async (request, reply) => {
      await staff.logout(requestContext(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    });

    app.get('/api/auth/me', {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: 'The logged-in staff member, permissions and CSRF token', response: { 200: Me } },
    }, async (request) => staff.me(requestContext(request).actor));

    app.patch('/api/auth/me', {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: 'Change my UI language', body: UpdateMeInput, response: { 200: Me } },
    }, async (request) => {
      const ctx = requestContext(request);
      await staff.setMyLanguage(ctx, request.body.language);
      return staff.me({ ...ctx.actor, language: request.body.language });
    });

    app.post('/api/tokens', {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: 'Create an API token for me (shown once)', body: CreateTokenInput, response: { 201: CreatedToken } },
    }, async (request, reply) => reply.status(201).send(await staff.createToken(requestContext(request), request.body.name)));

    app.get('/api/tokens', {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: 'My API tokens', response: { 200: z.object({ items: z.array(ApiToken) }) } },
    }, async (request) => ({ items: await staff.listTokens(requestContext(request)) }));

    app.delete('/api/tokens/:id', {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: 'Revoke one of my API tokens', params: IdParams, response: { 200: Ok } },
    }, async (request) => {
      await staff.revokeToken(requestContext(request), request.params.id);
      return { ok: true as const };
    });

    app.get('/api/staff', {
      config: { access: 'staff.manage' },
      schema: { tags: ['staff'], summary: 'Staff accounts', response: { 200: z.object({ items: z.array(StaffUser) }) } },
    }, async (request) => ({ items: await staff.list(requestContext(request)) }));

    app.get('/api/staff/throttles', {
      config: { access: 'staff.manage' },
      schema: {
        tags: ['staff'],
        summary: 'Staff accounts whose logins are refused right now after repeated failures, and from which addresses',
        response: { 200: z.object({ items: z.array(StaffThrottle) }) },
      },
    }, async (request) => ({ items: await staff.listThrottles(requestContext(request)) }));

    app.post('/api/staff/:id/unlock', {
      config: { access: 'staff.manage' },
      schema: { tags: ['staff'], summary: 'Lift the login blocks on a staff account, from every address (audited)', params: IdParams, response: { 200: Ok } },
    }, async (request) => {
      await staff.unlock(requestContext(request), request.params.id);
      return { ok: true as const };
    });

    app.get('/api/staff/assignable', {
      config: { access: 'tasks.read' },
      schema: {
        tags: ['staff'],
        summary: 'Active staff to give work to (assignee pickers); with `permission`, only those whose role has it (e.g. cases.write for caseworkers)',
        querystring: z.object({ permission: Permission.optional() }),
        response: { 200: z.object({ items: z.array(AssignableStaff) }) },
      },
    }, async (request) => ({ items: await staff.listAssignable(requestContext(request), request.query.permission) }));

    app.post('/api/staff', {
      config: { access: 'staff.manage' },
      schema: { tags: ['staff'], summary: 'Create a staff account', body: CreateStaffInput, response: { 201: StaffUser } },
    }, async (request, reply) => reply.status(201).send(await staff.create(requestContext(request), request.body)));

    app.patch('/api/staff/:id', {
      config: { access: 'staff.manage' },
      schema: { tags: ['staff'], summary: 'Change a staff account (role, language, active)', params: IdParams, body: UpdateStaffInput, response: { 200: StaffUser } },
    }, async (request) => staff.update(requestContext(request), request.params.id, request.body));
  };
}
