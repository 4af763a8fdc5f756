import { Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../../web/components/FormActions';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { showApiError, showSaved, zodValidate } from '../../../web/forms';
import { currentLanguage } from '../../../web/i18n';
import { BedUse, CreateBedInput, CreateFacilityInput, CreateRoomInput, type FacilityTree } from '../contract';
import { facilityName } from './labels';
import { createBed, createFacility, createRoom, facilitiesQuery, refreshShelter, updateBed, updateRoom } from './shelter.queries';

function useSaved() {
  const { t } = useTranslation();
  const client = useQueryClient();
  return async () => {
    showSaved(t, t('ui.shelter.facilities.added'));
    await refreshShelter(client);
  };
}

function FacilityForm() {
  const { t } = useTranslation();
  const saved = useSaved();
  const form = useForm({
    mode: 'controlled',
    initialValues: { nameJa: '', nameEn: '' },
    validate: zodValidate(CreateFacilityInput, (v: { nameJa: string; nameEn: string }) => v, t),
  });
  const mutation = useMutation({
    mutationFn: (v: { nameJa: string; nameEn: string }) => createFacility(CreateFacilityInput.parse(v)),
    onSuccess: async () => {
      form.reset();
      await saved();
    },
    onError: (e) => showApiError(e, t, form.setErrors),
  });
  return (
    <form noValidate aria-label={t('ui.shelter.facilities.addFacility')} onSubmit={form.onSubmit((v) => mutation.mutate(v))}>
      <Stack gap="xs">
        <Title order={3} size="h5">{t('ui.shelter.facilities.addFacility')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('ui.shelter.facilities.nameJa')} withAsterisk {...form.getInputProps('nameJa')} />
          <TextInput label={t('ui.shelter.facilities.nameEn')} withAsterisk {...form.getInputProps('nameEn')} />
        </SimpleGrid>
        <FormActions submitLabel={t('ui.shelter.facilities.add')} loading={mutation.isPending} />
      </Stack>
    </form>
  );
}

function RoomForm({ facilities }: { facilities: FacilityTree[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const saved = useSaved();
  type Values = { facilityId: string | null; name: string; allowedUse: string | null };
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { facilityId: facilities[0]?.id ?? null, name: '', allowedUse: null },
    validate: zodValidate(CreateRoomInput, (v: Values) => v, t),
  });
  const mutation = useMutation({
    mutationFn: (v: Values) => createRoom(CreateRoomInput.parse(v)),
    onSuccess: async () => {
      form.setFieldValue('name', '');
      await saved();
    },
    onError: (e) => showApiError(e, t, form.setErrors),
  });
  return (
    <form noValidate aria-label={t('ui.shelter.facilities.addRoom')} onSubmit={form.onSubmit((v) => mutation.mutate(v))}>
      <Stack gap="xs">
        <Title order={3} size="h5">{t('ui.shelter.facilities.addRoom')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('ui.shelter.facilities.facility')}
            data={facilities.filter((f) => f.isActive).map((f) => ({ value: f.id, label: facilityName(f, language) }))}
            withAsterisk
            {...form.getInputProps('facilityId')}
          />
          <TextInput label={t('ui.shelter.facilities.roomName')} withAsterisk {...form.getInputProps('name')} />
          <Select
            label={t('ui.shelter.facilities.allowedUse')}
            data={BedUse.options.map((u) => ({ value: u, label: t(`ui.shelter.uses.${u}`) }))}
            withAsterisk
            {...form.getInputProps('allowedUse')}
          />
        </SimpleGrid>
        <FormActions submitLabel={t('ui.shelter.facilities.add')} loading={mutation.isPending} />
      </Stack>
    </form>
  );
}

function BedForm({ facilities }: { facilities: FacilityTree[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const saved = useSaved();
  type Values = { roomId: string | null; label: string };
  const rooms = facilities.filter((f) => f.isActive).flatMap((f) => f.rooms.filter((r) => r.isActive).map((r) => ({ value: r.id, label: `${facilityName(f, language)} · ${r.name}` })));
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { roomId: rooms[0]?.value ?? null, label: '' },
    validate: zodValidate(CreateBedInput, (v: Values) => v, t),
  });
  const mutation = useMutation({
    mutationFn: (v: Values) => createBed(CreateBedInput.parse(v)),
    onSuccess: async () => {
      form.setFieldValue('label', '');
      await saved();
    },
    onError: (e) => showApiError(e, t, form.setErrors),
  });
  return (
    <form noValidate aria-label={t('ui.shelter.facilities.addBed')} onSubmit={form.onSubmit((v) => mutation.mutate(v))}>
      <Stack gap="xs">
        <Title order={3} size="h5">{t('ui.shelter.facilities.addBed')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select label={t('ui.shelter.facilities.room')} data={rooms} withAsterisk {...form.getInputProps('roomId')} />
          <TextInput label={t('ui.shelter.facilities.label')} withAsterisk {...form.getInputProps('label')} />
        </SimpleGrid>
        <FormActions submitLabel={t('ui.shelter.facilities.add')} loading={mutation.isPending} />
      </Stack>
    </form>
  );
}

/** Facilities management (shelter.manage): the tree of facilities, rooms and beds, and forms to add and retire. */
export function FacilitiesAdmin() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const client = useQueryClient();
  const facilities = useQuery(facilitiesQuery());
  const toggle = useMutation({
    mutationFn: async (target: { kind: 'room' | 'bed'; id: string; isActive: boolean }): Promise<void> => {
      if (target.kind === 'room') await updateRoom(target.id, { isActive: target.isActive });
      else await updateBed(target.id, { isActive: target.isActive });
    },
    onSuccess: async () => {
      showSaved(t);
      await refreshShelter(client);
    },
    onError: (e) => showApiError(e, t),
  });
  if (!facilities.data) return <QueryStatus query={facilities} />;
  const items = facilities.data.items;

  const toggleButton = (kind: 'room' | 'bed', id: string, isActive: boolean, name: string) => (
    <Button size="compact-xs" variant="subtle" color={isActive ? 'red' : 'teal'} onClick={() => toggle.mutate({ kind, id, isActive: !isActive })} aria-label={`${isActive ? t('ui.shelter.facilities.retire') : t('ui.shelter.facilities.reactivate')}: ${name}`}>
      {isActive ? t('ui.shelter.facilities.retire') : t('ui.shelter.facilities.reactivate')}
    </Button>
  );

  return (
    <Stack>
      <Title order={2} size="h3">{t('ui.shelter.facilities.heading')}</Title>
      {items.length === 0 && <Text c="dimmed">{t('ui.shelter.facilities.empty')}</Text>}
      {items.map((f) => (
        <Paper key={f.id} withBorder p="md">
          <Group gap="xs">
            <Title order={3} size="h4">{facilityName(f, language)}</Title>
            {!f.isActive && <Badge color="gray">{t('ui.shelter.facilities.retired')}</Badge>}
          </Group>
          {f.note && <Text size="sm" c="dimmed">{f.note}</Text>}
          <Stack gap={6} mt="xs">
            {f.rooms.map((r) => (
              <Stack key={r.id} gap={2}>
                <Group gap="xs">
                  <Text fw={600}>{t('ui.shelter.board.roomOf', { room: r.name, use: t(`ui.shelter.uses.${r.allowedUse}`) })}</Text>
                  {!r.isActive && <Badge color="gray">{t('ui.shelter.facilities.retired')}</Badge>}
                  {toggleButton('room', r.id, r.isActive, r.name)}
                </Group>
                <Group gap="xs" pl="md">
                  {r.beds.length === 0 && <Text size="sm" c="dimmed">{t('ui.shelter.facilities.noBeds')}</Text>}
                  {r.beds.map((b) => (
                    <Group key={b.id} gap={2}>
                      <Badge variant={b.isActive ? 'outline' : 'light'} color={b.isActive ? 'blue' : 'gray'}>{b.label}</Badge>
                      {toggleButton('bed', b.id, b.isActive, `${r.name} ${b.label}`)}
                    </Group>
                  ))}
                </Group>
              </Stack>
            ))}
          </Stack>
        </Paper>
      ))}
      <Paper withBorder p="md">
        <Stack>
          <FacilityForm />
          {items.length > 0 && <RoomForm key={`rooms-${items.length}`} facilities={items} />}
          {items.some((f) => f.rooms.length > 0) && <BedForm key={`beds-${items.flatMap((f) => f.rooms).length}`} facilities={items} />}
        </Stack>
      </Paper>
    </Stack>
  );
}
