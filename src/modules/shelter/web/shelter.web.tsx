import { ShelterPage } from './ShelterPage';
import type { WebModule } from '../../web';

/** The shelter module's pages and their place in the navigation. */
export const shelterWeb: WebModule = {
  name: 'shelter',
  pages: [
    { path: '/shelter', permission: 'shelter.read', element: <ShelterPage />, nav: { label: 'ui.shelter.nav', order: 70 } },
  ],
};
