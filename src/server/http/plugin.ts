import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Actor, RequestContext } from './context';
import { AppError, forbidden, unauthenticated } from './errors';
import { pickLanguage } from './i18n';

export interface AccessControlOptions {
  cookieName: string;
  actorFromSession(token: string): Promise<Actor | null>;
  actorFromToken(token: string): Promise<Actor | null>;
  /** Routes registered by third-party plugins (API docs, static files) that are public by design. */
  publicPrefixes: string[];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The context of an authenticated request; routes call it after access control has run. */
export function requestContext(request: FastifyRequest): RequestContext {
  if (!request.actor) throw unauthenticated();
  return { actor: request.actor, ip: request.ip };
}

/** Every route registered so far, with the access it declared (for the "nothing open by default" test). */
export const declaredRoutes: Array<{ method: string; url: string; access: string | undefined }> = [];

/**
 * Deny by default: a route without `config.access` cannot be registered, and every request is
 * checked against its route's declaration before its body is even parsed.
 */
export function registerAccessControl(app: FastifyInstance, options: AccessControlOptions) {
  app.decorateRequest('actor', null);
  app.decorateRequest('lang', 'ja');

  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.config?.access && options.publicPrefixes.some((p) => route.url.startsWith(p))) {
      route.config = { ...route.config, access: 'public' };
    }
    const access = route.config?.access;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!access) throw new Error(`Route ${methods.join(',')} ${route.url} declares no access (config.access)`);
    for (const method of methods) declaredRoutes.push({ method, url: route.url, access });
  });

  app.addHook('onRequest', async (request) => {
    request.lang = pickLanguage(request.headers['accept-language']);
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      request.actor = await options.actorFromToken(authorization.slice(7).trim());
      if (!request.actor) throw unauthenticated();
    } else {
      const cookie = request.cookies[options.cookieName];
      if (cookie) request.actor = await options.actorFromSession(cookie);
    }
    // A staff member reads every message in the language they chose.
    if (request.actor && !request.headers['x-tobira-language']) request.lang = request.actor.language;

    const access = request.routeOptions.config.access;
    if (access === 'public' || access === undefined) return; // undefined: 404 handler and static files
    if (!request.actor) throw unauthenticated();
    if (request.actor.via === 'session' && !SAFE_METHODS.has(request.method)) {
      if (request.headers['x-csrf-token'] !== request.actor.csrfToken) throw new AppError(403, 'auth.csrf');
    }
    if (access !== 'authenticated' && !request.actor.permissions.has(access)) throw forbidden();
  });
}
