import { ApplicationsPage } from './ApplicationsPage';
import { CampaignPageEditor } from './CampaignPageEditor';
import { CampaignPagesPage } from './CampaignPagesPage';
import { EventDashboardPage } from './EventDashboardPage';
import { EventsPage } from './EventsPage';
import { ModerationPage } from './ModerationPage';
import { RunnerPage } from './RunnerPage';
import type { WebModule } from '../../web';

/** The charity runners' staff pages: events, applications, runners, moderation, campaign pages. */
export const runnersWeb: WebModule = {
  name: 'runners',
  pages: [
    { path: '/runners', permission: 'fundraising.read', element: <EventsPage />, nav: { label: 'ui.runners.nav.events', order: 92.7 } },
    { path: '/runners/events/:id', permission: 'fundraising.read', element: <EventDashboardPage /> },
    { path: '/runners/events/:id/applications', permission: 'fundraising.read', element: <ApplicationsPage /> },
    { path: '/runners/runners/:id', permission: 'fundraising.read', element: <RunnerPage /> },
    { path: '/runners/moderation', permission: 'fundraising.read', element: <ModerationPage />, nav: { label: 'ui.runners.nav.moderation', order: 92.8 } },
    { path: '/runners/campaign-pages', permission: 'fundraising.read', element: <CampaignPagesPage /> },
    { path: '/runners/campaign-pages/:campaignId', permission: 'fundraising.read', element: <CampaignPageEditor /> },
  ],
};
