import { Button, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { showApiError, showSaved, zodValidate } from '../../../web/forms';
import { AidCategory, CreateAidItemInput, UpdateAidItemInput, type AidItem } from '../contract';
import { catalogueKey, createAidItem, updateAidItem } from './assistance.queries';

interface Values {
  code: string;
  nameJa: string;
  nameEn: string;
  category: string;
  isMoney: boolean;
  sortOrder: number | string;
}

/** Add a catalogue item, or change one (its code stays). */
export function AidItemForm({ item, onDone }: { item?: AidItem; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const toCreate = (v: Values) => ({ ...v, sortOrder: Number(v.sortOrder) });
  const toUpdate = (v: Values) => ({ nameJa: v.nameJa, nameEn: v.nameEn, category: v.category, isMoney: v.isMoney, sortOrder: Number(v.sortOrder) });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: item
      ? { code: item.code, nameJa: item.nameJa, nameEn: item.nameEn, category: item.category, isMoney: item.isMoney, sortOrder: item.sortOrder }
      : { code: '', nameJa: '', nameEn: '', category: 'food', isMoney: false, sortOrder: 100 },
    validate: item ? zodValidate(UpdateAidItemInput, toUpdate, t) : zodValidate(CreateAidItemInput, toCreate, t),
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
