import { Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../web/auth';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { AddTaskForm } from '../../tasks/web/AddTaskForm';
import { TaskList } from '../../tasks/web/TaskList';
import { personTasksQuery } from '../../tasks/web/tasks.queries';
import { DeadlineTable } from './DeadlineTable';
import { personDeadlinesQuery } from './deadlines.queries';

function Deadlines({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const deadlines = useQuery(personDeadlinesQuery(personId));
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('ui.deadlines.deadlinesTitle')}
      </Title>
      <QueryStatus query={deadlines} />
      {deadlines.data &&
        (deadlines.data.items.length === 0 ? (
          <Text>{t('ui.deadlines.none')}</Text>
        ) : (
          <DeadlineTable deadlines={deadlines.data.items} label={t('ui.deadlines.deadlinesTitle')} />
        ))}
    </Stack>
  );
}

function Tasks({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const tasks = useQuery(personTasksQuery(personId));
  const canWrite = useCan('tasks.write');
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('ui.tasks.title')}
      </Title>
      <QueryStatus query={tasks} />
      {tasks.data && (tasks.data.items.length === 0 ? <Text>{t('ui.tasks.none')}</Text> : <TaskList tasks={tasks.data.items} />)}
      {canWrite && <AddTaskForm personId={personId} />}
    </Stack>
  );
}

/** The person page's "Deadlines and tasks": computed deadlines of the file and its follow-up tasks. */
export function PersonDeadlinesAndTasks({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const canReadCases = useCan('cases.read');
  const canReadTasks = useCan('tasks.read');
  if (!canReadCases && !canReadTasks) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="deadlines-and-tasks">
      <Title order={2} size="h3" mb="sm" id="deadlines-and-tasks">
        {t('ui.deadlines.sectionTitle')}
      </Title>
      <Stack>
        {canReadCases && <Deadlines personId={personId} />}
        {canReadTasks && <Tasks personId={personId} />}
      </Stack>
    </Paper>
  );
}
