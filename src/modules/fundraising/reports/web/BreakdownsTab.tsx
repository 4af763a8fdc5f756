import { Anchor, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryStatus } from '../../../../web/components/QueryStatus';
import { currentLanguage } from '../../../../web/i18n';
import { EChart } from '../../../advocacy/web/EChart';
import type { BreakdownRow, Breakdowns, YearKind } from '../contract';
import { breakdownOption } from './reports.charts';
import { count, day, percent, yearLabel, yen } from './reports.labels';
import { breakdownsQuery, reportUrl } from './reports.queries';
import { Downloads, ReportTable, Section } from './ReportParts';
import { Figure } from './RecurringTab';

type Dimension = 'byCampaign' | 'byFund' | 'byMethod' | 'byPrefecture';
const dimensions: readonly Dimension[] = ['byCampaign', 'byFund', 'byMethod', 'byPrefecture'];

/** How many of the year's largest gifts are listed. */
const TOP = 10;

function useGroupLabel() {
  const { t } = useTranslation();
  const language = currentLanguage();
  return useCallback((dimension: Dimension, row: BreakdownRow): string => {
    if (dimension === 'byMethod' && row.key) return t(`ui.fundraisingReports.method.${row.key}`, { defaultValue: row.key });
    if (row.key === null) return dimension === 'byCampaign' ? t('ui.fundraisingReports.noCampaign') : t('ui.fundraisingReports.unknown');
    const label = language === 'ja' ? row.labelJa : row.labelEn;
    return label || row.labelJa || row.code || row.key;
  }, [t, language]);
}

function BreakdownSection({ dimension, breakdowns }: { dimension: Dimension; breakdowns: Breakdowns }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const labelOf = useGroupLabel();
  const rows = breakdowns[dimension];
  const title = t(`ui.fundraisingReports.web.breakdowns.${dimension}`);
  const labelled = useMemo(() => rows.map((r) => ({ row: r, label: labelOf(dimension, r) })), [rows, labelOf, dimension]);
  const option = useMemo(
    () => breakdownOption(labelled.map((l) => ({ label: l.label, givingYen: l.row.givingYen })), { yen: (n) => yen(n, language), percent: (r) => percent(r, language), giving: t('ui.fundraisingReports.web.columns.giving') }),
    [labelled, language, t],
  );
  const largest = labelled[0];
  return (
    <Section order={3} title={title}>
      {largest && (
        <EChart
          option={option}
          height={Math.max(160, 48 + rows.length * 32)}
          label={t('ui.fundraisingReports.web.breakdowns.chartLabel', {
            what: title,
            year: yearLabel(t, breakdowns.yearKind, breakdowns.year),
            groups: count(rows.length, language),
            largest: largest.label,
            yen: yen(largest.row.givingYen, language),
          })}
        />
      )}
      <ReportTable
        label={title}
        minWidth={520}
        headers={[
          t(`ui.fundraisingReports.web.breakdowns.group.${dimension}`),
          t('ui.fundraisingReports.web.columns.gifts'),
          t('ui.fundraisingReports.web.columns.donors'),
          t('ui.fundraisingReports.web.columns.giving'),
          t('ui.fundraisingReports.web.columns.net'),
        ]}
        rows={labelled.map(({ row, label }, i) => ({
          key: row.key ?? `none-${i}`,
          cells: [label, count(row.gifts, language), count(row.donors, language), yen(row.givingYen, language), yen(row.netYen, language)],
        }))}
      />
    </Section>
  );
}

/** Where the chosen year's money came from: totals, by campaign, fund, method and prefecture (chart and table each), and the largest gifts. */
export function BreakdownsTab({ yearKind, year }: { yearKind: YearKind; year: number }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const params = { yearKind, year, top: TOP };
  const breakdowns = useQuery({ ...breakdownsQuery(params), placeholderData: keepPreviousData });
  const title = t('ui.fundraisingReports.web.breakdowns.title');
  const data = breakdowns.data;
  return (
    <Stack>
      <Section title={title} hint={t('ui.fundraisingReports.web.breakdowns.hint')}>
        <Group justify="flex-end">
          <Downloads what={title} csv={reportUrl('breakdowns', params, 'csv')} xlsx={reportUrl('breakdowns', params, 'xlsx')} />
        </Group>
        <QueryStatus query={breakdowns} />
        {data && (
          <>
            <SimpleGrid cols={{ base: 2, md: 4 }}>
              <Figure label={t('ui.fundraisingReports.web.columns.giving')} value={yen(data.totals.givingYen, language)} />
              <Figure label={t('ui.fundraisingReports.web.columns.gifts')} value={count(data.totals.gifts, language)} />
              <Figure label={t('ui.fundraisingReports.web.columns.donors')} value={count(data.totals.donors, language)} />
              <Figure label={t('ui.fundraisingReports.web.breakdowns.average')} value={data.totals.averageGiftYen === null ? '—' : yen(data.totals.averageGiftYen, language)} />
            </SimpleGrid>
            <Text size="sm" c="dimmed">
              {t('ui.fundraisingReports.web.breakdowns.net', { yen: yen(data.totals.netYen, language) })}
            </Text>
            <SimpleGrid cols={{ base: 1, lg: 2 }}>
              {dimensions.map((d) => (
                <BreakdownSection key={d} dimension={d} breakdowns={data} />
              ))}
            </SimpleGrid>
            <Section order={3} title={t('ui.fundraisingReports.web.breakdowns.topGifts')}>
              <ReportTable
                label={t('ui.fundraisingReports.web.breakdowns.topGifts')}
                minWidth={800}
                headers={[
                  t('ui.fundraisingReports.web.columns.amount'),
                  t('ui.fundraisingReports.web.columns.receivedOn'),
                  t('ui.fundraisingReports.web.columns.name'),
                  t('ui.fundraisingReports.web.columns.method'),
                  t('ui.fundraisingReports.web.breakdowns.campaign'),
                  t('ui.fundraisingReports.web.breakdowns.fund'),
                ]}
                rows={data.topGifts.map((g) => ({
                  key: g.giftId,
                  cells: [
                    yen(g.amountYen, language),
                    day(g.receivedOn, language),
                    g.supporterId ? (
                      <Anchor key="name" component={Link} to={`/fundraising/supporters/${g.supporterId}`}>
                        {g.name || g.supporterNumber}
                      </Anchor>
                    ) : (
                      t('ui.fundraisingReports.anonymous')
                    ),
                    t(`ui.fundraisingReports.method.${g.method}`),
                    g.campaignCode ?? t('ui.fundraisingReports.noCampaign'),
                    g.fundCode,
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
