import { Button, Group, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { orNull, showApiError, showSaved, zodValidate } from '../../../web/forms';
import { CreateTaskInput } from '../contract';
import { AssigneeSelect } from './AssigneeSelect';
import { createTask, tasksKey } from './tasks.queries';

interface Values {
  title: string;
  dueOn: string;
  assigneeId: string | null;
}

/** Adds a task to a person's file: title, due date, assignee. */
export function AddTaskForm({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const toInput = (v: Values) => ({ personId, title: v.title, dueOn: orNull(v.dueOn), assigneeId: v.assigneeId });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { title: '', dueOn: '', assigneeId: null },
    validate: zodValidate(CreateTaskInput, toInput, t),
  });
  const mutation = useMutation({
    mutationFn: (values: Values) => createTask(CreateTaskInput.parse(toInput(values))),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: tasksKey });
      showSaved(t);
      form.reset();
    },
    onError: (error) => showApiError(error, t, form.setErrors),
  });
  return (
    <form noValidate onSubmit={form.onSubmit((values) => mutation.mutate(values))}>
      <Group align="flex-end" wrap="wrap">
        <TextInput label={t('fields.title')} required style={{ flex: '1 1 240px' }} {...form.getInputProps('title')} />
        <TextInput type="date" label={t('fields.dueOn')} w={170} {...form.getInputProps('dueOn')} />
        <AssigneeSelect w={220} {...form.getInputProps('assigneeId')} />
        <Button type="submit" loading={mutation.isPending}>
          {t('ui.tasks.add')}
        </Button>
      </Group>
    </form>
  );
}
