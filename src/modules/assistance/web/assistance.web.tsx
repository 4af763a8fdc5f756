import { AidFormPage } from './AidFormPage';
import { CataloguePage } from './CataloguePage';
import type { WebModule } from '../../web';

/** The assistance module's pages and their place in the navigation. */
export const assistanceWeb: WebModule = {
  name: 'assistance',
  pages: [
    { path: '/people/:id/aid/new', permission: 'assistance.write', element: <AidFormPage /> },
    { path: '/admin/catalogue', permission: 'catalogue.manage', element: <CataloguePage />, nav: { label: 'ui.nav.catalogue', order: 110 } },
  ],
};
