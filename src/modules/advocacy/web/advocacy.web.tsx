import { BarriersPage } from './BarriersPage';
import { EvidencePage } from './EvidencePage';
import type { WebModule } from '../../web';

/** The advocacy module's pages and their place in the navigation. */
export const advocacyWeb: WebModule = {
  name: 'advocacy',
  pages: [
    { path: '/advocacy', permission: 'advocacy.read', element: <EvidencePage />, nav: { label: 'ui.advocacy.nav', order: 95 } },
    { path: '/admin/barriers', permission: 'advocacy.manage', element: <BarriersPage />, nav: { label: 'ui.advocacy.barriersNav', order: 115 } },
  ],
};
