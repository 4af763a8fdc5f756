import { Badge, Button, Group, Modal, NumberInput, Paper, Radio, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tokyoDate } from '../../../shared/time';
import { useCan } from '../../../web/auth';
import { FormActions } from '../../../web/components/FormActions';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { TableHeader } from '../../../web/components/TableHeader';
import { showApiError, showSaved, zodValidate } from '../../../web/forms';
import { formatDate } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import { CreateCommitmentInput, Yen, type Commitment, type GiftMethod, type Supporter } from '../contract';
import { fieldMessage, numberOrUndefined } from './fundraising.forms';
import { commitmentStatusColor, commitmentStatusLabel, methodLabel, yen } from './fundraising.labels';
import { useCampaignOptions, useFundOptions, useMethodOptions } from './fundraising.options';
import { commitmentsKey, createCommitment, giftsKey, supporterCommitmentsQuery, updateCommitment, type UpdateCommitmentBody } from './fundraising.queries';

/** 毎月15日 / 毎年3月15日. */
export function commitmentSchedule(t: TFunction, c: Pick<Commitment, 'frequency' | 'dayOfMonth' | 'monthOfYear'>): string {
  return c.frequency === 'yearly'
    ? t('ui.fundraising.commitments.yearlyOn', { month: c.monthOfYear ?? '—', day: c.dayOfMonth })
    : t('ui.fundraising.commitments.monthlyOn', { day: c.dayOfMonth });
}

type Action = { kind: 'amount' | 'pause' | 'cancel'; commitment: Commitment };

interface ActionValues {
  amountYen: number | string;
  reason: string;
  effectiveOn: string;
}

/** Change the amount (an upgrade or a downgrade), or pause / cancel with a reason; each is kept in the history. */
function CommitmentActionDialog({ action, onClose }: { action: Action | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const today = tokyoDate();
  const form = useForm<ActionValues>({
    mode: 'controlled',
    initialValues: { amountYen: '', reason: '', effectiveOn: today },
    validate: (v) => {
      const errors: Record<string, string> = {};
      if (action?.kind === 'amount') {
        const message = fieldMessage(Yen, numberOrUndefined(v.amountYen), t);
        if (message) errors.amountYen = message;
      } else if (v.reason.trim() === '') {
        errors.reason = t('validation.required');
      }
      return errors;
    },
  });
  const close = () => {
    form.reset();
    onClose();
  };
  const mutation = useMutation({
    mutationFn: (v: ActionValues) => {
      const c = action?.commitment;
      if (!c || !action) throw new Error('no commitment');
      const body: UpdateCommitmentBody = action.kind === 'amount'
        ? { version: c.version, amountYen: Number(v.amountYen), effectiveOn: v.effectiveOn || undefined }
        : { version: c.version, status: action.kind === 'pause' ? 'paused' : 'cancelled', reason: v.reason.trim(), effectiveOn: v.effectiveOn || undefined };
      return updateCommitment(c.id, body);
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: commitmentsKey });
      showSaved(t);
      close();
    },
    onError: (error) => showApiError(error, t, form.setErrors),
  });
  const title = action
    ? action.kind === 'amount' ? t('ui.fundraising.commitments.changeAmount') : action.kind === 'pause' ? t('ui.fundraising.commitments.pause') : t('ui.fundraising.commitments.cancel')
    : '';
  return (
    <Modal opened={action !== null} onClose={close} title={title} closeButtonProps={{ 'aria-label': t('ui.common.close') }}>
      {action && (
        <form noValidate onSubmit={form.onSubmit((v) => mutation.mutate(v))}>
          <Stack>
            <Text size="sm">
              {t('ui.fundraising.commitments.current', { amount: yen(action.commitment.amountYen), schedule: commitmentSchedule(t, action.commitment) })}
            </Text>
            {action.kind === 'amount' ? (
              <NumberInput label={t('ui.fundraising.commitments.newAmount')} min={1} allowDecimal={false} allowNegative={false} thousandSeparator="," prefix="¥" {...form.getInputProps('amountYen')} />
            ) : (
              <Textarea label={t('fields.fundraising.reason')} autosize minRows={2} {...form.getInputProps('reason')} />
            )}
            {action.kind === 'cancel' && <Text size="sm">{t('ui.fundraising.commitments.cancelWarning')}</Text>}
            <TextInput type="date" label={t('ui.fundraising.commitments.effectiveOn')} {...form.getInputProps('effectiveOn')} />
            <FormActions
              submitLabel={action.kind === 'cancel' ? t('ui.fundraising.commitments.confirmCancel') : t('ui.common.save')}
              loading={mutation.isPending}
              onCancel={close}
            />
          </Stack>
        </form>
      )}
    </Modal>
  );
}

interface NewValues {
  frequency: 'monthly' | 'yearly';
  amountYen: number | string;
  dayOfMonth: number | string;
  monthOfYear: number | string;
  method: GiftMethod;
  fundId: string | null;
  campaignId: string | null;
  startsOn: string;
}

/** Start monthly or yearly giving for this supporter. */
function NewCommitmentDialog({ supporterId, opened, onClose }: { supporterId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const funds = useFundOptions();
  const campaigns = useCampaignOptions();
  const methods = useMethodOptions();
  const toInput = (v: NewValues) => ({
    supporterId, frequency: v.frequency, amountYen: numberOrUndefined(v.amountYen), dayOfMonth: numberOrUndefined(v.dayOfMonth),
    monthOfYear: v.frequency === 'yearly' ? numberOrUndefined(v.monthOfYear) ?? null : null, method: v.method, fundId: v.fundId, campaignId: v.campaignId,
    startsOn: v.startsOn,
  });
  const form = useForm<NewValues>({
    mode: 'controlled',
    initialValues: { frequency: 'monthly', amountYen: '', dayOfMonth: 27, monthOfYear: '', method: 'direct_debit', fundId: null, campaignId: null, startsOn: tokyoDate() },
    validate: (v) => {
      const errors = zodValidate(CreateCommitmentInput, toInput, t)(v);
      if (v.frequency === 'yearly' && v.monthOfYear === '') errors.monthOfYear ??= t('validation.required');
      return errors;
    },
  });
  const close = () => {
    form.reset();
    onClose();
  };
  const mutation = useMutation({
    mutationFn: (v: NewValues) => createCommitment(CreateCommitmentInput.parse(toInput(v))),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: commitmentsKey });
      showSaved(t);
      close();
    },
    onError: (error) => showApiError(error, t, form.setErrors),
  });
  return (
    <Modal opened={opened} onClose={close} size="lg" title={t('ui.fundraising.commitments.new')} closeButtonProps={{ 'aria-label': t('ui.common.close') }}>
      <form noValidate onSubmit={form.onSubmit((v) => mutation.mutate(v))}>
        <Stack>
          <Radio.Group label={t('ui.fundraising.commitments.frequency')} {...form.getInputProps('frequency')}>
            <Group mt={6}>
              <Radio value="monthly" label={t('ui.fundraising.commitments.monthly')} />
              <Radio value="yearly" label={t('ui.fundraising.commitments.yearly')} />
            </Group>
          </Radio.Group>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput label={t('fields.fundraising.amountYen')} min={1} allowDecimal={false} allowNegative={false} thousandSeparator="," prefix="¥" {...form.getInputProps('amountYen')} />
            <NumberInput label={t('fields.fundraising.dayOfMonth')} min={1} max={31} allowDecimal={false} allowNegative={false} {...form.getInputProps('dayOfMonth')} />
            {form.getValues().frequency === 'yearly' && (
              <NumberInput label={t('fields.fundraising.monthOfYear')} min={1} max={12} allowDecimal={false} allowNegative={false} {...form.getInputProps('monthOfYear')} />
            )}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t('fields.fundraising.method')} data={methods} allowDeselect={false} {...form.getInputProps('method')} />
            <TextInput type="date" label={t('fields.fundraising.startsOn')} {...form.getInputProps('startsOn')} />
            <Select label={t('fields.fundraising.fundId')} data={funds} clearable placeholder={t('ui.fundraising.gifts.defaultFund')} {...form.getInputProps('fundId')} />
            <Select label={t('fields.fundraising.campaignId')} data={campaigns} clearable searchable nothingFoundMessage={t('ui.fundraising.search.noResults')} {...form.getInputProps('campaignId')} />
          </SimpleGrid>
          <FormActions submitLabel={t('ui.fundraising.commitments.start')} loading={mutation.isPending} onCancel={close} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Monthly and yearly giving: amount, day, method and status, with the changes a supporter asks for. */
export function SupporterCommitments({ supporter }: { supporter: Supporter }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const client = useQueryClient();
  const canWrite = useCan('fundraising.write') && supporter.mergedIntoId === null;
  const commitments = useQuery(supporterCommitmentsQuery(supporter.id));
  const [action, setAction] = useState<Action | null>(null);
  const [adding, setAdding] = useState(false);
  const resume = useMutation({
    mutationFn: (c: Commitment) => updateCommitment(c.id, { version: c.version, status: 'active' }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: commitmentsKey });
      void client.invalidateQueries({ queryKey: giftsKey });
      showSaved(t);
    },
    onError: (error) => showApiError(error, t),
  });
  const list = commitments.data?.commitments ?? [];
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h3">
            {t('ui.fundraising.commitments.title')}
          </Title>
          {canWrite && (
            <Button variant="default" size="sm" onClick={() => setAdding(true)}>
              {t('ui.fundraising.commitments.new')}
            </Button>
          )}
        </Group>
        <QueryStatus query={commitments} />
        {commitments.data && list.length === 0 && <Text c="dimmed">{t('ui.fundraising.commitments.none')}</Text>}
        {list.length > 0 && (
          <Table.ScrollContainer minWidth={760}>
            <Table striped aria-label={t('ui.fundraising.commitments.title')}>
              <TableHeader
                labels={[t('ui.fundraising.gifts.amount'), t('ui.fundraising.commitments.schedule'), t('fields.fundraising.method'), t('ui.fundraising.gifts.status'), t('ui.fundraising.gifts.actions')]}
              />
              <Table.Tbody>
                {list.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{yen(c.amountYen)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{commitmentSchedule(t, c)}</Text>
                      <Text size="xs" c="dimmed">
                        {c.endsOn
                          ? t('ui.fundraising.commitments.period', { from: formatDate(c.startsOn, language), to: formatDate(c.endsOn, language) })
                          : t('ui.fundraising.commitments.since', { from: formatDate(c.startsOn, language) })}
                      </Text>
                    </Table.Td>
                    <Table.Td>{methodLabel(t, c.method)}</Table.Td>
                    <Table.Td>
                      <Badge color={commitmentStatusColor(c.status)} variant="filled" autoContrast>
                        {commitmentStatusLabel(t, c.status)}
                      </Badge>
                      {c.statusReason !== '' && c.status !== 'active' && (
                        <Text size="xs">{t('ui.fundraising.gifts.reason', { reason: c.statusReason })}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {canWrite && c.status !== 'cancelled' && (
                        <Group gap={4}>
                          <Button size="xs" variant="default" onClick={() => setAction({ kind: 'amount', commitment: c })}>
                            {t('ui.fundraising.commitments.changeAmount')}
                          </Button>
                          {c.status === 'active' && (
                            <Button size="xs" variant="default" onClick={() => setAction({ kind: 'pause', commitment: c })}>
                              {t('ui.fundraising.commitments.pause')}
                            </Button>
                          )}
                          {(c.status === 'paused' || c.status === 'failing') && (
                            <Button size="xs" variant="default" loading={resume.isPending && resume.variables.id === c.id} onClick={() => resume.mutate(c)}>
                              {t('ui.fundraising.commitments.resume')}
                            </Button>
                          )}
                          <Button size="xs" variant="default" color="red" onClick={() => setAction({ kind: 'cancel', commitment: c })}>
                            {t('ui.fundraising.commitments.cancel')}
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <CommitmentActionDialog key={action ? `${action.kind}-${action.commitment.id}` : 'none'} action={action} onClose={() => setAction(null)} />
      <NewCommitmentDialog supporterId={supporter.id} opened={adding} onClose={() => setAdding(false)} />
    </Paper>
  );
}
