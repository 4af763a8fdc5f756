import type { WebModule } from '../../../web';
import { DonorRegisterPage } from './DonorRegisterPage';
import { FundraisingDashboardPage } from './FundraisingDashboardPage';
import { FundraisingReportsPage } from './FundraisingReportsPage';

/**
 * The fundraising reports room's pages: the dashboard first of the fundraising entries (90.5,
 * before supporters at 91), the reports after the thank-you queue (92.7), the donor register linked from both.
 */
export const fundraisingReportsWeb: WebModule = {
  name: 'fundraising-reports',
  pages: [
    { path: '/fundraising', permission: 'fundraising.read', element: <FundraisingDashboardPage />, nav: { label: 'ui.fundraisingReports.web.nav.dashboard', order: 90.5 } },
    { path: '/fundraising/reports', permission: 'fundraising.read', element: <FundraisingReportsPage />, nav: { label: 'ui.fundraisingReports.web.nav.reports', order: 92.7 } },
    { path: '/fundraising/reports/register', permission: 'fundraising.read', element: <DonorRegisterPage /> },
  ],
};
