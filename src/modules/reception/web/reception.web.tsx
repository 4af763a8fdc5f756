import { CheckInPage } from './CheckInPage';
import { QueuePage } from './QueuePage';
import type { WebModule } from '../../web';

/** The reception module's pages and their place in the navigation. */
export const receptionWeb: WebModule = {
  name: 'reception',
  pages: [
    { path: '/queue', permission: 'visits.read', element: <QueuePage />, nav: { label: 'ui.nav.queue', order: 10 } },
    { path: '/check-in', permission: 'visits.write', element: <CheckInPage /> },
  ],
};
