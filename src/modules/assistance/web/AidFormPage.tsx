import { Alert, NumberInput, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { useRecordOnTimeline } from '../../timeline/web/useRecordOnTimeline';
import { tokyoDate } from '../../../shared/time';
import { PageTitle } from '../../../web/components/PageTitle';
import { PersonContext } from '../../people/web/PersonContext';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { zodValidate } from '../../../web/forms';
import { currentLanguage } from '../../../web/i18n';
import { ApiError } from '../../../web/api';
import { formatDate, localName } from '../../../web/format';
import { CreateAssistanceInput, type AidItem } from '../contract';
import { useCan } from '../../../web/auth';
import { budgetLinesQuery } from '../../budgets/web/budgets.queries';
import { assistanceCheckQuery, catalogueQuery, giveAid } from './assistance.queries';
import { FormActions } from '../../../web/components/FormActions';

interface Values {
  itemCode: string | null;
  quantity: number | string;
  amountYen: number | string;
  givenOn: string;
  note: string;
  size: string | null;
  overrideReason: string;
  budgetLineId: string | null;
}

/** Server refusals that the form explains in place (a race for the last item, a limit reached since). */
const refusalCodes = new Set(['stock.insufficient', 'assistance.limit_reached']);

export function AidFormPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { id: personId = '' } = useParams();
  const [params] = useSearchParams();
  const visitId = params.get('visitId');
  const catalogue = useQuery(catalogueQuery);
  const active = (catalogue.data?.items ?? []).filter((i) => i.isActive).sort((a, b) => a.sortOrder - b.sortOrder);
  const itemByCode = (code: string | null): AidItem | undefined => active.find((i) => i.code === code);

  const toInput = (v: Values) => ({
    personId,
    visitId,
    itemCode: v.itemCode ?? '',
    quantity: v.quantity === '' ? undefined : Number(v.quantity),
    amountYen: v.amountYen === '' ? null : Number(v.amountYen),
    givenOn: v.givenOn || undefined,
    note: v.note,
    size: v.size || null,
    overrideReason: v.overrideReason.trim() || null,
    budgetLineId: itemByCode(v.itemCode)?.isMoney ? v.budgetLineId || null : null,
  });
  const [refusal, setRefusal] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { itemCode: null, quantity: 1, amountYen: '', givenOn: tokyoDate(), note: '', size: null, overrideReason: '', budgetLineId: null },
    validate: (values) => {
      const errors = zodValidate(CreateAssistanceInput, toInput, t)(values);
      const item = itemByCode(values.itemCode);
      if (!values.itemCode) errors.itemCode = t('validation.required');
      if (item?.isMoney && values.amountYen === '') errors.amountYen = t('errors.aid_item.amount_required');
      if (item && item.sizes.length > 0 && !values.size) errors.size = t('errors.aid_item.size_required');
      if (outOfStock) errors.itemCode = t('ui.assistance.outOfStock');
      else if (notEnough) errors.quantity = t('errors.stock.insufficient', { available: check.data?.available ?? 0 });
      if (limitReached && !values.overrideReason.trim()) errors.overrideReason = t('ui.assistance.overrideRequired');
      return errors;
    },
    onValuesChange: (values, previous) => {
      if (values.itemCode !== previous.itemCode || values.size !== previous.size || values.quantity !== previous.quantity) setRefusal(null);
      if (values.itemCode !== previous.itemCode && values.size !== null) form.setFieldValue('size', null);
    },
  });
  const selected = itemByCode(form.values.itemCode);
  const hasSizes = (selected?.sizes.length ?? 0) > 0;
  const check = useQuery(assistanceCheckQuery(personId, selected?.code ?? null, hasSizes ? form.values.size : null));
  const available = check.data?.isStockTracked ? check.data.available : null;
  const outOfStock = available !== null && available <= 0;
  const notEnough = available !== null && !outOfStock && Number(form.values.quantity) > available;
  const limit = check.data?.limit ?? null;
  const limitReached = limit?.isReached ?? false;
  const canSeeBudgets = useCan('budgets.read');
  const budgetLines = useQuery({ ...budgetLinesQuery(), enabled: canSeeBudgets && !!selected?.isMoney });

  const mutation = useRecordOnTimeline(
    personId,
    async (values: Values) => {
      try {
        return await giveAid(CreateAssistanceInput.parse(toInput(values)));
      } catch (error) {
        // Someone else took the last one (or gave one) since the check: say so here and check again.
        if (error instanceof ApiError && refusalCodes.has(error.code)) {
          setRefusal(error.message);
          void check.refetch();
        }
        throw error;
      }
    },
    form.setErrors,
  );

  return (
    <Stack maw={900}>
      <PageTitle text={t('ui.aid.title')} />
      <PersonContext personId={personId} />
      <QueryStatus query={catalogue} />
      <Paper withBorder p="md">
        <form noValidate onSubmit={form.onSubmit((values) => mutation.mutate(values))}>
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('fields.itemCode')}
                data={active.map((i) => ({ value: i.code, label: localName(i, language) }))}
                searchable
                nothingFoundMessage={t('ui.search.noResults')}
                {...form.getInputProps('itemCode')}
              />
              <NumberInput label={t('fields.quantity')} min={1} max={1000} allowDecimal={false} {...form.getInputProps('quantity')} />
              <NumberInput
                label={t('fields.amountYen')}
                description={selected?.isMoney ? t('ui.aid.amountRequired') : undefined}
                min={0}
                allowDecimal={false}
                allowNegative={false}
                thousandSeparator=","
                prefix="¥"
                {...form.getInputProps('amountYen')}
              />
              <TextInput type="date" label={t('fields.givenOn')} {...form.getInputProps('givenOn')} />
              {hasSizes && selected && <Select label={t('fields.size')} data={selected.sizes} {...form.getInputProps('size')} />}
              {selected?.isMoney && canSeeBudgets && (
                <Select
                  label={t('ui.assistance.budgetLine')}
                  placeholder={t('ui.assistance.noBudgetLine')}
                  data={(budgetLines.data?.items ?? []).map((l) => ({ value: l.id, label: localName(l, language) }))}
                  clearable
                  {...form.getInputProps('budgetLineId')}
                />
              )}
            </SimpleGrid>
            {available !== null && !outOfStock && <Text fw={600}>{t('ui.assistance.inStock', { count: available })}</Text>}
            {outOfStock && (
              <Alert color="red" variant="filled" role="alert" title={t('ui.assistance.outOfStock')}>
                {t('ui.assistance.outOfStockHint')}
              </Alert>
            )}
            {refusal && (
              <Alert color="red" role="alert" title={t('ui.common.error')}>
                {refusal}
              </Alert>
            )}
            {limit && limitReached && (
              <Alert color="orange" role="alert" title={t('ui.assistance.limitTitle')}>
                {t('ui.assistance.limitReached', {
                  quantity: limit.quantity, days: limit.days, given: limit.givenInPeriod,
                  lastGivenOn: check.data?.lastGivenOn ? formatDate(check.data.lastGivenOn, language) : '—',
                })}
                <TextInput mt="sm" label={t('fields.overrideReason')} description={t('ui.assistance.overrideRequired')} withAsterisk {...form.getInputProps('overrideReason')} />
              </Alert>
            )}
            {!limitReached && check.data?.lastGivenOn && (
              <Text c="dimmed">{t('ui.assistance.lastGiven', { date: formatDate(check.data.lastGivenOn, language) })}</Text>
            )}
            <Textarea label={t('fields.note')} autosize minRows={2} {...form.getInputProps('note')} />
            <FormActions submitLabel={t('ui.aid.submit')} loading={mutation.isPending} cancelTo={`/people/${personId}`} />
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
