import { NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../../web/components/FormActions';
import { showApiError, showSaved, zodValidate } from '../../../web/forms';
import { CreateBudgetLineInput, UpdateBudgetLineInput, type BudgetLine } from '../contract';
import { budgetsKey, createBudgetLine, updateBudgetLine } from './budgets.queries';

interface Values {
  nameJa: string;
  nameEn: string;
  monthlyAmountYen: number | string;
}

/** Add a budget line, or rename one and change its monthly amount. */
export function BudgetLineForm({ line, onDone }: { line?: BudgetLine; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  // An empty amount stays empty so the contract reports it as required, not as 0 yen.
  const toInput = (v: Values) => ({ nameJa: v.nameJa, nameEn: v.nameEn, monthlyAmountYen: v.monthlyAmountYen === '' ? undefined : Number(v.monthlyAmountYen) });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: line ? { nameJa: line.nameJa, nameEn: line.nameEn, monthlyAmountYen: line.monthlyAmountYen } : { nameJa: '', nameEn: '', monthlyAmountYen: '' },
    validate: zodValidate(CreateBudgetLineInput, toInput, t),
  });
  const mutation = useMutation({
    mutationFn: (v: Values) => (line ? updateBudgetLine(line.id, UpdateBudgetLineInput.parse(toInput(v))) : createBudgetLine(CreateBudgetLineInput.parse(toInput(v)))),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: budgetsKey });
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
          <TextInput label={t('fields.nameJa')} lang="ja" {...form.getInputProps('nameJa')} />
          <TextInput label={t('fields.nameEn')} lang="en" {...form.getInputProps('nameEn')} />
          <NumberInput label={t('fields.monthlyAmountYen')} min={0} allowDecimal={false} allowNegative={false} thousandSeparator="," {...form.getInputProps('monthlyAmountYen')} />
        </SimpleGrid>
        <FormActions submitLabel={line ? t('ui.common.save') : t('ui.budgets.add')} loading={mutation.isPending} />
      </Stack>
    </form>
  );
}
