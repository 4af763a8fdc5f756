import { beforeAll } from 'vitest';
import { Route, Routes } from 'react-router';
import { RequireAuth, RequirePermission } from '../../../web/auth';
import { withServedApp, type Session } from '../../../web/test/served-app';
import { renderWithProviders } from '../../../web/test/render';
import type { RoleCode } from '../../staff/contract';
import type { Partner } from '../contract';
import type { CreatePartnerBody } from './partners.queries';
import { partnersWeb } from './partners.web';

/** Renders the partners pages at a path, routed and guarded as the app does (src/web/AppRoutes.tsx). */
export function renderPartners(route: string) {
  return renderWithProviders(
    <RequireAuth>
      <Routes>
        {partnersWeb.pages.map((page) => (
          <Route
            key={page.path}
            path={page.path}
            element={page.permission ? <RequirePermission permission={page.permission}>{page.element}</RequirePermission> : page.element}
          />
        ))}
      </Routes>
    </RequireAuth>,
    { route },
  );
}

/** What a test sets up through the API, and what the page sent. */
export interface PartnersTest {
  session: Session;
  /** A partner added through the API (as a coordinator, whatever role the page runs as). */
  partner(input: Partial<CreatePartnerBody> & { nameJa: string }): Promise<Partner>;
  /** The JSON bodies the page sent with this method to this path (query string ignored), in order. */
  sent(method: string, path: string): unknown[];
  /** The URLs (with query string) the page asked for with GET under this path. */
  asked(path: string): string[];
}

/**
 * The real server for this test file (routes, services, SQL on PGlite, the bundled Japan Post
 * data), started once, with window.fetch served by it as a staff member of the role.
 */
export function withPartnersServer(role: RoleCode, language: 'ja' | 'en' = 'en'): () => PartnersTest {
  const served = withServedApp(role, language);
  let test: PartnersTest;
  beforeAll(async () => {
    const session = served.session();
    // The set-up is a manager's, so a read-only page can be shown a directory with something in it.
    const manager = role === 'coordinator' || role === 'admin' ? session : await served.server().signIn('coordinator', language);
    test = {
      session,
      partner: (input) => manager.api<Partner>('POST', '/api/partners', { kind: 'ngo', ...input }),
      sent: served.sent,
      asked: (path) =>
        (window.fetch as unknown as { mock?: { calls: Array<[string, RequestInit | undefined]> } }).mock?.calls
          .filter(([url, init]) => url.split('?')[0] === path && (init?.method ?? 'GET') === 'GET')
          .map(([url]) => url) ?? [],
    };
  });
  return () => test;
}
