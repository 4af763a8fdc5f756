import { Alert, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { AidFormPage } from '../modules/assistance/web/AidFormPage';
import { CataloguePage } from '../modules/assistance/web/CataloguePage';
import { StockPage } from '../modules/inventory/web/StockPage';
import { ShelterPage } from '../modules/shelter/web/ShelterPage';
import { AuditPage } from '../modules/audit/web/AuditPage';
import { AllowanceWaitingPage } from '../modules/cases/web/AllowanceWaitingPage';
import { ConsultationFormPage } from '../modules/consultations/web/ConsultationFormPage';
import { MyWorkPage } from '../modules/deadlines/web/MyWorkPage';
import { PeopleSearchPage } from '../modules/people/web/PeopleSearchPage';
import { PersonPage } from '../modules/people/web/PersonPage';
import { MergePage } from '../modules/merge/web/MergePage';
import { CheckInPage } from '../modules/reception/web/CheckInPage';
import { QueuePage } from '../modules/reception/web/QueuePage';
import { LoginPage } from '../modules/staff/web/LoginPage';
import { SettingsPage } from '../modules/staff/web/SettingsPage';
import { StaffPage } from '../modules/staff/web/StaffPage';
import { BudgetsPage } from '../modules/budgets/web/BudgetsPage';
import { ReportsPage } from '../modules/reports/web/ReportsPage';
import { WinterBoardPage } from '../modules/winter/web/WinterBoardPage';
import { AppLayout } from './AppLayout';
import { RequireAuth, RequirePermission, useMe } from './auth';
import { PageTitle } from './components/PageTitle';
import type { Permission } from '../modules/staff/contract';
import type { ReactNode } from 'react';

function NotFound() {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageTitle text={t('ui.notFound.title')} />
      <Alert color="gray">{t('ui.notFound.body')}</Alert>
    </Stack>
  );
}

/** The first page this staff member may see: the queue for the desk, else people, else settings. */
function Home() {
  const me = useMe();
  const to = me.permissions.includes('visits.read') ? '/queue' : me.permissions.includes('people.read') ? '/people'
    : me.permissions.includes('reports.read') ? '/reports' : '/settings';
  return <Navigate to={to} replace />;
}

function guard(permission: Permission, page: ReactNode) {
  return <RequirePermission permission={permission}>{page}</RequirePermission>;
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
        <Route path="/queue" element={guard('visits.read', <QueuePage />)} />
        <Route path="/my-work" element={guard('tasks.read', <MyWorkPage />)} />
        <Route path="/check-in" element={guard('visits.write', <CheckInPage />)} />
        <Route path="/people" element={guard('people.read', <PeopleSearchPage />)} />
        <Route path="/people/:id" element={guard('people.read', <PersonPage />)} />
        <Route path="/people/:id/merge" element={guard('people.merge', <MergePage />)} />
        <Route path="/allowance-waiting" element={guard('cases.read', <AllowanceWaitingPage />)} />
        <Route path="/people/:id/consultations/new" element={guard('consultations.write', <ConsultationFormPage />)} />
        <Route path="/people/:id/aid/new" element={guard('assistance.write', <AidFormPage />)} />
        <Route path="/stock" element={guard('stock.read', <StockPage />)} />
        <Route path="/shelter" element={guard('shelter.read', <ShelterPage />)} />
        <Route path="/winter" element={guard('shelter.read', <WinterBoardPage />)} />
        <Route path="/budgets" element={guard('budgets.read', <BudgetsPage />)} />
        <Route path="/reports" element={guard('reports.read', <ReportsPage />)} />
        <Route path="/admin/audit" element={guard('audit.read', <AuditPage />)} />
        <Route path="/admin/catalogue" element={guard('catalogue.manage', <CataloguePage />)} />
        <Route path="/admin/staff" element={guard('staff.manage', <StaffPage />)} />
        <Route path="/settings" element={<SettingsPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
