import { AuditPage } from './AuditPage';
import type { WebModule } from '../../web';

/** The audit module's pages and their place in the navigation. */
export const auditWeb: WebModule = {
  name: 'audit',
  pages: [
    { path: '/admin/audit', permission: 'audit.read', element: <AuditPage />, nav: { label: 'ui.nav.audit', order: 100 } },
  ],
};
