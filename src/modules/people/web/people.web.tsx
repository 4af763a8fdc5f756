import { PeopleSearchPage } from './PeopleSearchPage';
import { PersonPage } from './PersonPage';
import type { WebModule } from '../../web';

/** The people module's pages and their place in the navigation. */
export const peopleWeb: WebModule = {
  name: 'people',
  pages: [
    { path: '/people', permission: 'people.read', element: <PeopleSearchPage />, nav: { label: 'ui.nav.people', order: 20 } },
    { path: '/people/:id', permission: 'people.read', element: <PersonPage /> },
  ],
};
