import { Button, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { showApiError, showSaved, zodValidate } from '../../../web/forms';
import { AidCategory, AidUnit, CreateAidItemInput, UpdateAidItemInput, type AidItem } from '../contract';
import { catalogueKey, createAidItem, updateAidItem } from './assistance.queries';

interface Values {
  code: string;
  nameJa: string;
  nameEn: string;
  category: string;
  isMoney: boolean;
  sortOrder: number | string;
  unit: string;
  /** Comma-separated in the form; a list in the contract. */
  sizes: string;
  isStockTracked: boolean;
  lowStockThreshold: number | string;
  limitQuantity: number | string;
  limitDays: number | string;
}

const numberOrNull = (v: number | string) => (v === '' ? null : Number(v));
const sizeList = (text: string) => text.split(/[,、]/).map((x) => x.trim()).filter((x) => x !== '');

/** Add a catalogue item, or change one (its code stays). */
export function AidItemForm({ item, onDone }: { item?: AidItem; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const stockFields = (v: Values) => ({
    unit: v.unit,
    sizes: sizeList(v.sizes),
    isStockTracked: v.isStockTracked,
    lowStockThreshold: numberOrNull(v.lowStockThreshold),
    limitQuantity: numberOrNull(v.limitQuantity),
    limitDays: numberOrNull(v.limitDays),
  });
  const toCreate = (v: Values) => ({ code: v.code, nameJa: v.nameJa, nameEn: v.nameEn, category: v.category, isMoney: v.isMoney, sortOrder: Number(v.sortOrder), ...stockFields(v) });
  const toUpdate = (v: Values) => ({ nameJa: v.nameJa, nameEn: v.nameEn, category: v.category, isMoney: v.isMoney, sortOrder: Number(v.sortOrder), ...stockFields(v) });
  const rules = (v: Values) => {
    const errors: Record<string, string> = {};
    if (v.isMoney && v.isStockTracked) errors.isStockTracked = t('errors.aid_item.money_not_stock');
    if ((v.limitQuantity === '') !== (v.limitDays === '')) errors[v.limitQuantity === '' ? 'limitQuantity' : 'limitDays'] = t('errors.aid_item.limit_incomplete');
    return errors;
  };
  const contractCheck = item ? zodValidate(UpdateAidItemInput, toUpdate, t) : zodValidate(CreateAidItemInput, toCreate, t);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: item
      ? {
        code: item.code, nameJa: item.nameJa, nameEn: item.nameEn, category: item.category, isMoney: item.isMoney, sortOrder: item.sortOrder,
        unit: item.unit, sizes: item.sizes.join(', '), isStockTracked: item.isStockTracked, lowStockThreshold: item.lowStockThreshold ?? '',
        limitQuantity: item.limitQuantity ?? '', limitDays: item.limitDays ?? '',
      }
      : {
        code: '', nameJa: '', nameEn: '', category: 'food', isMoney: false, sortOrder: 100,
        unit: 'piece', sizes: '', isStockTracked: false, lowStockThreshold: '', limitQuantity: '', limitDays: '',
      },
    validate: (v) => ({ ...rules(v), ...contractCheck(v) }),
  });
  const mutation = useMutation({
    mutationFn: (v: Values) =>
      item ? updateAidItem(item.code, UpdateAidItemInput.parse(toUpdate(v))) : createAidItem(CreateAidItemInput.parse(toCreate(v))),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: catalogueKey });
      showSaved(t);
      form.reset();
      onDone();
    },
    onError: (error) => showApiError(error, t, form.setErrors),
  });
  return (
    <form noValidate onSubmit={form.onSubmit((v) => mutation.mutate(v))}>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('fields.code')} description={t('ui.catalogue.codeHint')} disabled={!!item} {...form.getInputProps('code')} />
          <TextInput label={t('fields.nameJa')} {...form.getInputProps('nameJa')} />
          <TextInput label={t('fields.nameEn')} {...form.getInputProps('nameEn')} />
          <Select
            label={t('fields.category')}
            data={AidCategory.options.map((c) => ({ value: c, label: t(`ui.aidCategory.${c}`) }))}
            allowDeselect={false}
            {...form.getInputProps('category')}
          />
          <NumberInput label={t('fields.sortOrder')} min={0} max={10000} allowDecimal={false} {...form.getInputProps('sortOrder')} />
          <Checkbox mt="xl" label={t('fields.isMoney')} {...form.getInputProps('isMoney', { type: 'checkbox' })} />
          <Select
            label={t('fields.unit')}
            data={AidUnit.options.map((u) => ({ value: u, label: t(`ui.assistance.unit.${u}`) }))}
            allowDeselect={false}
            {...form.getInputProps('unit')}
          />
          <TextInput label={t('fields.sizes')} description={t('ui.assistance.sizesHint')} {...form.getInputProps('sizes')} />
          <Checkbox mt="xl" label={t('fields.isStockTracked')} {...form.getInputProps('isStockTracked', { type: 'checkbox' })} />
          <NumberInput label={t('fields.lowStockThreshold')} min={0} allowDecimal={false} allowNegative={false} {...form.getInputProps('lowStockThreshold')} />
          <NumberInput label={t('fields.limitQuantity')} description={t('ui.assistance.limitHint')} min={1} allowDecimal={false} allowNegative={false} {...form.getInputProps('limitQuantity')} />
          <NumberInput label={t('fields.limitDays')} min={1} max={366} allowDecimal={false} allowNegative={false} {...form.getInputProps('limitDays')} />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            {item ? t('ui.common.save') : t('ui.catalogue.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
