import { Anchor, Badge, Button, Checkbox, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../../web/auth';
import { formatDate, primaryName } from '../../../web/format';
import { showApiError } from '../../../web/forms';
import { currentLanguage } from '../../../web/i18n';
import type { Task } from '../contract';
import { EditTaskDialog } from './EditTaskDialog';
import { tasksKey, updateTask } from './tasks.queries';

/** Tasks with a tick box to mark each done, and (while open) edit and cancel, for staff who may change tasks. */
export function TaskList({ tasks, showPerson = false }: { tasks: Task[]; showPerson?: boolean }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const client = useQueryClient();
  const canWrite = useCan('tasks.write');
  const [editing, setEditing] = useState<Task | null>(null);
  const toggle = useMutation({
    mutationFn: ({ task, status }: { task: Task; status: Task['status'] }) => updateTask(task.id, { status, version: task.version }),
    onSettled: () => client.invalidateQueries({ queryKey: tasksKey }),
    onError: (error) => showApiError(error, t),
  });

  return (
    <>
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {tasks.map((task) => (
          <li key={task.id}>
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <Checkbox
                mt={2}
                aria-label={t('ui.tasks.markDone', { title: task.title })}
                checked={task.status === 'done'}
                disabled={!canWrite || task.status === 'cancelled' || toggle.isPending}
                onChange={() => toggle.mutate({ task, status: task.status === 'done' ? 'open' : 'done' })}
              />
              <Stack gap={0}>
                <Text td={task.status === 'open' ? undefined : 'line-through'}>{task.title}</Text>
                <Group gap="xs">
                  {task.isOverdue && (
                    <Badge color="red" variant="filled">
                      {t('ui.tasks.overdue')}
                    </Badge>
                  )}
                  <Text size="sm" c={task.isOverdue ? 'red.8' : undefined}>
                    {task.dueOn ? formatDate(task.dueOn, language) : t('ui.tasks.noDueDate')}
                  </Text>
                  <Text size="sm">· {task.assigneeName ?? t('ui.tasks.unassigned')}</Text>
                  {task.status !== 'open' && <Text size="sm">· {t(`ui.tasks.status.${task.status}`)}</Text>}
                  {canWrite && task.status === 'open' && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="gray.8"
                      aria-label={t('ui.tasks.editLabel', { title: task.title })}
                      onClick={() => setEditing(task)}
                    >
                      {t('ui.tasks.edit')}
                    </Button>
                  )}
                  {canWrite && task.status === 'open' && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="gray.8"
                      disabled={toggle.isPending}
                      aria-label={t('ui.tasks.cancelLabel', { title: task.title })}
                      onClick={() => toggle.mutate({ task, status: 'cancelled' })}
                    >
                      {t('ui.tasks.cancel')}
                    </Button>
                  )}
                  {showPerson && task.person && (
                    <Anchor component={Link} to={`/people/${task.person.id}`} size="sm">
                      {primaryName(task.person)} ({task.person.fileNumber})
                    </Anchor>
                  )}
                </Group>
              </Stack>
            </Group>
          </li>
        ))}
      </Stack>
      {editing && <EditTaskDialog key={editing.id} task={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
