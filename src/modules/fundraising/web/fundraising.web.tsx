import { CampaignPage } from './CampaignPage';
import { CampaignsPage } from './CampaignsPage';
import { GiftNewPage } from './GiftNewPage';
import { SupporterNewPage } from './SupporterNewPage';
import { SupporterPage } from './SupporterPage';
import { SupportersPage } from './SupportersPage';
import { ThankYouPage } from './ThankYouPage';
import type { WebModule } from '../../web';

/**
 * The fundraising module's pages (supporters, gifts, campaigns, the thank-you queue) and their place
 * in the navigation: together, before the receipts (93) and imports (94) rooms.
 */
export const fundraisingWeb: WebModule = {
  name: 'fundraising',
  pages: [
    { path: '/fundraising/supporters', permission: 'fundraising.read', element: <SupportersPage />, nav: { label: 'ui.fundraising.nav.supporters', order: 91 } },
    { path: '/fundraising/supporters/new', permission: 'fundraising.write', element: <SupporterNewPage /> },
    { path: '/fundraising/supporters/:id', permission: 'fundraising.read', element: <SupporterPage /> },
    { path: '/fundraising/gifts/new', permission: 'fundraising.write', element: <GiftNewPage /> },
    { path: '/fundraising/campaigns', permission: 'fundraising.read', element: <CampaignsPage />, nav: { label: 'ui.fundraising.nav.campaigns', order: 92 } },
    { path: '/fundraising/campaigns/:id', permission: 'fundraising.read', element: <CampaignPage /> },
    { path: '/fundraising/thank-you', permission: 'fundraising.read', element: <ThankYouPage />, nav: { label: 'ui.fundraising.nav.thankYou', order: 92.5 } },
  ],
};
