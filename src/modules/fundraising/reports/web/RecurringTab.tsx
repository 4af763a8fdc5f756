import { Anchor, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryStatus } from '../../../../web/components/QueryStatus';
import { currentLanguage } from '../../../../web/i18n';
import { tokyoDate } from '../../../../shared/time';
import { EChart } from '../../../advocacy/web/EChart';
import type { RecurringHealth, YearKind } from '../contract';
import { churnOption, expectedReceivedOption } from './reports.charts';
import { count, day, formatMonth, monthsOfYear, percent, yen } from './reports.labels';
import { recurringQuery, reportUrl } from './reports.queries';
import { Downloads, ReportTable, Section } from './ReportParts';

/** A headline figure: its name above, its value large. */
export function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
    </Paper>
  );
}

function RecurringCharts({ health }: { health: RecurringHealth }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const texts = useMemo(
    () => ({ yen: (n: number) => yen(n, language), percent: (r: number) => percent(r, language), month: (m: string) => formatMonth(m, language) }),
    [language],
  );
  const churn = useMemo(
    () => churnOption(health.months, { ...texts, cancelled: t('ui.fundraisingReports.web.recurring.cancelled'), churn: t('ui.fundraisingReports.web.recurring.churn') }),
    [health, texts, t],
  );
  const money = useMemo(
    () => expectedReceivedOption(health.months, { ...texts, expected: t('ui.fundraisingReports.web.recurring.expectedYen'), received: t('ui.fundraisingReports.web.recurring.receivedYen') }),
    [health, texts, t],
  );
  const period = { from: formatMonth(health.from, language), to: formatMonth(health.to, language) };
  const cancelled = health.months.reduce((s, m) => s + m.cancelled, 0);
  const expected = health.months.reduce((s, m) => s + m.expectedYen, 0);
  const received = health.months.reduce((s, m) => s + m.receivedYen, 0);
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <Section order={3} title={t('ui.fundraisingReports.web.recurring.churnTitle')}>
        <EChart option={churn} height={300} label={t('ui.fundraisingReports.web.recurring.churnLabel', { ...period, cancelled: count(cancelled, language) })} />
      </Section>
      <Section order={3} title={t('ui.fundraisingReports.web.recurring.moneyTitle')}>
        <EChart option={money} height={300} label={t('ui.fundraisingReports.web.recurring.moneyLabel', { ...period, expected: yen(expected, language), received: yen(received, language) })} />
      </Section>
    </SimpleGrid>
  );
}

/** Monthly and yearly giving over the chosen year's months: active commitments, MRR, churn, expected against received, missed payments. */
export function RecurringTab({ yearKind, year }: { yearKind: YearKind; year: number }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const params = monthsOfYear(yearKind, year, tokyoDate());
  const recurring = useQuery({ ...recurringQuery(params), placeholderData: keepPreviousData });
  const title = t('ui.fundraisingReports.web.recurring.title');
  const data = recurring.data;
  return (
    <Stack>
      <Section title={title} hint={t('ui.fundraisingReports.web.recurring.hint')}>
        <Group justify="flex-end">
          <Downloads what={title} csv={reportUrl('recurring', params, 'csv')} xlsx={reportUrl('recurring', params, 'xlsx')} />
        </Group>
        <QueryStatus query={recurring} />
        {data && (
          <>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Figure label={t('ui.fundraisingReports.web.recurring.active')} value={count(data.activeCommitments, language)} />
              <Figure label={t('ui.fundraisingReports.web.recurring.mrr')} value={yen(data.mrrYen, language)} />
              <Figure label={t('ui.fundraisingReports.web.recurring.missedCount')} value={count(data.missedPayments.length, language)} />
            </SimpleGrid>
            <Text size="sm" c="dimmed">
              {t('ui.fundraisingReports.web.recurring.asOf', { date: day(data.asOf, language), paused: count(data.byStatus.paused, language), failing: count(data.byStatus.failing, language) })}
            </Text>
            <RecurringCharts health={data} />
            <ReportTable
              label={t('ui.fundraisingReports.web.recurring.monthsTable')}
              minWidth={900}
              headers={[
                t('ui.fundraisingReports.web.columns.month'),
                t('ui.fundraisingReports.web.recurring.liveAtStart'),
                t('ui.fundraisingReports.web.recurring.cancelled'),
                t('ui.fundraisingReports.web.recurring.churn'),
                t('ui.fundraisingReports.web.recurring.expected'),
                t('ui.fundraisingReports.web.recurring.paid'),
                t('ui.fundraisingReports.web.recurring.missed'),
                t('ui.fundraisingReports.web.recurring.expectedYen'),
                t('ui.fundraisingReports.web.recurring.receivedYen'),
              ]}
              rows={data.months.map((m) => ({
                key: m.month,
                cells: [
                  formatMonth(m.month, language),
                  count(m.liveAtStart, language),
                  count(m.cancelled, language),
                  percent(m.churnRate, language),
                  count(m.expected, language),
                  count(m.paid, language),
                  count(m.missed, language),
                  yen(m.expectedYen, language),
                  yen(m.receivedYen, language),
                ],
              }))}
            />
            <Section order={3} title={t('ui.fundraisingReports.web.recurring.missedTitle')} hint={t('ui.fundraisingReports.web.recurring.missedHint')}>
              <ReportTable
                label={t('ui.fundraisingReports.web.recurring.missedTitle')}
                minWidth={800}
                headers={[
                  t('ui.fundraisingReports.web.columns.name'),
                  t('ui.fundraisingReports.web.columns.supporterNumber'),
                  t('ui.fundraisingReports.web.recurring.dueOn'),
                  t('ui.fundraisingReports.web.columns.amount'),
                  t('ui.fundraisingReports.web.recurring.frequency'),
                  t('ui.fundraisingReports.web.columns.method'),
                  t('ui.fundraisingReports.web.recurring.status'),
                ]}
                rows={data.missedPayments.map((p) => ({
                  key: `${p.commitmentId}-${p.dueOn}`,
                  cells: [
                    <Anchor key="name" component={Link} to={`/fundraising/supporters/${p.supporterId}`}>
                      {p.name || p.kana || p.supporterNumber}
                    </Anchor>,
                    p.supporterNumber,
                    day(p.dueOn, language),
                    yen(p.amountYen, language),
                    t(`ui.fundraisingReports.frequency.${p.frequency}`),
                    t(`ui.fundraisingReports.method.${p.method}`),
                    t(`ui.fundraisingReports.status.${p.status}`),
                  ],
                }))}
              />
            </Section>
          </>
        )}
      </Section>
    </Stack>
  );
}
