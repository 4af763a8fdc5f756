import { ReportsPage } from './ReportsPage';
import type { WebModule } from '../../web';

/** The reports module's pages and their place in the navigation. */
export const reportsWeb: WebModule = {
  name: 'reports',
  pages: [
    { path: '/reports', permission: 'reports.read', element: <ReportsPage />, nav: { label: 'ui.reports.nav', order: 90 } },
  ],
};
