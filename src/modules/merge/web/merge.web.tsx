import { MergePage } from './MergePage';
import type { WebModule } from '../../web';

/** The merge module's pages and their place in the navigation. */
export const mergeWeb: WebModule = {
  name: 'merge',
  pages: [
    { path: '/people/:id/merge', permission: 'people.merge', element: <MergePage /> },
  ],
};
