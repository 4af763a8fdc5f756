import { AllowanceWaitingPage } from './AllowanceWaitingPage';
import type { WebModule } from '../../web';

/** The cases module's pages and their place in the navigation. */
export const casesWeb: WebModule = {
  name: 'cases',
  pages: [
    { path: '/allowance-waiting', permission: 'cases.read', element: <AllowanceWaitingPage />, nav: { label: 'ui.nav.allowanceWaiting', order: 40 } },
  ],
};
