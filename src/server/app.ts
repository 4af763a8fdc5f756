import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createServices, type Services } from './services';
import type { Db } from './db/database';
import { registerErrorHandling } from './http/error-handler';
import { registerInputGuards } from './http/input-guard';
import { registerAccessControl } from './http/plugin';
import { SESSION_COOKIE } from '../modules/staff/server/staff.routes';
import { serverModules } from '../modules/server';

export const webDistDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface AppOptions {
  db: Db;
  secretKey: Buffer;
  secureCookies?: boolean;
  sessionHours?: number;
  logLevel?: string;
  /** Serve the built web app from dist/web (off in API tests). */
  serveWeb?: boolean;
  /** Where attached documents are stored, encrypted (config DOCUMENTS_DIR), and the largest accepted. */
  documentsDir?: string;
  documentMaxBytes?: number;
  /** Believe X-Forwarded-For/-Proto from a reverse proxy (default: TOBIRA_TRUST_PROXY=1). */
  trustProxy?: boolean;
  /** Outgoing mail (config TOBIRA_SMTP_URL); without a URL nothing is sent and staff hand links over themselves. */
  mail?: { url?: string | undefined; from?: string };
  /** The public address (config TOBIRA_PUBLIC_URL), for links in emails and Open Graph tags. */
  publicUrl?: string | undefined;
  /** The payment platform's signing secret (config TOBIRA_PAYMENT_WEBHOOK_SECRET). */
  paymentWebhookSecret?: string | undefined;
  /** How soon a public form may be sent after it was shown (config TOBIRA_FORM_MIN_SECONDS, default 2). */
  formMinSeconds?: number;
  /** The clock (tests move it to see a link expire without waiting). */
  now?: () => Date;
}

export interface App {
  app: FastifyInstance;
  services: Services;
}

/** Builds the HTTP application (no listen): API, OpenAPI docs and the web app. */
export async function buildApp(options: AppOptions): Promise<App> {
  const services = createServices({
    db: options.db, secretKey: options.secretKey, sessionHours: options.sessionHours ?? 12,
    documentsDir: options.documentsDir, documentMaxBytes: options.documentMaxBytes,
    mail: options.mail, publicUrl: options.publicUrl, now: options.now,
  });
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'silent',
      // Requests are logged by method and route only: query strings may carry names.
      serializers: { req: (req) => ({ method: req.method, url: req.routeOptions?.url ?? req.url.split('?')[0], id: req.id }) },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
    bodyLimit: 1024 * 1024,
    trustProxy: options.trustProxy ?? process.env.TOBIRA_TRUST_PROXY === '1',
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  await app.register(fastifyRateLimit, { global: false });
  // API answers carry personal data: no browser or proxy may keep a copy, unless a route said
  // otherwise. The web app's files (outside /api/) keep their own caching.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
  registerInputGuards(app);
  registerAccessControl(app, {
    cookieName: SESSION_COOKIE,
    actorFromSession: services.staff.actorFromSession,
    actorFromToken: services.staff.actorFromToken,
    publicPrefixes: ['/api/docs'],
  });
  registerErrorHandling(app);

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Tobira API', description: 'Tobira (扉): reception, case files and aid for refugee-support offices.', version: '0.1.0' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/health', {
    config: { access: 'public' },
    schema: { tags: ['system'], summary: 'Liveness', security: [], response: { 200: z.object({ status: z.literal('ok') }) } },
  }, async () => ({ status: 'ok' as const }));
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  const sessionOptions = { secureCookies: options.secureCookies ?? false, sessionHours: options.sessionHours ?? 12 };
  const routeOptions = { session: sessionOptions, secretKey: options.secretKey, publicUrl: options.publicUrl, paymentWebhookSecret: options.paymentWebhookSecret, formMinSeconds: options.formMinSeconds ?? 2, now: options.now ?? (() => new Date()) };
  for (const module of serverModules) await app.register(module.routes(services, routeOptions));

  if (options.serveWeb && existsSync(path.join(webDistDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDistDir, serve: false });
    // Built files by name; every other path is a route of the web app (/people/…, /queue): index.html.
    app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
      const pathname = decodeURIComponent(request.url.split('?')[0] ?? '/');
      if (pathname.startsWith('/api/')) return reply.callNotFound();
      const file = path.join(webDistDir, path.normalize(pathname));
      if (pathname !== '/' && file.startsWith(webDistDir + path.sep) && existsSync(file)) {
        const immutable = pathname.startsWith('/assets/');
        return reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache').sendFile(pathname.slice(1));
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  await app.ready();
  return { app, services };
}
