import { beforeAll, expect } from 'vitest';
import { Route, Routes } from 'react-router';
import type { z } from 'zod';
import { addDays, tokyoDate } from '../../../shared/time';
import { RequireAuth, RequirePermission } from '../../../web/auth';
import { withServedApp, type AppServer, type Session } from '../../../web/test/served-app';
import { renderWithProviders } from '../../../web/test/render';
import type { Campaign, Gift } from '../../fundraising/contract';
import type { ApplyInput, CharityEvent, DecisionResult, PageRevision, RunnerApplication, RunnerDetail, RunnerSummary } from '../contract';
import type { CreateEventBody } from './runners.queries';
import { runnersWeb } from './runners.web';

/** Renders the runners' staff pages at a path, routed and guarded as the app does (src/web/AppRoutes.tsx). */
export function renderRunners(route: string) {
  return renderWithProviders(
    <RequireAuth>
      <Routes>
        {runnersWeb.pages.map((page) => (
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

/** Days from today in Tokyo (negative: before). */
export const day = (n: number) => addDays(tokyoDate(), n);

/** What a test sets up, as the signed-in fundraiser (and as the public, for applications). */
export interface Fundraiser {
  session: Session;
  server: AppServer;
  campaign(code: string, input?: { nameJa?: string; nameEn?: string }): Promise<Campaign>;
  /** A charity event taking applications today, race day in 20 days, ¥100,000 minimum. */
  event(input: Partial<CreateEventBody> & { code: string }): Promise<CharityEvent>;
  /** An application through the public form (as an applicant would send it). */
  apply(eventCode: string, input: Partial<Record<keyof z.input<typeof ApplyInput>, string>> & { familyName: string; email: string }): Promise<RunnerApplication>;
  /** A page for the runner written by staff and approved, so it is public. */
  publish(runner: RunnerSummary, page?: { displayName?: string; story?: string; goalYen?: number }): Promise<PageRevision>;
  /** A gift promised through the runner's public page (the public form), as its wall entry. */
  pledge(event: CharityEvent, runner: RunnerSummary, input: Record<string, string> & { amountYen: string }): Promise<RunnerDetail['wall'][number]>;
  /** An applicant selected as a runner (through the staff API). */
  runner(event: CharityEvent, input: { familyName: string; givenName?: string; email: string; goalYen?: number }): Promise<RunnerSummary>;
  /** A gift for the event's campaign soft-credited to the runner (as a bank transfer recorded by staff). */
  giftFor(event: CharityEvent, runner: RunnerSummary, amountYen: number, status?: 'received' | 'pledged'): Promise<Gift>;
  /** The JSON bodies the page sent with this method to this path (query string ignored), in order. */
  sent(method: string, path: string): unknown[];
}

/**
 * The real server for this test file (routes, services, SQL on PGlite), started once, with
 * window.fetch served by it as a fundraiser for every test.
 */
export function withRunnersServer(language: 'ja' | 'en' = 'en'): () => Fundraiser {
  const served = withServedApp('fundraiser', language);
  let server: AppServer;
  let fundraiser: Fundraiser;
  // The public forms' bot check: a token from a form page (the test server takes forms at once: formMinSeconds 0).
  const tokens = new Map<string, { token: string }>();
  async function formToken(form: 'apply' | 'give', pagePath: string): Promise<string> {
    let entry = tokens.get(form);
    if (!entry) {
      const page = await server.app.inject({ method: 'GET', url: `${pagePath}?lang=en` });
      const token = /name="formToken" value="([^"]+)"/.exec(page.body)?.[1];
      if (!token) throw new Error(`runners test: no form token on ${pagePath} (${page.statusCode})`);
      entry = { token };
      tokens.set(form, entry);
    }
    return entry.token;
  }
  // Each applicant or donor from an address of their own: the public forms are rate-limited per address.
  let visitor = 0;
  async function postForm(url: string, fields: Record<string, string>) {
    visitor += 1;
    const res = await server.app.inject({
      method: 'POST',
      url,
      remoteAddress: `198.51.100.${visitor % 250}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
    if (res.statusCode >= 400) throw new Error(`runners test: POST ${url} answered ${res.statusCode}: ${res.body.slice(0, 2000)}`);
    return res;
  }

  beforeAll(() => {
    server = served.server();
    const session = served.session();
    fundraiser = {
      session,
      server,
      campaign: (code, input = {}) => session.api('POST', '/api/fundraising/campaigns', { code, nameJa: input.nameJa ?? code, nameEn: input.nameEn ?? code, startsOn: day(-60), channel: 'runners' }),
      async event(input) {
        const campaignId = input.campaignId ?? (await fundraiser.campaign(`${input.code}-campaign`)).id;
        return session.api('POST', '/api/runners/events', {
          nameJa: input.code, nameEn: input.code, raceOn: day(20), minimumYen: 100_000, applicationsOpenOn: day(-30), applicationsCloseOn: day(0), places: 20,
          ...input, campaignId,
        });
      },
      async apply(eventCode, input) {
        const token = await formToken('apply', `/give/${eventCode}/apply`);
        const fields = { motivation: 'I run for people who had to flee.', plan: 'Friends and colleagues.', consent: 'on', language: 'en', ...input };
        await postForm(`/give/${eventCode}/apply?lang=en`, { ...fields, formToken: token, website: '' });
        const events = await session.api<{ events: CharityEvent[] }>('GET', '/api/runners/events');
        const event = events.events.find((e) => e.code === eventCode);
        if (!event) throw new Error(`runners test: no event ${eventCode}`);
        const list = await session.api<{ applications: RunnerApplication[] }>('GET', `/api/runners/events/${event.id}/applications`);
        const found = list.applications.find((a) => a.email === input.email.toLowerCase());
        if (!found) throw new Error(`runners test: application of ${input.email} not found`);
        return found;
      },
      async publish(runner, page = {}) {
        const revision = await session.api<PageRevision>('POST', `/api/runners/runners/${runner.id}/page`, {
          displayName: page.displayName ?? runner.name, story: page.story ?? 'Running for refugees in Tokyo.', goalYen: page.goalYen ?? runner.goalYen,
        });
        await session.api('POST', `/api/runners/revisions/${revision.id}/review`, { decision: 'approve', note: '' });
        return revision;
      },
      async pledge(event, runner, input) {
        const path = `/give/${event.code}/${runner.slug}/give`;
        const token = await formToken('give', path);
        const res = await postForm(`${path}?lang=en`, {
          familyName: 'Donor', email: 'donor@example.com', wall: 'anonymous', language: 'en', ...input, formToken: token, website: '',
        });
        // The page shows the reference; staff see it as the newest entry of the runner's wall.
        expect(res.body).toContain('<html');
        const detail = await session.api<RunnerDetail>('GET', `/api/runners/runners/${runner.id}`);
        const entry = detail.wall[0];
        if (!entry) throw new Error('runners test: the pledge is not on the wall');
        return entry;
      },
      async runner(event, input) {
        const { goalYen: _goal, ...applicant } = input;
        const application = await fundraiser.apply(event.code, applicant);
        const result = await session.api<DecisionResult>('POST', `/api/runners/applications/${application.id}/decision`, {
          decision: 'select', version: application.version, reason: '', message: '', ...(input.goalYen ? { goalYen: input.goalYen } : {}),
        });
        if (!result.runner) throw new Error('runners test: selection made no runner');
        return result.runner;
      },
      giftFor: (event, runner, amountYen, status = 'received') =>
        session.api('POST', '/api/fundraising/gifts', {
          supporterId: null, amountYen, receivedOn: tokyoDate(), method: 'bank_transfer', campaignId: event.campaignId, status,
          softCredits: [{ kind: 'runner', supporterId: runner.supporterId, name: '' }],
        }),
      sent: served.sent,
    };
  });
  return () => fundraiser;
}
