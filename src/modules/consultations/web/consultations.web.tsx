import { ConsultationFormPage } from './ConsultationFormPage';
import type { WebModule } from '../../web';

/** The consultations module's pages and their place in the navigation. */
export const consultationsWeb: WebModule = {
  name: 'consultations',
  pages: [
    { path: '/people/:id/consultations/new', permission: 'consultations.write', element: <ConsultationFormPage /> },
  ],
};
