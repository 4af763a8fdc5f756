import { Badge, Button, Checkbox, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { tokyoDate } from '../../../shared/time';
import { useCan } from '../../../web/auth';
import { Detail } from '../../../web/components/Detail';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { TableHeader } from '../../../web/components/TableHeader';
import { showApiError, showSaved, zodValidate } from '../../../web/forms';
import { formatDate, formatYen, localName } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import type { Housing } from '../../people/contract';
import { BedUse, CreatePaidLodgingInput, CreateWaitingEntryInput, LodgingKind, type PersonShelter } from '../contract';
import { budgetLinesQuery } from '../../budgets/web/budgets.queries';
import { facilityName } from './labels';
import { createPaidLodging, createWaitingEntry, personShelterQuery, refreshShelter } from './shelter.queries';

interface WaitingValues {
  needs: string | null;
  withChildren: boolean;
  isPregnant: boolean;
  isIll: boolean;
  isRoughSleeping: boolean;
  note: string;
}

function WaitingForm({ personId, housing }: { personId: string; housing: Housing | null }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const toInput = (v: WaitingValues) => ({ personId, ...v });
  const form = useForm<WaitingValues>({
    mode: 'controlled',
    initialValues: { needs: 'any', withChildren: false, isPregnant: false, isIll: false, isRoughSleeping: housing === 'rough_sleeping', note: '' },
    validate: zodValidate(CreateWaitingEntryInput, toInput, t),
  });
  const mutation = useMutation({
    mutationFn: (v: WaitingValues) => createWaitingEntry(CreateWaitingEntryInput.parse(toInput(v))),
    onSuccess: async () => {
      showSaved(t, t('ui.shelter.person.listed'));
      await refreshShelter(client);
    },
    onError: (e) => showApiError(e, t, form.setErrors),
  });
  const flag = (name: 'withChildren' | 'isPregnant' | 'isIll' | 'isRoughSleeping') => (
    <Checkbox label={t(`fields.${name}`)} {...form.getInputProps(name, { type: 'checkbox' })} />
  );
  return (
    <form noValidate aria-label={t('ui.shelter.person.addWaiting')} onSubmit={form.onSubmit((v) => mutation.mutate(v))}>
      <Stack gap="xs">
        <Title order={3} size="h5">{t('ui.shelter.person.addWaiting')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select label={t('ui.shelter.person.needs')} data={BedUse.options.map((u) => ({ value: u, label: t(`ui.shelter.uses.${u}`) }))} withAsterisk {...form.getInputProps('needs')} />
          <TextInput label={t('ui.shelter.person.note')} maxLength={1000} {...form.getInputProps('note')} />
        </SimpleGrid>
        <Group>
          {flag('withChildren')}
          {flag('isPregnant')}
          {flag('isIll')}
          {flag('isRoughSleeping')}
        </Group>
        <Group>
          <Button type="submit" variant="light" loading={mutation.isPending}>{t('ui.shelter.person.addWaiting')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

interface LodgingValues {
  kind: string | null;
  placeName: string;
  firstNightOn: string;
  nights: number | string;
  costYen: number | string;
  budgetLineId: string | null;
  note: string;
}

function PaidLodgingForm({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const client = useQueryClient();
  const canSeeBudgets = useCan('budgets.read');
  const lines = useQuery({ ...budgetLinesQuery(), enabled: canSeeBudgets });
  const toInput = (v: LodgingValues) => ({
    personId,
    kind: v.kind,
    placeName: v.placeName,
    firstNightOn: v.firstNightOn,
    nights: v.nights === '' ? undefined : Number(v.nights),
    costYen: v.costYen === '' ? undefined : Number(v.costYen),
    ...(v.budgetLineId ? { budgetLineId: v.budgetLineId } : {}),
    note: v.note,
  });
  const form = useForm<LodgingValues>({
    mode: 'controlled',
    initialValues: { kind: 'net_cafe', placeName: '', firstNightOn: tokyoDate(), nights: 1, costYen: '', budgetLineId: null, note: '' },
    validate: zodValidate(CreatePaidLodgingInput, toInput, t),
  });
  const mutation = useMutation({
    mutationFn: (v: LodgingValues) => createPaidLodging(CreatePaidLodgingInput.parse(toInput(v))),
    onSuccess: async () => {
      form.reset();
      showSaved(t, t('ui.shelter.person.recorded'));
      await refreshShelter(client);
    },
    onError: (e) => showApiError(e, t, form.setErrors),
  });
  return (
    <form noValidate aria-label={t('ui.shelter.person.recordPaid')} onSubmit={form.onSubmit((v) => mutation.mutate(v))}>
      <Stack gap="xs">
        <Title order={3} size="h5">{t('ui.shelter.person.recordPaid')}</Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select label={t('ui.shelter.person.kind')} data={LodgingKind.options.map((k) => ({ value: k, label: t(`ui.shelter.kinds.${k}`) }))} withAsterisk {...form.getInputProps('kind')} />
          <TextInput label={t('ui.shelter.person.placeName')} maxLength={200} {...form.getInputProps('placeName')} />
          <TextInput type="date" label={t('ui.shelter.person.firstNightOn')} withAsterisk {...form.getInputProps('firstNightOn')} />
          <NumberInput label={t('ui.shelter.person.nights')} min={1} max={366} allowDecimal={false} withAsterisk {...form.getInputProps('nights')} />
          <NumberInput label={t('ui.shelter.person.costYen')} min={0} allowDecimal={false} thousandSeparator="," withAsterisk {...form.getInputProps('costYen')} />
          {canSeeBudgets && lines.data && (
            <Select
              label={t('ui.shelter.person.budgetLine')}
              data={lines.data.items.map((l) => ({ value: l.id, label: localName(l, language) }))}
              clearable
              {...form.getInputProps('budgetLineId')}
            />
          )}
        </SimpleGrid>
        <TextInput label={t('ui.shelter.person.note')} maxLength={1000} {...form.getInputProps('note')} />
        <Group>
          <Button type="submit" variant="light" loading={mutation.isPending}>{t('ui.shelter.person.recordPaid')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

function Summary({ data }: { data: PersonShelter }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const s = data.currentStay;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <Detail label={t('ui.shelter.person.current')}>
        {s ? (
          <Group gap={4}>
            <Text>
              {t('ui.shelter.person.inBed', {
                facility: facilityName(s, language), room: s.roomName, bed: s.bedLabel,
                since: formatDate(s.checkInOn, language), until: formatDate(s.expectedCheckOutOn, language),
              })}
            </Text>
            {s.isOverdue && <Badge color="red">{t('ui.shelter.board.overdue')}</Badge>}
          </Group>
        ) : (
          t('ui.shelter.person.notHoused')
        )}
      </Detail>
      <Detail label={t('ui.shelter.person.nightsProvided')}>
        {t('ui.shelter.person.nightsDetail', { total: data.nights.total, shelter: data.nights.shelter, paid: data.nights.paid })}
      </Detail>
      {data.waitingEntry && (
        <Detail label={t('ui.shelter.tabs.waiting')}>
          <Stack gap={4}>
            <Text>{t('ui.shelter.person.waiting', { date: formatDate(data.waitingEntry.listedOn, language), days: data.waitingEntry.daysWaiting })}</Text>
            <Group gap={4}>
              {data.waitingEntry.priorityReasons.map((r) => (
                <Badge key={r} variant="light" color="grape">{t(`ui.shelter.reasons.${r}`)}</Badge>
              ))}
            </Group>
          </Stack>
        </Detail>
      )}
    </SimpleGrid>
  );
}

/** "シェルター・宿泊 / Shelter and lodging" on the person page. */
export function PersonShelterSection({ personId, housing = null }: { personId: string; housing?: Housing | null }) {
  const canRead = useCan('shelter.read');
  if (!canRead) return null;
  return <PersonShelterPanel personId={personId} housing={housing} />;
}

function PersonShelterPanel({ personId, housing }: { personId: string; housing: Housing | null }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const canWrite = useCan('shelter.write');
  const shelter = useQuery(personShelterQuery(personId));
  const titleId = `shelter-${personId}`;
  const data = shelter.data;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack>
        <Title order={2} size="h3" id={titleId}>{t('ui.shelter.person.title')}</Title>
        <QueryStatus query={shelter} />
        {data && (
          <>
            <Summary data={data} />
            <Title order={3} size="h5">{t('ui.shelter.person.stays')}</Title>
            {data.stays.length === 0 ? (
              <Text c="dimmed">{t('ui.shelter.person.noStays')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={560}>
                <Table striped aria-label={t('ui.shelter.person.stays')}>
                  <TableHeader labels={[t('ui.shelter.person.where'), t('ui.shelter.person.from'), t('ui.shelter.person.until'), t('ui.shelter.person.nightsProvided')]} />
                  <Table.Tbody>
                    {data.stays.map((s) => (
                      <Table.Tr key={s.id}>
                        <Table.Td>{`${facilityName(s, language)} · ${s.roomName} · ${s.bedLabel}`}</Table.Td>
                        <Table.Td>{formatDate(s.checkInOn, language)}</Table.Td>
                        <Table.Td>
                          {s.checkedOutOn ? formatDate(s.checkedOutOn, language) : `${formatDate(s.expectedCheckOutOn, language)} (${t('ui.shelter.person.open')})`}
                        </Table.Td>
                        <Table.Td>{s.nightsProvided}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            <Title order={3} size="h5">{t('ui.shelter.person.paid')}</Title>
            {data.paidLodging.length === 0 ? (
              <Text c="dimmed">{t('ui.shelter.person.noPaid')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={560}>
                <Table striped aria-label={t('ui.shelter.person.paid')}>
                  <TableHeader labels={[t('ui.shelter.person.kind'), t('ui.shelter.person.placeName'), t('ui.shelter.person.firstNightOn'), t('ui.shelter.person.nights'), t('ui.shelter.person.cost')]} />
                  <Table.Tbody>
                    {data.paidLodging.map((l) => (
                      <Table.Tr key={l.id}>
                        <Table.Td>{t(`ui.shelter.kinds.${l.kind}`)}</Table.Td>
                        <Table.Td>{l.placeName}</Table.Td>
                        <Table.Td>{formatDate(l.firstNightOn, language)}</Table.Td>
                        <Table.Td>{l.nights}</Table.Td>
                        <Table.Td>{formatYen(l.costYen, language)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {canWrite && !data.waitingEntry && !data.currentStay && <WaitingForm personId={personId} housing={housing} />}
            {canWrite && <PaidLodgingForm personId={personId} />}
          </>
        )}
      </Stack>
    </Paper>
  );
}
