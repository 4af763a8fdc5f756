import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import type { RoleCode } from '../../modules/staff/contract';
import { SERVER_START_TIMEOUT, startAppServer, type AppServer, type Session } from '../../server/test/app-server';
import { i18n } from '../i18n';

export type { AppServer, Session } from '../../server/test/app-server';

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface ServedApp {
  server(): AppServer;
  session(): Session;
  /** The JSON bodies the page sent with this method to this path (query string ignored), in order. */
  sent(method: string, path: string): unknown[];
}

/**
 * The real server for a test file (routes, services, SQL on PGlite), started once, signed in as
 * one role; every test's window.fetch is served by it in that language, and what the page sent is
 * remembered for `sent`. Set-up that needs the session goes in the caller's own beforeAll, which
 * runs after this one.
 */
export function withServedApp(role: RoleCode, language: 'ja' | 'en'): ServedApp {
  let server: AppServer | undefined;
  let session: Session | undefined;
  let requests: ReturnType<typeof vi.fn<Fetch>> | null = null;
  beforeAll(async () => {
    server = await startAppServer();
    session = await server.signIn(role, language);
  }, SERVER_START_TIMEOUT);
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(async () => {
    if (!server || !session) throw new Error('served app: the server did not start');
    await i18n.changeLanguage(language);
    server.serve(session);
    // Every request still goes to the server; this only remembers what the page sent.
    const served = window.fetch as unknown as Fetch;
    requests = vi.fn<Fetch>((input, init) => served(input, init));
    vi.stubGlobal('fetch', requests);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });
  return {
    server() {
      if (!server) throw new Error('served app: not started yet');
      return server;
    },
    session() {
      if (!session) throw new Error('served app: not signed in yet');
      return session;
    },
    sent(method, path) {
      return (requests?.mock.calls ?? [])
        .filter(([url, init]) => url.split('?')[0] === path && (init?.method ?? 'GET') === method)
        .map(([, init]) => (init?.body ? (JSON.parse(String(init.body)) as unknown) : undefined));
    },
  };
}
