import { BudgetsPage } from './BudgetsPage';
import type { WebModule } from '../../web';

/** The budgets module's pages and their place in the navigation. */
export const budgetsWeb: WebModule = {
  name: 'budgets',
  pages: [
    { path: '/budgets', permission: 'budgets.read', element: <BudgetsPage />, nav: { label: 'ui.budgets.nav', order: 80 } },
  ],
};
