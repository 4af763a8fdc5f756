import type { WebModule } from '../../../web';
import { ImportPage } from './ImportPage';
import { ImportsPage } from './ImportsPage';

/** The gift imports room's pages (upload, map, check, commit, roll back) and its place in the navigation. */
export const importsWeb: WebModule = {
  name: 'fundraising-imports',
  pages: [
    { path: '/fundraising/imports', permission: 'fundraising.read', element: <ImportsPage />, nav: { label: 'ui.giftImports.nav', order: 94 } },
    { path: '/fundraising/imports/:id', permission: 'fundraising.read', element: <ImportPage /> },
  ],
};
