import { Group, Paper, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PersonNames } from '../../../web/components/PersonNames';
import { showApiError, zodValidate } from '../../../web/forms';
import { CreateVisitInput, Priority, PriorityReason, type Visit } from '../contract';
import { createVisit, visitsKey } from './reception.queries';
import { FormActions } from '../../../web/components/FormActions';
import { InterpreterLanguageSelect } from '../../../web/components/InterpreterLanguageSelect';
import { OptionCheckboxes } from '../../../web/components/OptionCheckboxes';

interface Values {
  reason: string;
  interpreterLanguage: string | null;
  priority: Priority;
  priorityReasons: string[];
}

export interface CheckInPerson {
  id: string;
  fileNumber: string;
  familyName: string;
  givenName: string;
  nameInOwnScript: string | null;
  nameKana: string | null;
  languages?: string[];
}

/** Reason, interpreter, priority: the few fields of a check-in. */
export function CheckInForm({ person, onDone, onCancel }: { person: CheckInPerson; onDone: (visit: Visit) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const toInput = (v: Values) => ({ personId: person.id, ...v, reason: v.reason.trim() });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { reason: '', interpreterLanguage: person.languages?.find((l) => l !== 'ja') ?? null, priority: 'normal', priorityReasons: [] },
    validate: zodValidate(CreateVisitInput, toInput, t),
  });
  const mutation = useMutation({
    mutationFn: (values: Values) => createVisit(CreateVisitInput.parse(toInput(values))),
    onSuccess: (visit) => {
      void client.invalidateQueries({ queryKey: visitsKey });
      onDone(visit);
    },
    onError: (error) => showApiError(error, t, form.setErrors),
  });

  return (
    <Paper withBorder p="md">
      <Title order={2} size="h3" mb="sm">
        {t('ui.checkIn.formTitle')}
      </Title>
      <Group mb="md" gap="lg">
        <PersonNames person={person} size="lg" />
        <Text fw={600}>{person.fileNumber}</Text>
      </Group>
      <form noValidate onSubmit={form.onSubmit((values) => mutation.mutate(values))}>
        <Stack>
          <TextInput label={t('fields.reason')} data-autofocus autoFocus {...form.getInputProps('reason')} />
          <InterpreterLanguageSelect {...form.getInputProps('interpreterLanguage')} />
          <Radio.Group label={t('fields.priority')} {...form.getInputProps('priority')}>
            <Group mt={6}>
              {Priority.options.map((p) => (
                <Radio key={p} value={p} label={t(`ui.priority.${p}`)} />
              ))}
            </Group>
          </Radio.Group>
          <OptionCheckboxes label={t('fields.priorityReasons')} options={PriorityReason.options} labelOf={(r) => t(`ui.priorityReason.${r}`)} {...form.getInputProps('priorityReasons')} />
          <FormActions submitLabel={t('ui.checkIn.submit')} size="md" loading={mutation.isPending} onCancel={onCancel} />
        </Stack>
      </form>
    </Paper>
  );
}
