import { MyWorkPage } from './MyWorkPage';
import type { WebModule } from '../../web';

/** The deadlines module's pages and their place in the navigation. */
export const deadlinesWeb: WebModule = {
  name: 'deadlines',
  pages: [
    // Every role with cases.read also holds tasks.read (migrations/0002), so one permission covers both.
    { path: '/my-work', permission: 'tasks.read', element: <MyWorkPage />, nav: { label: 'ui.nav.myWork', order: 30 } },
  ],
};
