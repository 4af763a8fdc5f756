import { Alert, Center } from '@mantine/core';
import { Loading } from './components/Loading';
import { PageTitle } from './components/PageTitle';
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import type { Me, Permission } from '../modules/staff/contract';
import { hasPermission, meQuery } from '../modules/staff/web/staff.queries';
import { setLanguage } from './i18n';

const MeContext = createContext<Me | null>(null);

/** The logged-in staff member (inside RequireAuth). */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside RequireAuth');
  return me;
}

export function useCan(permission: Permission): boolean {
  return hasPermission(useContext(MeContext), permission);
}

/** Lets only logged-in staff through; others go to /login and come back here after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useQuery(meQuery);
  const language = me.data?.language;

  useEffect(() => {
    if (language) void setLanguage(language);
  }, [language]);

  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loading />
      </Center>
    );
  }
  if (me.isError) {
    return (
      <Center h="100vh">
        <Alert color="red" role="alert">{t('ui.common.networkError')}</Alert>
      </Center>
    );
  }
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <MeContext.Provider value={me.data}>{children}</MeContext.Provider>;
}

/** Shows the page only to staff with the permission. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { t } = useTranslation();
  if (!useCan(permission)) {
    return (
      <>
        <PageTitle text={t('ui.common.forbiddenTitle')} />
        <Alert color="red" role="alert">
          {t('errors.auth.forbidden')}
        </Alert>
      </>
    );
  }
  return <>{children}</>;
}
