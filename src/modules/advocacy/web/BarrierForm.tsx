import { NumberInput, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../../web/components/FormActions';
import { showApiError, showSaved, zodValidate } from '../../../web/forms';
import { CreateBarrierInput, UpdateBarrierInput, type Barrier } from '../contract';
import { barriersKey, createBarrier, updateBarrier } from './advocacy.queries';

interface Values {
  labelJa: string;
  labelEn: string;
  descriptionJa: string;
  descriptionEn: string;
  sortOrder: number | string;
}

/** Add a barrier category, or change one's names, descriptions and place in lists. */
export function BarrierForm({ barrier, onDone, onCancel }: { barrier?: Barrier; onDone: () => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  // An empty position is left out: the server puts a new barrier last, and keeps an edited one's place.
  const toInput = (v: Values) => ({
    labelJa: v.labelJa,
    labelEn: v.labelEn,
    descriptionJa: v.descriptionJa,
    descriptionEn: v.descriptionEn,
    ...(v.sortOrder === '' ? {} : { sortOrder: Number(v.sortOrder) }),
  });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: barrier
      ? { labelJa: barrier.labelJa, labelEn: barrier.labelEn, descriptionJa: barrier.descriptionJa, descriptionEn: barrier.descriptionEn, sortOrder: barrier.sortOrder }
      : { labelJa: '', labelEn: '', descriptionJa: '', descriptionEn: '', sortOrder: '' },
    validate: zodValidate(barrier ? UpdateBarrierInput.required({ labelJa: true, labelEn: true }) : CreateBarrierInput, toInput, t),
  });
  const mutation = useMutation({
    mutationFn: (v: Values) => (barrier ? updateBarrier(barrier.id, UpdateBarrierInput.parse(toInput(v))) : createBarrier(CreateBarrierInput.parse(toInput(v)))),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: barriersKey });
      showSaved(t);
      form.reset();
      onDone();
    },
    onError: (error) => showApiError(error, t, form.setErrors),
  });
  return (
    <form noValidate onSubmit={form.onSubmit((v) => mutation.mutate(v))}>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('fields.labelJa')} lang="ja" maxLength={100} {...form.getInputProps('labelJa')} />
          <TextInput label={t('fields.labelEn')} lang="en" maxLength={100} {...form.getInputProps('labelEn')} />
          <Textarea label={t('fields.descriptionJa')} lang="ja" autosize minRows={2} maxLength={500} {...form.getInputProps('descriptionJa')} />
          <Textarea label={t('fields.descriptionEn')} lang="en" autosize minRows={2} maxLength={500} {...form.getInputProps('descriptionEn')} />
        </SimpleGrid>
        <NumberInput
          label={t('ui.advocacy.barriers.sortOrder')}
          description={t('ui.advocacy.barriers.sortOrderHint')}
          min={0}
          max={10_000}
          allowDecimal={false}
          allowNegative={false}
          w={220}
          {...form.getInputProps('sortOrder')}
        />
        <FormActions submitLabel={barrier ? t('ui.common.save') : t('ui.advocacy.barriers.add')} loading={mutation.isPending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
