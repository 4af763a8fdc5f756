import { Badge, Button, Group, Paper, PasswordInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../web/auth';
import { PageTitle } from '../../../web/components/PageTitle';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { formatDateTime } from '../../../web/format';
import { showApiError, showSaved, zodValidate } from '../../../web/forms';
import { currentLanguage } from '../../../web/i18n';
import { CreateStaffInput, RoleCode, type StaffUser, type UpdateStaffInput } from '../contract';
import { createStaff, staffListQuery, staffThrottlesQuery, unlockStaff, updateStaff, type StaffThrottle } from './staff.queries';
import { TableHeader } from '../../../web/components/TableHeader';

interface Values {
  email: string;
  displayName: string;
  role: string;
  language: string;
  password: string;
}

function CreateStaffForm() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { email: '', displayName: '', role: 'reception', language: 'ja', password: '' },
    validate: zodValidate(CreateStaffInput, (v: Values) => v, t),
  });
  const mutation = useMutation({
    mutationFn: (v: Values) => createStaff(CreateStaffInput.parse(v)),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: staffListQuery.queryKey });
      showSaved(t);
      form.reset();
    },
    onError: (error) => showApiError(error, t, form.setErrors),
  });
  return (
    <form noValidate onSubmit={form.onSubmit((v) => mutation.mutate(v))}>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('fields.email')} type="email" autoComplete="off" {...form.getInputProps('email')} />
          <TextInput label={t('fields.displayName')} autoComplete="off" {...form.getInputProps('displayName')} />
          <Select label={t('fields.role')} data={RoleCode.options.map((r) => ({ value: r, label: t(`ui.roles.${r}`) }))} allowDeselect={false} {...form.getInputProps('role')} />
          <Select label={t('fields.language')} data={[{ value: 'ja', label: '日本語' }, { value: 'en', label: 'English' }]} allowDeselect={false} {...form.getInputProps('language')} />
          <PasswordInput label={t('ui.staff.initialPassword')} description={t('ui.staff.passwordHint')} autoComplete="new-password" {...form.getInputProps('password')} />
        </SimpleGrid>
        <div>
          <Button type="submit" loading={mutation.isPending}>
            {t('ui.staff.create')}
          </Button>
        </div>
      </Stack>
    </form>
  );
}

/** Whether the account's logins are paused from some address, and the button that lifts it. */
function LoginStatus({ user, throttle }: { user: StaffUser; throttle: StaffThrottle | undefined }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const unlock = useMutation({
    mutationFn: () => unlockStaff(user.id),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: staffThrottlesQuery.queryKey });
      showSaved(t, t('ui.staff.unlocked'));
    },
    onError: (error) => showApiError(error, t),
  });
  if (!throttle) return <Text size="sm">{t('ui.staff.notBlocked')}</Text>;
  return (
    <Group gap="xs" wrap="nowrap">
      <Badge color="red.9" variant="filled" autoContrast>
        {t('ui.staff.blocked')}
      </Badge>
      <Text size="xs">{t('ui.staff.blockedDetail', { addresses: throttle.addresses.join(', '), until: formatDateTime(throttle.blockedUntil, currentLanguage()) })}</Text>
      <Button size="xs" variant="outline" color="red.9" loading={unlock.isPending} onClick={() => unlock.mutate()} aria-label={`${t('ui.staff.unlock')}: ${user.displayName}`}>
        {t('ui.staff.unlock')}
      </Button>
    </Group>
  );
}

function StaffRow({ user, isMe, throttle }: { user: StaffUser; isMe: boolean; throttle: StaffThrottle | undefined }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: (input: UpdateStaffInput) => updateStaff(user.id, input),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: staffListQuery.queryKey });
      showSaved(t);
    },
    onError: (error) => showApiError(error, t),
  });
  return (
    <Table.Tr>
      <Table.Td>{user.displayName}</Table.Td>
      <Table.Td>{user.email}</Table.Td>
      <Table.Td>
        <Select
          aria-label={`${t('fields.role')}: ${user.displayName}`}
          data={RoleCode.options.map((r) => ({ value: r, label: t(`ui.roles.${r}`) }))}
          value={user.role}
          allowDeselect={false}
          disabled={isMe || mutation.isPending}
          onChange={(role) => role && mutation.mutate({ role: RoleCode.parse(role) })}
          w={180}
        />
      </Table.Td>
      <Table.Td>{user.language === 'ja' ? '日本語' : 'English'}</Table.Td>
      <Table.Td>
        <Badge color={user.isActive ? 'teal.9' : 'gray.7'} variant="filled" autoContrast>
          {user.isActive ? t('ui.common.active') : t('ui.common.inactive')}
        </Badge>
      </Table.Td>
      <Table.Td>
        <LoginStatus user={user} throttle={throttle} />
      </Table.Td>
      <Table.Td>
        {!isMe && (
          <Button size="xs" variant="outline" disabled={mutation.isPending} onClick={() => mutation.mutate({ isActive: !user.isActive })}>
            {user.isActive ? t('ui.common.deactivate') : t('ui.common.activate')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function StaffPage() {
  const { t } = useTranslation();
  const me = useMe();
  const staff = useQuery(staffListQuery);
  const throttles = useQuery(staffThrottlesQuery);
  const throttleOf = new Map((throttles.data?.items ?? []).map((x) => [x.staffUserId, x]));
  return (
    <Stack>
      <PageTitle text={t('ui.staff.title')} />
      <QueryStatus query={staff} />
      {staff.data && (
        <Table.ScrollContainer minWidth={1000}>
          <Table striped aria-label={t('ui.staff.title')}>
            <TableHeader labels={[t('fields.displayName'), t('fields.email'), t('fields.role'), t('fields.language'), t('fields.isActive'), t('ui.staff.login'), t('ui.queue.actions')]} />
            <Table.Tbody>
              {staff.data.items.map((user) => (
                <StaffRow key={user.id} user={user} isMe={user.id === me.id} throttle={throttleOf.get(user.id)} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Paper withBorder p="md">
        <Title order={2} size="h3" mb="md">
          {t('ui.staff.createTitle')}
        </Title>
        <CreateStaffForm />
      </Paper>
    </Stack>
  );
}
