import { Alert, Badge, Group, List, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { tokyoDate } from '../../../shared/time';
import { useCan } from '../../../web/auth';
import { FormActions } from '../../../web/components/FormActions';
import { PageTitle } from '../../../web/components/PageTitle';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { TableHeader } from '../../../web/components/TableHeader';
import { formatDate, primaryName, localName } from '../../../web/format';
import { showApiError, showSaved, zodValidate } from '../../../web/forms';
import { currentLanguage } from '../../../web/i18n';
import { RecordMovementInput, type StockItem, type StockLocation, type StockMovement } from '../contract';
import { movementsQuery, recordMovement, stockKey, stockLocationsQuery, stockQuery } from './inventory.queries';

type Lang = 'ja' | 'en';
const locationName = (x: { locationNameJa: string; locationNameEn: string }, language: Lang) => (language === 'ja' ? x.locationNameJa : x.locationNameEn);

/** The red warning list: items at or below their threshold. */
function LowStockList({ items }: { items: StockItem[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const low = items.filter((i) => i.isLow);
  if (low.length === 0) return <Text c="dimmed">{t('ui.inventory.lowNone')}</Text>;
  return (
    <Alert color="red" variant="filled" title={t('ui.inventory.lowTitle')} role="alert">
      <List>
        {low.map((i) => (
          <List.Item key={i.itemCode}>{t('ui.inventory.lowItem', { name: localName(i, language), total: i.total, threshold: i.lowStockThreshold })}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

function ItemStock({ item }: { item: StockItem }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const name = localName(item, language);
  const unit = t(`ui.assistance.unit.${item.unit}`);
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">{name}</Title>
        <Group gap="xs">
          <Text fw={700}>{t('ui.inventory.total')}: {item.total} {unit}</Text>
          <Text c="dimmed">{t('ui.inventory.threshold')}: {item.lowStockThreshold ?? '—'}</Text>
          {item.isLow && <Badge color="red.8" variant="filled">{t('ui.inventory.low')}</Badge>}
        </Group>
      </Group>
      {item.levels.length === 0 ? (
        <Text c="dimmed">{t('ui.inventory.noStock')}</Text>
      ) : (
        <Table aria-label={t('ui.inventory.tableLabel', { name })}>
          <TableHeader labels={[t('ui.inventory.location'), ...(item.sizes.length > 0 ? [t('ui.inventory.size')] : []), t('ui.inventory.quantity')]} />
          <Table.Tbody>
            {item.levels.map((l) => (
              <Table.Tr key={`${l.locationId}:${l.size}`}>
                <Table.Td>{locationName(l, language)}</Table.Td>
                {item.sizes.length > 0 && <Table.Td>{l.size}</Table.Td>}
                <Table.Td>{l.quantity}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

interface Values {
  itemCode: string | null;
  kind: 'received' | 'adjusted' | 'transferred';
  quantity: number | string;
  size: string | null;
  locationId: string | null;
  toLocationId: string | null;
  source: 'purchase' | 'donation';
  donorName: string;
  reason: string;
  note: string;
  occurredOn: string;
}

/** Record goods received (bought or donated), a count adjustment with its reason, or a transfer. */
function MovementForm({ items, locations }: { items: StockItem[]; locations: StockLocation[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const client = useQueryClient();
  const toInput = (v: Values) => ({
    itemCode: v.itemCode ?? '',
    kind: v.kind,
    quantity: v.quantity === '' ? undefined : Number(v.quantity),
    size: v.size || null,
    locationId: v.locationId || null,
    toLocationId: v.kind === 'transferred' ? v.toLocationId || null : null,
    source: v.kind === 'received' ? v.source : null,
    donorName: v.kind === 'received' && v.source === 'donation' ? v.donorName || null : null,
    reason: v.kind === 'adjusted' ? v.reason || null : null,
    note: v.note,
    occurredOn: v.occurredOn || undefined,
  });
  const initialValues: Values = {
    itemCode: null, kind: 'received', quantity: 1, size: null, locationId: null, toLocationId: null, source: 'purchase', donorName: '', reason: '', note: '', occurredOn: tokyoDate(),
  };
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues,
    validate: (values) => {
      // An unchosen item is sent as '' and the contract reports it as required.
      const errors = zodValidate(RecordMovementInput, toInput, t)(values);
      if (values.kind === 'adjusted' && !values.reason.trim()) errors.reason = t('errors.stock.reason_required');
      if (values.kind === 'transferred' && !values.toLocationId) errors.toLocationId = t('errors.stock.to_location_required');
      return errors;
    },
  });
  const item = items.find((i) => i.itemCode === form.values.itemCode);
  const active = locations.filter((l) => l.isActive);
  const locationData = active.map((l) => ({ value: l.id, label: localName(l, language) }));
  const mutation = useMutation({
    mutationFn: (v: Values) => recordMovement(RecordMovementInput.parse(toInput(v))),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: stockKey });
      showSaved(t, t('ui.inventory.recorded'));
      form.setValues({ quantity: 1, reason: '', note: '', donorName: '' });
    },
    onError: (error) => showApiError(error, t, form.setErrors),
  });
  const kind = form.values.kind;
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h3" mb="md">{t('ui.inventory.recordTitle')}</Title>
      <form noValidate onSubmit={form.onSubmit((v) => mutation.mutate(v))}>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('ui.inventory.item')}
              data={items.map((i) => ({ value: i.itemCode, label: localName(i, language) }))}
              searchable
              {...form.getInputProps('itemCode')}
            />
            <Select
              label={t('ui.inventory.kindLabel')}
              data={(['received', 'adjusted', 'transferred'] as const).map((k) => ({ value: k, label: t(`ui.inventory.kind.${k}`) }))}
              allowDeselect={false}
              {...form.getInputProps('kind')}
            />
            <NumberInput
              label={t('ui.inventory.quantity')}
              description={kind === 'adjusted' ? t('ui.inventory.adjustHint') : undefined}
              allowDecimal={false}
              allowNegative={kind === 'adjusted'}
              {...form.getInputProps('quantity')}
            />
            {item && item.sizes.length > 0 && (
              <Select label={t('ui.inventory.size')} data={item.sizes} {...form.getInputProps('size')} />
            )}
            <Select
              label={kind === 'transferred' ? t('ui.inventory.fromLocation') : t('ui.inventory.location')}
              placeholder={t('ui.inventory.defaultLocation')}
              data={locationData}
              clearable
              {...form.getInputProps('locationId')}
            />
            {kind === 'transferred' && (
              <Select label={t('ui.inventory.toLocation')} data={locationData} {...form.getInputProps('toLocationId')} />
            )}
            {kind === 'received' && (
              <Select
                label={t('ui.inventory.source')}
                data={(['purchase', 'donation'] as const).map((s) => ({ value: s, label: t(`ui.inventory.sourceKind.${s}`) }))}
                allowDeselect={false}
                {...form.getInputProps('source')}
              />
            )}
            {kind === 'received' && form.values.source === 'donation' && (
              <TextInput label={t('fields.donorName')} {...form.getInputProps('donorName')} />
            )}
            {kind === 'adjusted' && <TextInput label={t('ui.inventory.reason')} withAsterisk {...form.getInputProps('reason')} />}
            <TextInput type="date" label={t('ui.inventory.occurredOn')} {...form.getInputProps('occurredOn')} />
          </SimpleGrid>
          <Textarea label={t('fields.note')} autosize minRows={1} {...form.getInputProps('note')} />
          <FormActions submitLabel={t('ui.inventory.submit')} loading={mutation.isPending} />
        </Stack>
      </form>
    </Paper>
  );
}

function movementDetails(m: StockMovement, t: (key: string, o?: Record<string, unknown>) => string, language: Lang): string {
  const parts: string[] = [];
  if (m.kind === 'given' && m.person) parts.push(t('ui.inventory.givenTo', { name: `${primaryName(m.person)} (${m.person.fileNumber})` }));
  if (m.source) parts.push(t(`ui.inventory.sourceKind.${m.source}`));
  if (m.donorName) parts.push(t('ui.inventory.donatedBy', { name: m.donorName }));
  if (m.toLocationNameEn !== null && m.toLocationNameJa !== null) parts.push(t('ui.inventory.transferTo', { name: language === 'ja' ? m.toLocationNameJa : m.toLocationNameEn }));
  if (m.reason) parts.push(m.reason);
  if (m.note) parts.push(m.note);
  return parts.join(' · ');
}

function MovementList() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const movements = useQuery(movementsQuery());
  const items = movements.data?.items ?? [];
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h3" mb="md">{t('ui.inventory.movementsTitle')}</Title>
      <QueryStatus query={movements} />
      {movements.isSuccess && items.length === 0 && <Text c="dimmed">{t('ui.inventory.movementsEmpty')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={700}>
          <Table striped aria-label={t('ui.inventory.movementsTitle')}>
            <TableHeader labels={[t('ui.inventory.when'), t('ui.inventory.item'), t('ui.inventory.kindLabel'), t('ui.inventory.quantity'), t('ui.inventory.location'), t('ui.inventory.details'), t('ui.inventory.who')]} />
            <Table.Tbody>
              {items.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{formatDate(m.occurredOn, language)}</Table.Td>
                  <Table.Td>{language === 'ja' ? m.itemNameJa : m.itemNameEn}{m.size ? ` (${m.size})` : ''}</Table.Td>
                  <Table.Td>{t(`ui.inventory.kind.${m.kind}`)}</Table.Td>
                  <Table.Td>{m.kind === 'given' ? -m.quantity : m.quantity}</Table.Td>
                  <Table.Td>{locationName(m, language)}</Table.Td>
                  <Table.Td>{movementDetails(m, t, language)}</Table.Td>
                  <Table.Td>{m.recordedByName}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

/** Stock of goods: the low-stock warnings first, then each item per location, a movement form and the history. */
export function StockPage() {
  const { t } = useTranslation();
  const canWrite = useCan('stock.write');
  const stock = useQuery(stockQuery);
  const locations = useQuery(stockLocationsQuery);
  const items = stock.data?.items ?? [];
  return (
    <Stack>
      <PageTitle text={t('ui.inventory.title')} />
      <QueryStatus query={stock} />
      {stock.isSuccess && <LowStockList items={items} />}
      {items.map((item) => <ItemStock key={item.itemCode} item={item} />)}
      {canWrite && stock.isSuccess && <MovementForm items={items} locations={locations.data?.items ?? []} />}
      <MovementList />
    </Stack>
  );
}
