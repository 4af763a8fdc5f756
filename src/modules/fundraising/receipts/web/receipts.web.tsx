import type { WebModule } from '../../../web';
import { ReceiptSettingsPage } from './ReceiptSettingsPage';
import { ReceiptsPage } from './ReceiptsPage';
import { YearEndPage } from './YearEndPage';

/** The receipts room's pages (寄附金受領証明書: the list, the year-end batch, the settings) and its place in the navigation. */
export const receiptsWeb: WebModule = {
  name: 'fundraising-receipts',
  pages: [
    { path: '/fundraising/receipts', permission: 'fundraising.read', element: <ReceiptsPage />, nav: { label: 'ui.receipts.nav', order: 93 } },
    { path: '/fundraising/receipts/year-end', permission: 'fundraising.write', element: <YearEndPage /> },
    { path: '/fundraising/receipts/settings', permission: 'fundraising.manage', element: <ReceiptSettingsPage /> },
  ],
};
