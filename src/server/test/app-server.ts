import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { vi } from 'vitest';
import type { RoleCode } from '../../modules/staff/contract';
// Test-only: the web code itself never imports the server. Here the whole app runs in the test's
// process so a page talks to the real routes, services and SQL (PGlite in memory), not a stand-in.
import { buildApp } from '../app';
import { bootstrap } from '../bootstrap';
import { openDatabase, type DatabaseHandle } from '../db/database';
import { migrate } from '../db/migrate';

/** How long starting the server may take on a loaded two-core machine (PGlite start-up and every migration). */
export const SERVER_START_TIMEOUT = 180_000;

/** A signed-in staff member: the cookie and CSRF token a browser would hold after logging in. */
export interface Session {
  cookie: string;
  csrfToken: string;
  /** Calls the API as this staff member (for a test's set-up); throws on an error answer. */
  api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<T>;
}

export interface AppServer {
  app: FastifyInstance;
  organisationId: string;
  /** A new staff member of the role, logged in through POST /api/auth/login. */
  signIn(role: RoleCode, language?: 'ja' | 'en'): Promise<Session>;
  /** Serves window.fetch and XMLHttpRequest from the app as this staff member (undo with vi.unstubAllGlobals). */
  serve(session: Session): void;
  close(): Promise<void>;
}

type Payload = string | Buffer | undefined;

async function payloadOf(body: unknown): Promise<Payload> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof Blob) return Buffer.from(await body.arrayBuffer());
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new Error(`app-server: this request body is not supported in tests (${Object.prototype.toString.call(body)})`);
}

function headersOf(raw: Record<string, string | string[] | number | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined || name === 'set-cookie') continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : String(value));
  }
  return headers;
}

/**
 * The whole Tobira app on a fresh, migrated in-memory database, in this test file's process. Start
 * it once per file (beforeAll, with SERVER_START_TIMEOUT) and close it after.
 */
export async function startAppServer(): Promise<AppServer> {
  const handle: DatabaseHandle = await openDatabase({ dataDir: 'memory://' });
  await migrate(handle.db);
  // Public forms are taken at once: the web tests fill them faster than a person (the bot check is tested in src/modules/runners).
  const { app, services } = await buildApp({ db: handle.db, secretKey: randomBytes(32), logLevel: process.env.TOBIRA_TEST_LOG ?? 'silent', formMinSeconds: 0 });
  const { organisationId } = await bootstrap(services, { adminEmail: 'root@test.local', adminPassword: `pw-${randomBytes(9).toString('hex')}` }, 'Test office');

  async function inject(session: Session, method: string, url: string, headers: Record<string, string>, payload: Payload) {
    return app.inject({
      method: method as 'GET',
      url,
      headers: { ...headers, cookie: session.cookie },
      ...(payload === undefined ? {} : { payload }),
    });
  }

  return {
    app,
    organisationId,
    async signIn(role, language = 'en') {
      const email = `${role}.${language}.${randomBytes(3).toString('hex')}@test.local`;
      const password = `pw-${randomBytes(9).toString('hex')}`;
      await services.staff.addUser(organisationId, { email, displayName: `${role} ${language}`, role, language, password });
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
      const cookie = login.cookies.find((c) => c.name === 'tobira_session');
      if (login.statusCode !== 200 || !cookie) throw new Error(`app-server: login failed (${login.statusCode})`);
      const session: Session = {
        cookie: `tobira_session=${cookie.value}`,
        csrfToken: String((login.json() as { csrfToken: string }).csrfToken),
        async api<T>(method: string, url: string, body?: unknown) {
          const headers: Record<string, string> = { 'x-csrf-token': session.csrfToken, 'accept-language': language };
          if (body !== undefined) headers['content-type'] = 'application/json';
          const res = await inject(session, method, url, headers, body === undefined ? undefined : JSON.stringify(body));
          if (res.statusCode >= 400) throw new Error(`app-server: ${method} ${url} answered ${res.statusCode}: ${res.body}`);
          return (res.statusCode === 204 ? undefined : res.json()) as T;
        },
      };
      return session;
    },
    serve(session) {
      // The test environment gives jsdom's Uint8Array, so a Node Buffer is not `instanceof Uint8Array`
      // in server code compiled for the test (pdfkit refuses its fonts then): the server gets Node's back.
      vi.stubGlobal('Uint8Array', Object.getPrototypeOf(Buffer.prototype).constructor as Uint8ArrayConstructor);
      vi.stubGlobal('fetch', async (input: string | URL | Request, init: RequestInit = {}) => {
        const url = typeof input === 'string' ? input : input instanceof URL ? `${input.pathname}${input.search}` : input.url;
        const res = await inject(session, init.method ?? 'GET', url, Object.fromEntries(new Headers(init.headers).entries()), await payloadOf(init.body));
        return new Response(res.statusCode === 204 ? null : new Uint8Array(res.rawPayload), { status: res.statusCode, headers: headersOf(res.headers) });
      });
      vi.stubGlobal('XMLHttpRequest', fakeXhr((method, url, headers, body) => inject(session, method, url, headers, body)));
    },
    async close() {
      await app.close();
      await handle.close();
    },
  };
}

type Send = (method: string, url: string, headers: Record<string, string>, body: Payload) => Promise<{ statusCode: number; body: string }>;

/** Just enough of XMLHttpRequest for an upload with progress: open, setRequestHeader, send, upload.onprogress, onload/onerror. */
function fakeXhr(send: Send) {
  return class FakeXMLHttpRequest {
    readyState = 0;
    status = 0;
    responseText = '';
    upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    private method = 'GET';
    private url = '';
    private headers: Record<string, string> = {};

    open(method: string, url: string) {
      this.method = method;
      this.url = url;
      this.readyState = 1;
    }

    setRequestHeader(name: string, value: string) {
      this.headers[name.toLowerCase()] = value;
    }

    abort() {
      this.onabort?.();
    }

    send(body?: unknown) {
      void (async () => {
        try {
          const payload = await payloadOf(body);
          const total = payload === undefined ? 0 : Buffer.byteLength(payload);
          // A real browser reports several steps; half and all is enough to see a bar move.
          for (const loaded of [Math.floor(total / 2), total]) {
            this.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent);
          }
          const res = await send(this.method, this.url, this.headers, payload);
          this.status = res.statusCode;
          this.responseText = res.body;
          this.readyState = 4;
          this.onload?.();
        } catch {
          this.readyState = 4;
          this.onerror?.();
        }
      })();
    }
  };
}
