import { Fieldset, Group, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../web/auth';
import { orNull } from '../../../web/forms';
import { AssigneeSelect } from './AssigneeSelect';

export interface FollowUpTaskValues {
  title: string;
  dueOn: string;
  assigneeId: string | null;
}

/** The request's `followUpTask`: none unless a title was typed. */
export function followUpTaskInput(v: FollowUpTaskValues) {
  const title = v.title.trim();
  if (title === '' && v.dueOn === '' && !v.assigneeId) return null;
  return { title, dueOn: orNull(v.dueOn), assigneeId: v.assigneeId };
}

/** An optional follow-up task on a form whose values hold `followUpTask` (a consultation). */
export function FollowUpTaskFields<V extends { followUpTask: FollowUpTaskValues }>({ form }: { form: UseFormReturnType<V> }) {
  const { t } = useTranslation();
  if (!useCan('tasks.write')) return null;
  // Field errors of the nested object arrive under `followUpTask` (the form's and the server's).
  const error = form.errors.followUpTask;
  return (
    <Fieldset legend={t('ui.tasks.followUp')}>
      <Text size="sm" mb="xs">
        {t('ui.tasks.followUpHint')}
      </Text>
      <Group align="flex-start" wrap="wrap">
        <TextInput label={t('fields.title')} style={{ flex: '1 1 240px' }} {...form.getInputProps('followUpTask.title')} error={error} />
        <TextInput type="date" label={t('fields.dueOn')} w={170} {...form.getInputProps('followUpTask.dueOn')} />
        <AssigneeSelect w={220} {...form.getInputProps('followUpTask.assigneeId')} />
      </Group>
    </Fieldset>
  );
}
