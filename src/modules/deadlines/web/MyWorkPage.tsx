import { Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../web/auth';
import { PageTitle } from '../../../web/components/PageTitle';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { TaskList } from '../../tasks/web/TaskList';
import { myTasksQuery } from '../../tasks/web/tasks.queries';
import { DeadlineTable } from './DeadlineTable';
import { myDeadlinesQuery } from './deadlines.queries';

function MyDeadlines() {
  const { t } = useTranslation();
  const deadlines = useQuery(myDeadlinesQuery());
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="my-deadlines">
      <Title order={2} size="h3" mb="sm" id="my-deadlines">
        {t('ui.myWork.deadlinesTitle')}
      </Title>
      <QueryStatus query={deadlines} />
      {deadlines.data &&
        (deadlines.data.items.length === 0 ? (
          <Text>{t('ui.myWork.noDeadlines')}</Text>
        ) : (
          <DeadlineTable deadlines={deadlines.data.items} label={t('ui.myWork.deadlinesTitle')} />
        ))}
    </Paper>
  );
}

function MyTasks() {
  const { t } = useTranslation();
  const tasks = useQuery(myTasksQuery);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="my-tasks">
      <Title order={2} size="h3" mb="sm" id="my-tasks">
        {t('ui.tasks.mine')}
      </Title>
      <QueryStatus query={tasks} />
      {tasks.data && (tasks.data.items.length === 0 ? <Text>{t('ui.tasks.noneMine')}</Text> : <TaskList tasks={tasks.data.items} showPerson />)}
    </Paper>
  );
}

/** "My work": my files' deadlines this week and my open tasks. */
export function MyWorkPage() {
  const { t } = useTranslation();
  const canReadCases = useCan('cases.read');
  const canReadTasks = useCan('tasks.read');
  return (
    <Stack maw={1100}>
      <PageTitle text={t('ui.myWork.title')} />
      {canReadCases && <MyDeadlines />}
      {canReadTasks && <MyTasks />}
    </Stack>
  );
}
