import type { Language } from '../../i18n';
import type { Permission, RoleCode } from '../../modules/staff/contract';

/** Who may call a route: anyone, any logged-in staff member, or holders of one permission. */
export type Access = 'public' | 'authenticated' | Permission;

/** The staff member behind a request, from a session cookie or an API token. */
export interface Actor {
  staffUserId: string;
  organisationId: string;
  organisationName: string;
  email: string;
  displayName: string;
  role: RoleCode;
  language: Language;
  permissions: ReadonlySet<Permission>;
  via: 'session' | 'token';
  sessionId: string | null;
  apiTokenId: string | null;
  csrfToken: string | null;
}

/** What a service needs to know about the request: who, from where, in which language. */
export interface RequestContext {
  actor: Actor;
  ip: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    lang: Language;
  }
}
