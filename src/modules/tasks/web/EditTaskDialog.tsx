import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orNull, showApiError, showSaved, zodValidate } from '../../../web/forms';
import { UpdateTaskInput, type Task } from '../contract';
import { AssigneeSelect } from './AssigneeSelect';
import { tasksKey, updateTask } from './tasks.queries';

interface Values {
  title: string;
  dueOn: string;
  assigneeId: string | null;
}

/**
 * The PATCH body for the edited values: only the fields that changed, with the version the dialog
 * was opened from (a stale one gets 409). Unchanged fields are left out so that, for example, a
 * task whose assignee has since left can still get a new title.
 */
export function editedTaskInput(task: Task, v: Values): UpdateTaskInput {
  const input: UpdateTaskInput = { version: task.version };
  const title = v.title.trim();
  if (title !== task.title) input.title = title;
  const dueOn = orNull(v.dueOn);
  if (dueOn !== task.dueOn) input.dueOn = dueOn;
  if (v.assigneeId !== task.assigneeId) input.assigneeId = v.assigneeId;
  return input;
}

/** A dialog to change an open task's title, due date and assignee. */
export function EditTaskDialog({ task, onClose }: { task: Task; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [refusal, setRefusal] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { title: task.title, dueOn: task.dueOn ?? '', assigneeId: task.assigneeId },
    validate: zodValidate(UpdateTaskInput, (v: Values) => editedTaskInput(task, v), t),
  });
  const mutation = useMutation({
    mutationFn: (input: UpdateTaskInput) => updateTask(task.id, input),
    onSuccess: () => {
      showSaved(t);
      onClose();
    },
    onError: (error) => {
      showApiError(error, t, form.setErrors);
      if (error instanceof Error) setRefusal(error.message);
    },
    onSettled: () => client.invalidateQueries({ queryKey: tasksKey }),
  });
  const title = t('ui.tasks.editTitle', { title: task.title });

  return (
    <Modal opened onClose={onClose} title={title} closeButtonProps={{ 'aria-label': t('ui.common.close') }}>
      <form
        noValidate
        aria-label={title}
        onSubmit={form.onSubmit((values) => {
          setRefusal(null);
          const input = editedTaskInput(task, values);
          if (Object.keys(input).length === 1) onClose(); // nothing changed
          else mutation.mutate(input);
        })}
      >
        <Stack>
          <TextInput label={t('fields.title')} required {...form.getInputProps('title')} />
          <TextInput type="date" label={t('fields.dueOn')} {...form.getInputProps('dueOn')} />
          <AssigneeSelect current={task.assigneeId ? { id: task.assigneeId, name: task.assigneeName ?? '' } : null} {...form.getInputProps('assigneeId')} />
          {refusal && (
            <Alert color="red" role="alert">
              {refusal}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={mutation.isPending}>
              {t('ui.common.save')}
            </Button>
            <Button variant="default" onClick={onClose}>
              {t('ui.common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
