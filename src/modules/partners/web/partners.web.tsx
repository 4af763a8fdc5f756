import { PartnerImportPage } from './PartnerImportPage';
import { PartnerNewPage, PartnerPage } from './PartnerPage';
import { PartnersPage } from './PartnersPage';
import type { WebModule } from '../../web';

/** The directory of partners the office refers people to: search, one partner, add, import. */
export const partnersWeb: WebModule = {
  name: 'partners',
  pages: [
    // Between the case work (cases 40) and the stock and shelter pages (50, 70): caseworkers refer from it.
    { path: '/partners', permission: 'partners.read', element: <PartnersPage />, nav: { label: 'ui.partners.nav.directory', order: 45 } },
    { path: '/partners/new', permission: 'partners.manage', element: <PartnerNewPage /> },
    { path: '/partners/import', permission: 'partners.manage', element: <PartnerImportPage /> },
    { path: '/partners/:id', permission: 'partners.read', element: <PartnerPage /> },
  ],
};
