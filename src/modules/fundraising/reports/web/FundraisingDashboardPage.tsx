import { Alert, Anchor, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../../../web/components/PageTitle';
import { QueryStatus } from '../../../../web/components/QueryStatus';
import { currentLanguage } from '../../../../web/i18n';
import { tokyoDate } from '../../../../shared/time';
import { yearOf } from '../contract';
import { impactSentences } from '../impact-sentences';
import { count, day, percent, yearLabel, yen } from './reports.labels';
import { publicFiguresQuery, recurringQuery, registerStatusQuery, retentionQuery } from './reports.queries';
import { Figure } from './RecurringTab';
import { Section } from './ReportParts';

/** The 寄附者名簿 reminder: shown only while the last finished year's register is due or overdue (the server decides). */
function RegisterReminder() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const status = useQuery(registerStatusQuery('fiscal'));
  const s = status.data;
  if (!s) return <QueryStatus query={status} />;
  if (!s.isDue && !s.isOverdue) return null;
  const values = { year: yearLabel(t, s.yearKind, s.year), deadline: day(s.deadline, language), days: count(Math.abs(s.daysLeft), language) };
  return (
    <Alert
      color={s.isOverdue ? 'red' : 'yellow'}
      variant="light"
      title={s.isOverdue ? t('ui.fundraisingReports.web.dashboard.registerOverdueTitle') : t('ui.fundraisingReports.web.dashboard.registerDueTitle')}
    >
      <Stack gap={4}>
        <Text size="sm">{s.isOverdue ? t('ui.fundraisingReports.web.dashboard.registerOverdue', values) : t('ui.fundraisingReports.web.dashboard.registerDue', values)}</Text>
        <Anchor component={Link} to={`/fundraising/reports/register?yearKind=${s.yearKind}&year=${s.year}`} size="sm">
          {t('ui.fundraisingReports.web.dashboard.registerLink', { year: values.year })}
        </Anchor>
      </Stack>
    </Alert>
  );
}

function RecurringHeadline() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const month = tokyoDate().slice(0, 7);
  const recurring = useQuery(recurringQuery({}));
  const data = recurring.data;
  // The default period ends with this month: its row holds this month's missed payments so far.
  const thisMonth = data?.months.find((m) => m.month === month);
  return (
    <Section title={t('ui.fundraisingReports.web.dashboard.recurring')}>
      <QueryStatus query={recurring} />
      {data && (
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Figure label={t('ui.fundraisingReports.web.recurring.active')} value={count(data.activeCommitments, language)} />
          <Figure label={t('ui.fundraisingReports.web.recurring.mrr')} value={yen(data.mrrYen, language)} />
          <Figure label={t('ui.fundraisingReports.web.dashboard.missedThisMonth')} value={count(thisMonth?.missed ?? 0, language)} />
        </SimpleGrid>
      )}
      <Anchor component={Link} to="/fundraising/reports?tab=recurring" size="sm">
        {t('ui.fundraisingReports.web.dashboard.recurringLink')}
      </Anchor>
    </Section>
  );
}

function RetentionHeadline() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const year = yearOf('fiscal', tokyoDate());
  const retention = useQuery(retentionQuery({ yearKind: 'fiscal', from: year - 1, to: year }));
  const y = retention.data?.years.find((r) => r.year === year);
  return (
    <Section title={t('ui.fundraisingReports.web.dashboard.retention', { year: yearLabel(t, 'fiscal', year) })}>
      <QueryStatus query={retention} />
      {y && (
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Figure label={t('ui.fundraisingReports.web.retention.donors')} value={count(y.donors, language)} />
          <Figure label={t('ui.fundraisingReports.web.retention.donorRetention')} value={percent(y.donorRetention, language)} />
          <Figure label={t('ui.fundraisingReports.web.columns.giving')} value={yen(y.givingYen, language)} />
        </SimpleGrid>
      )}
      <Anchor component={Link} to="/fundraising/reports?tab=retention" size="sm">
        {t('ui.fundraisingReports.web.dashboard.retentionLink')}
      </Anchor>
    </Section>
  );
}

/** The public operational figures (GET /api/public/figures) as sentences for appeals, in the reader's language. */
function ImpactForAppeals() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const figures = useQuery(publicFiguresQuery);
  const data = figures.data;
  const sentences = data ? impactSentences(t, language, data) : [];
  return (
    <Section title={t('ui.fundraisingReports.web.impact.title')} hint={t('ui.fundraisingReports.web.impact.hint')}>
      <QueryStatus query={figures} />
      {figures.isSuccess && sentences.length === 0 && <Text c="dimmed">{t('ui.fundraisingReports.web.impact.nothing')}</Text>}
      {data && sentences.length > 0 && (
        <>
          <Stack gap={6} component="ul" style={{ paddingInlineStart: 20, margin: 0 }}>
            {sentences.map((s) => (
              <Text key={s.key} component="li">
                {s.text}
              </Text>
            ))}
          </Stack>
          <Text size="sm" c="dimmed">
            {t('ui.fundraisingReports.web.impact.note', { k: data.minimumCell, from: day(data.from, language), to: day(data.to, language) })}
          </Text>
        </>
      )}
    </Section>
  );
}

/** The fundraising dashboard: the register reminder, recurring and retention headlines, and the figures safe to quote in appeals. */
export function FundraisingDashboardPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageTitle text={t('ui.fundraisingReports.web.dashboard.title')} />
      <RegisterReminder />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <RecurringHeadline />
        <RetentionHeadline />
      </SimpleGrid>
      <ImpactForAppeals />
      <Group gap="md">
        <Anchor component={Link} to="/fundraising/reports">
          {t('ui.fundraisingReports.web.dashboard.allReports')}
        </Anchor>
        <Anchor component={Link} to="/fundraising/reports/register">
          {t('ui.fundraisingReports.web.register.open')}
        </Anchor>
      </Group>
    </Stack>
  );
}
