import { beforeAll } from 'vitest';
import { Route, Routes } from 'react-router';
import { tokyoDate } from '../../../shared/time';
import { RequireAuth, RequirePermission } from '../../../web/auth';
import { withServedApp, type Session } from '../../../web/test/served-app';
import { renderWithProviders } from '../../../web/test/render';
import type { Campaign, Commitment, Gift, Supporter } from '../contract';
import type { CreateCampaignBody, CreateCommitmentBody, CreateGiftBody, CreateSupporterBody } from './fundraising.queries';
import { fundraisingWeb } from './fundraising.web';

/** Renders the fundraising pages at a path, routed and guarded as the app does (src/web/AppRoutes.tsx). */
export function renderFundraising(route: string) {
  return renderWithProviders(
    <RequireAuth>
      <Routes>
        {fundraisingWeb.pages.map((page) => (
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

/** What a test sets up through the API, as the signed-in fundraiser. */
export interface Fundraiser {
  session: Session;
  supporter(input: Partial<CreateSupporterBody>): Promise<Supporter>;
  gift(input: Partial<CreateGiftBody>): Promise<Gift>;
  campaign(input: Partial<CreateCampaignBody> & { code: string }): Promise<Campaign>;
  commitment(input: Partial<CreateCommitmentBody> & { supporterId: string }): Promise<Commitment>;
  /** The JSON bodies the page sent with this method to this path (query string ignored), in order. */
  sent(method: string, path: string): unknown[];
}

/**
 * The real server for this test file (routes, services, SQL on PGlite, the bundled Japan Post
 * data), started once, with window.fetch served by it as a fundraiser for every test.
 */
export function withFundraisingServer(language: 'ja' | 'en' = 'en'): () => Fundraiser {
  const served = withServedApp('fundraiser', language);
  let fundraiser: Fundraiser;
  beforeAll(() => {
    const session = served.session();
    fundraiser = {
      session,
      supporter: (input) => session.api('POST', '/api/fundraising/supporters', { kind: 'individual', ...input }),
      gift: (input) => session.api('POST', '/api/fundraising/gifts', { supporterId: null, amountYen: 10_000, receivedOn: tokyoDate(), method: 'bank_transfer', ...input }),
      campaign: (input) => session.api('POST', '/api/fundraising/campaigns', { nameJa: input.code, nameEn: input.code, startsOn: tokyoDate(), ...input }),
      commitment: (input) => session.api('POST', '/api/fundraising/commitments', { amountYen: 3_000, dayOfMonth: 27, method: 'direct_debit', startsOn: tokyoDate(), ...input }),
      sent: served.sent,
    };
  });
  return () => fundraiser;
}
