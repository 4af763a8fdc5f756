import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useCan } from '../../../web/auth';
import { Detail } from '../../../web/components/Detail';
import { PageTitle } from '../../../web/components/PageTitle';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { formatDateTime } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import type { ApplicationStatus, Decision, RunnerApplication } from '../contract';
import { applicantName, DecisionDialog } from './DecisionDialog';
import { applicationStatusLabel, decisionLabel, eventName } from './runners.labels';
import { applicationStatuses, decisionsFor, isApplicationStatus } from './runners.options';
import { applicationsQuery, dashboardQuery } from './runners.queries';

function ApplicationCard({ application: a, onDecide }: { application: RunnerApplication; onDecide: (decision: Decision) => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const canWrite = useCan('fundraising.write');
  const name = applicantName(a);
  const kana = [a.familyNameKana, a.givenNameKana].filter((s) => s !== '').join(' ');
  const none = t('ui.common.none');
  return (
    <Paper withBorder p="md" component="article" aria-label={name}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={3} size="h4">
              {name}
            </Title>
            {kana !== '' && (
              <Text size="sm" lang="ja">
                {kana}
              </Text>
            )}
          </div>
          <Badge color="gray.7" variant="outline">
            {applicationStatusLabel(t, a.status)}
          </Badge>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <Detail label={t('ui.runners.applications.email')}>{a.email}</Detail>
          <Detail label={t('ui.runners.applications.phone')}>{a.phone || none}</Detail>
          <Detail label={t('ui.runners.applications.appliedAt')}>{formatDateTime(a.createdAt, language)}</Detail>
          <Detail label={t('ui.runners.applications.language')}>{a.language === 'ja' ? t('ui.runners.language.ja') : t('ui.runners.language.en')}</Detail>
        </SimpleGrid>
        <Detail label={t('ui.runners.applications.motivation')}>
          <Text style={{ whiteSpace: 'pre-wrap' }} lang={a.language}>
            {a.motivation}
          </Text>
        </Detail>
        <Detail label={t('ui.runners.applications.plan')}>
          <Text style={{ whiteSpace: 'pre-wrap' }} lang={a.language}>
            {a.plan}
          </Text>
        </Detail>
        {a.decidedAt && (
          <Text size="sm">
            {t('ui.runners.applications.decided', { date: formatDateTime(a.decidedAt, language), by: a.decidedByName ?? none })}
            {a.decisionReason !== '' && ` ${t('ui.runners.applications.reason', { reason: a.decisionReason })}`}
          </Text>
        )}
        {a.runnerId && (
          <Anchor component={Link} to={`/runners/runners/${a.runnerId}`}>
            {t('ui.runners.applications.openRunner')}
          </Anchor>
        )}
        {canWrite && decisionsFor(a.status).length > 0 && (
          <Group gap="xs">
            {decisionsFor(a.status).map((d) => (
              <Button key={d} size="xs" variant={d === 'decline' ? 'default' : 'filled'} onClick={() => onDecide(d)} aria-label={`${decisionLabel(t, d)}: ${name}`}>
                {decisionLabel(t, d)}
              </Button>
            ))}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** /runners/events/:id/applications: the applications by status, each with its decisions (shortlist, select, waitlist, decline). */
export function ApplicationsPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status: ApplicationStatus = isApplicationStatus(raw) ? raw : 'submitted';
  const dashboard = useQuery(dashboardQuery(id));
  const applications = useQuery(applicationsQuery(id, status));
  const [deciding, setDeciding] = useState<{ application: RunnerApplication; decision: Decision } | null>(null);
  const event = dashboard.data?.event;
  const counts = dashboard.data?.applications;
  const list = applications.data?.applications ?? [];
  const title = event ? t('ui.runners.applications.titleOf', { event: eventName(event, language) }) : t('ui.runners.applications.title');

  return (
    <Stack maw={1100}>
      <PageTitle text={title} />
      <Anchor component={Link} to={`/runners/events/${id}`}>
        {t('ui.runners.applications.backToDashboard')}
      </Anchor>
      <QueryStatus query={dashboard} />
      <Tabs value={status} onChange={(v) => setParams(isApplicationStatus(v) ? { status: v } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List aria-label={t('ui.runners.applications.byStatus')}>
          {applicationStatuses.map((s) => (
            <Tabs.Tab key={s} value={s}>
              {counts ? t('ui.runners.applications.tab', { status: applicationStatusLabel(t, s), count: counts[s] ?? 0 }) : applicationStatusLabel(t, s)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {applicationStatuses.map((s) => (
          <Tabs.Panel key={s} value={s} pt="md">
            <Stack>
              <QueryStatus query={applications} />
              {applications.data && list.length === 0 && <Text c="dimmed">{t('ui.runners.applications.none')}</Text>}
              {list.map((a) => (
                <ApplicationCard key={a.id} application={a} onDecide={(decision) => setDeciding({ application: a, decision })} />
              ))}
            </Stack>
          </Tabs.Panel>
        ))}
      </Tabs>
      {/* The goal of a selected runner starts at the event's minimum: the dialog waits for the event. */}
      <DecisionDialog
        application={event ? deciding?.application ?? null : null}
        decision={deciding?.decision ?? null}
        minimumYen={event?.minimumYen ?? 0}
        onClose={() => setDeciding(null)}
      />
    </Stack>
  );
}
