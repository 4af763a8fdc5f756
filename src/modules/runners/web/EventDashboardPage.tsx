import { Alert, Anchor, Button, Checkbox, Code, Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCan } from '../../../web/auth';
import { Detail } from '../../../web/components/Detail';
import { PageTitle } from '../../../web/components/PageTitle';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { TableHeader } from '../../../web/components/TableHeader';
import { showApiError, showSaved } from '../../../web/forms';
import { formatDate, formatDateTime } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import { count, yen } from '../../fundraising/web/fundraising.labels';
import type { CharityEvent, EventDashboard, Progress, RunnerSummary } from '../contract';
import { EventForm } from './EventForm';
import { applicationStatuses, progresses } from './runners.options';
import { applicationStatusLabel, eventName, progressLabel, publicUrl, raceDayText } from './runners.labels';
import { dashboardQuery, donorsCsvUrl, eventsKey, sendReminders, type Reminders } from './runners.queries';
import { PageStateBadge, ProgressBadge } from './RunnerBadges';
import { RunnerProgressBar } from './RunnerProgressBar';

/** Runners below the minimum with a month or less to go: tick who gets a reminder, send, and see how many went by email. */
function ReminderList({ eventId, runners }: { eventId: string; runners: RunnerSummary[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const client = useQueryClient();
  const canWrite = useCan('fundraising.write');
  // Everyone is ticked to begin with: remember who was unticked, so runners arriving later are ticked too.
  const [unticked, setUnticked] = useState<ReadonlySet<string>>(new Set());
  const [result, setResult] = useState<Reminders | null>(null);
  const chosen = runners.filter((r) => !unticked.has(r.id)).map((r) => r.id);
  const send = useMutation({
    mutationFn: () => sendReminders(eventId, chosen),
    onSuccess: (r) => {
      setResult(r);
      void client.invalidateQueries({ queryKey: eventsKey });
    },
    onError: (error) => showApiError(error, t),
  });
  const toggle = (id: string, on: boolean) => {
    setUnticked((prev) => {
      const next = new Set(prev);
      if (on) next.delete(id);
      else next.add(id);
      return next;
    });
  };
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={2} size="h3">
          {t('ui.runners.reminders.title')}
        </Title>
        <Text size="sm">{t('ui.runners.reminders.intro')}</Text>
        {result && (
          <Alert color={result.emailed < result.reminded ? 'yellow' : 'teal'} role="status" title={t('ui.runners.reminders.sentTitle')}>
            {t('ui.runners.reminders.sent', { count: result.reminded, emailed: result.emailed })}
            {result.emailed < result.reminded && <Text size="sm">{t('ui.runners.reminders.notEmailed', { count: result.reminded - result.emailed })}</Text>}
          </Alert>
        )}
        {runners.length === 0 ? (
          <Text c="dimmed">{t('ui.runners.reminders.none')}</Text>
        ) : (
          <>
            <Stack gap={6}>
              {runners.map((r) => (
                <Checkbox
                  key={r.id}
                  checked={!unticked.has(r.id)}
                  disabled={!canWrite}
                  onChange={(e) => toggle(r.id, e.currentTarget.checked)}
                  label={t('ui.runners.reminders.runner', { name: r.name, raised: yen(r.raisedYen), goal: yen(r.goalYen) })}
                  description={r.lastRemindedAt ? t('ui.runners.reminders.lastReminded', { date: formatDateTime(r.lastRemindedAt, language) }) : t('ui.runners.reminders.neverReminded')}
                />
              ))}
            </Stack>
            {canWrite && (
              <Group>
                <Button loading={send.isPending} disabled={chosen.length === 0} onClick={() => send.mutate()}>
                  {t('ui.runners.reminders.send', { count: chosen.length })}
                </Button>
              </Group>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

function RunnersTable({ runners }: { runners: RunnerSummary[] }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Progress | 'all'>('all');
  const shown = filter === 'all' ? runners : runners.filter((r) => r.progress === filter);
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h3">
            {t('ui.runners.dashboard.runnersTitle')}
          </Title>
          <SegmentedControl
            aria-label={t('ui.runners.dashboard.filter')}
            value={filter}
            onChange={(v) => setFilter(v === 'all' ? 'all' : (progresses.find((p) => p === v) ?? 'all'))}
            data={[{ value: 'all', label: t('ui.runners.dashboard.all') }, ...progresses.map((p) => ({ value: p, label: progressLabel(t, p) }))]}
          />
        </Group>
        {shown.length === 0 ? (
          <Text c="dimmed">{runners.length === 0 ? t('ui.runners.dashboard.noRunners') : t('ui.runners.dashboard.noneInFilter')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table striped aria-label={t('ui.runners.dashboard.runnersTitle')}>
              <TableHeader
                labels={[
                  t('ui.runners.runner.name'), t('ui.runners.runner.code'), t('ui.runners.runner.goal'), t('ui.runners.runner.raised'),
                  t('ui.runners.runner.progressBar'), t('ui.runners.runner.progress'), t('ui.runners.runner.pageState'),
                ]}
              />
              <Table.Tbody>
                {shown.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/runners/runners/${r.id}`} fw={600}>
                        {r.name}
                      </Anchor>
                      {r.status === 'withdrawn' && <Text size="xs">{t('ui.runners.runner.withdrawn')}</Text>}
                    </Table.Td>
                    <Table.Td ff="monospace">{r.code}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{yen(r.goalYen)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {yen(r.raisedYen)}
                      {r.pledgedYen > 0 && <Text size="xs">{t('ui.runners.runner.plusPledged', { pledged: yen(r.pledgedYen) })}</Text>}
                    </Table.Td>
                    <Table.Td miw={160}>
                      <RunnerProgressBar raisedYen={r.raisedYen} goalYen={r.goalYen} size="md" withText={false} />
                    </Table.Td>
                    <Table.Td>
                      <ProgressBadge progress={r.progress} />
                    </Table.Td>
                    <Table.Td>
                      <PageStateBadge state={r.pageState} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}

function Figures({ d }: { d: EventDashboard }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h3">
          {t('ui.runners.dashboard.figuresTitle')}
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }}>
          <Detail label={t('ui.runners.dashboard.raised')}>{yen(d.raisedYen)}</Detail>
          <Detail label={t('ui.runners.dashboard.pledged')}>{yen(d.pledgedYen)}</Detail>
          <Detail label={t('ui.runners.dashboard.donors')}>{count(d.donors)}</Detail>
          <Detail label={t('ui.runners.dashboard.raceDay')}>
            {formatDate(d.event.raceOn, language)}
            <Text size="sm">{raceDayText(t, d.daysToRace)}</Text>
          </Detail>
          <Detail label={t('ui.runners.progress.behind')}>{count(d.counts.behind)}</Detail>
          <Detail label={t('ui.runners.progress.on_track')}>{count(d.counts.onTrack)}</Detail>
          <Detail label={t('ui.runners.progress.reached')}>{count(d.counts.reached)}</Detail>
          <Detail label={t('ui.runners.dashboard.pendingReviews')}>
            <Anchor component={Link} to="/runners/moderation">
              {count(d.pendingReviews)}
            </Anchor>
          </Detail>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

function Applications({ d }: { d: EventDashboard }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={2} size="h3">
          {t('ui.runners.dashboard.applicationsTitle')}
        </Title>
        <Group gap="lg">
          {applicationStatuses.map((s) => (
            <Anchor key={s} component={Link} to={`/runners/events/${d.event.id}/applications?status=${s}`}>
              {t('ui.runners.dashboard.applicationsOf', { status: applicationStatusLabel(t, s), count: d.applications[s] ?? 0 })}
            </Anchor>
          ))}
        </Group>
      </Stack>
    </Paper>
  );
}

function EditEvent({ event }: { event: CharityEvent }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  return (
    <Paper withBorder p="md">
      {editing ? (
        <Stack>
          <Title order={2} size="h3">
            {t('ui.runners.eventForm.editTitle')}
          </Title>
          <EventForm
            key={event.version}
            event={event}
            onSaved={() => {
              showSaved(t);
              setEditing(false);
            }}
            onCancel={() => setEditing(false)}
          />
        </Stack>
      ) : (
        <Group>
          <Button variant="default" onClick={() => setEditing(true)}>
            {t('ui.runners.eventForm.editTitle')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}

/** /runners/events/:id: raised, days to race day, runners by progress, the reminders to send, applications, the donors' CSV. */
export function EventDashboardPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { id = '' } = useParams();
  const canManage = useCan('fundraising.manage');
  const dashboard = useQuery(dashboardQuery(id));
  const d = dashboard.data;
  if (!d) {
    return (
      <Stack>
        <PageTitle text={t('ui.runners.dashboard.title')} />
        <QueryStatus query={dashboard} />
      </Stack>
    );
  }
  const e = d.event;
  const eventPath = `/give/${e.code}`;
  return (
    <Stack maw={1200}>
      <Stack gap={0}>
        <PageTitle text={eventName(e, language)} />
        <Group gap="md" mt={-12} mb={12}>
          <Text ff="monospace">{e.code}</Text>
          <Text>{t('ui.runners.dashboard.placesTaken', { taken: count(e.runners), places: count(e.places) })}</Text>
          <Text>{t('ui.runners.dashboard.minimum', { minimum: yen(e.minimumYen) })}</Text>
        </Group>
        <Group gap="md">
          <Text size="sm">
            {t('ui.runners.dashboard.publicAddress')}{' '}
            <Anchor href={eventPath} target="_blank" rel="noopener">
              <Code>{publicUrl(eventPath)}</Code>
            </Anchor>
          </Text>
          <Anchor href={donorsCsvUrl(e.id)} download>
            {t('ui.runners.dashboard.donorsCsv')}
          </Anchor>
        </Group>
      </Stack>
      <Figures d={d} />
      <ReminderList eventId={e.id} runners={d.needReminder} />
      <RunnersTable runners={d.runners} />
      <Applications d={d} />
      {canManage && <EditEvent event={e} />}
    </Stack>
  );
}
