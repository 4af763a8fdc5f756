import { SettingsPage } from './SettingsPage';
import { StaffPage } from './StaffPage';
import type { WebModule } from '../../web';

/** The staff module's pages and their place in the navigation. */
export const staffWeb: WebModule = {
  name: 'staff',
  pages: [
    { path: '/admin/staff', permission: 'staff.manage', element: <StaffPage />, nav: { label: 'ui.nav.staff', order: 120 } },
    { path: '/settings', element: <SettingsPage />, nav: { label: 'ui.nav.settings', order: 1000 } },
  ],
};
