import { WinterBoardPage } from './WinterBoardPage';
import type { WebModule } from '../../web';

/** The winter module's pages and their place in the navigation. */
export const winterWeb: WebModule = {
  name: 'winter',
  pages: [
    { path: '/winter', permission: 'shelter.read', element: <WinterBoardPage />, nav: { label: 'ui.nav.winter', order: 60 } },
  ],
};
