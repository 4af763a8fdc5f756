import { StockPage } from './StockPage';
import type { WebModule } from '../../web';

/** The inventory module's pages and their place in the navigation. */
export const inventoryWeb: WebModule = {
  name: 'inventory',
  pages: [
    { path: '/stock', permission: 'stock.read', element: <StockPage />, nav: { label: 'ui.inventory.nav', order: 50 } },
  ],
};
