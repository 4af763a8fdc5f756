import { Alert, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { LoginPage } from '../modules/staff/web/LoginPage';
import { AppLayout } from './AppLayout';
import { RequireAuth, RequirePermission, useMe } from './auth';
import { PageTitle } from './components/PageTitle';
import { webModules } from '../modules/web';

function NotFound() {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageTitle text={t('ui.notFound.title')} />
      <Alert color="gray">{t('ui.notFound.body')}</Alert>
    </Stack>
  );
}

/** The first page this staff member may see: the queue for the desk, else people, the fundraising dashboard, reports, advocacy evidence, else settings. */
function Home() {
  const me = useMe();
  const to = me.permissions.includes('visits.read') ? '/queue' : me.permissions.includes('people.read') ? '/people'
    : me.permissions.includes('fundraising.read') ? '/fundraising' : me.permissions.includes('reports.read') ? '/reports' : me.permissions.includes('advocacy.read') ? '/advocacy' : '/settings';
  return <Navigate to={to} replace />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<Home />} />
        {webModules.flatMap((module) => module.pages).map((page) => (
          <Route
            key={page.path}
            path={page.path}
            element={page.permission ? <RequirePermission permission={page.permission}>{page.element}</RequirePermission> : page.element}
          />
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
