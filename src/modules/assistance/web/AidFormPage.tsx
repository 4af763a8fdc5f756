import { NumberInput, Paper, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { useRecordOnTimeline } from '../../timeline/web/useRecordOnTimeline';
import { tokyoDate } from '../../../shared/time';
import { PageTitle } from '../../../web/components/PageTitle';
import { PersonContext } from '../../people/web/PersonContext';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { zodValidate } from '../../../web/forms';
import { currentLanguage } from '../../../web/i18n';
import { CreateAssistanceInput, type AidItem } from '../contract';
import { catalogueQuery, giveAid, itemName } from './assistance.queries';
import { FormActions } from '../../../web/components/FormActions';

interface Values {
  itemCode: string | null;
  quantity: number | string;
  amountYen: number | string;
  givenOn: string;
  note: string;
}

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
  });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { itemCode: null, quantity: 1, amountYen: '', givenOn: tokyoDate(), note: '' },
    validate: (values) => {
      const errors = zodValidate(CreateAssistanceInput, toInput, t)(values);
      if (!values.itemCode) errors.itemCode = t('validation.required');
      if (itemByCode(values.itemCode)?.isMoney && values.amountYen === '') errors.amountYen = t('errors.aid_item.amount_required');
      return errors;
    },
  });
  const selected = itemByCode(form.values.itemCode);

  const mutation = useRecordOnTimeline(personId, (values: Values) => giveAid(CreateAssistanceInput.parse(toInput(values))), form.setErrors);

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
                data={active.map((i) => ({ value: i.code, label: itemName(i, language) }))}
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
            </SimpleGrid>
            <Textarea label={t('fields.note')} autosize minRows={2} {...form.getInputProps('note')} />
            <FormActions submitLabel={t('ui.aid.submit')} loading={mutation.isPending} cancelTo={`/people/${personId}`} />
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
