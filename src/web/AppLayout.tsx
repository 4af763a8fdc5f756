import { AppShell, Burger, Button, Group, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { logout } from '../modules/staff/web/staff.queries';
import { navEntries } from '../modules/web';
import { useMe } from './auth';

/** The frame around every page after login: header, navigation, main landmark. */
export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [opened, { toggle, close }] = useDisclosure();

  async function onLogout() {
    await logout(client).catch(() => undefined);
    void navigate('/login', { replace: true });
  }

  const visible = navEntries()
    .filter((page) => !page.permission || me.permissions.includes(page.permission))
    .map((page) => ({ to: page.path, label: page.nav.label }));

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('ui.nav.toggle')} />
            <Text fw={700} size="lg">
              {t('ui.app.name')}
            </Text>
            <Text size="sm" visibleFrom="sm">
              {me.organisationName}
            </Text>
          </Group>
          <Text size="sm">
            {me.displayName} ({t(`ui.roles.${me.role}`)})
          </Text>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('ui.nav.label')}>
        <Stack gap={4} justify="space-between" h="100%">
          <Stack gap={4}>
            {visible.map((item) => (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={t(item.label)}
                active={location.pathname === item.to || location.pathname.startsWith(`${item.to}/`)}
                aria-current={location.pathname === item.to ? 'page' : undefined}
                onClick={close}
              />
            ))}
          </Stack>
          <Button variant="default" onClick={() => void onLogout()}>
            {t('ui.nav.logout')}
          </Button>
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
