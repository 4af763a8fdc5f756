import { Group, Stack } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryStatus } from '../../../../web/components/QueryStatus';
import { currentLanguage } from '../../../../web/i18n';
import { EChart } from '../../../advocacy/web/EChart';
import { MIN_REPORT_YEAR, type Retention, type YearKind } from '../contract';
import { retentionOption } from './reports.charts';
import { count, percent, yearLabel, yen } from './reports.labels';
import { reportUrl, retentionQuery } from './reports.queries';
import { Downloads, ReportTable, Section } from './ReportParts';

/** How many years the retention tab shows, ending with the chosen one. */
const YEARS = 5;

function RetentionChart({ retention }: { retention: Retention }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const option = useMemo(
    () =>
      retentionOption(retention.years, {
        yen: (n) => yen(n, language),
        percent: (r) => percent(r, language),
        year: (y) => yearLabel(t, retention.yearKind, y),
        donors: t('ui.fundraisingReports.web.retention.donors'),
        rate: t('ui.fundraisingReports.web.retention.rate'),
        series: {
          new: t('ui.fundraisingReports.web.retention.new'),
          retained: t('ui.fundraisingReports.web.retention.retained'),
          recaptured: t('ui.fundraisingReports.web.retention.recaptured'),
          lapsed: t('ui.fundraisingReports.web.retention.lapsed'),
          donorRetention: t('ui.fundraisingReports.web.retention.donorRetention'),
          valueRetention: t('ui.fundraisingReports.web.retention.valueRetention'),
        },
      }),
    [retention, language, t],
  );
  const first = retention.years[0];
  const last = retention.years.at(-1);
  if (!first || !last) return null;
  const label = t('ui.fundraisingReports.web.retention.chartLabel', {
    from: yearLabel(t, retention.yearKind, first.year),
    to: yearLabel(t, retention.yearKind, last.year),
    donors: count(last.donors, language),
    rate: percent(last.donorRetention, language),
  });
  return <EChart option={option} label={label} />;
}

/** Donors per year: new, retained, recaptured and lapsed, with donor and value retention; chart and table of the same figures. */
export function RetentionTab({ yearKind, year }: { yearKind: YearKind; year: number }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const params = { yearKind, from: Math.max(MIN_REPORT_YEAR, year - YEARS + 1), to: year };
  const retention = useQuery({ ...retentionQuery(params), placeholderData: keepPreviousData });
  const title = t('ui.fundraisingReports.web.retention.title');
  const data = retention.data;
  return (
    <Stack>
      <Section title={title} hint={t('ui.fundraisingReports.web.retention.hint')}>
        <Group justify="flex-end">
          <Downloads what={title} csv={reportUrl('retention', params, 'csv')} xlsx={reportUrl('retention', params, 'xlsx')} />
        </Group>
        <QueryStatus query={retention} />
        {data && (
          <>
            <RetentionChart retention={data} />
            <ReportTable
              label={t('ui.fundraisingReports.web.retention.table')}
              minWidth={960}
              headers={[
                t('ui.fundraisingReports.web.columns.year'),
                t('ui.fundraisingReports.web.retention.donors'),
                t('ui.fundraisingReports.web.retention.new'),
                t('ui.fundraisingReports.web.retention.retained'),
                t('ui.fundraisingReports.web.retention.recaptured'),
                t('ui.fundraisingReports.web.retention.lapsed'),
                t('ui.fundraisingReports.web.retention.donorRetention'),
                t('ui.fundraisingReports.web.retention.valueRetention'),
                t('ui.fundraisingReports.web.columns.giving'),
              ]}
              rows={data.years.map((y) => ({
                key: String(y.year),
                cells: [
                  yearLabel(t, data.yearKind, y.year),
                  count(y.donors, language),
                  count(y.new, language),
                  count(y.retained, language),
                  count(y.recaptured, language),
                  count(y.lapsed, language),
                  percent(y.donorRetention, language),
                  percent(y.valueRetention, language),
                  yen(y.givingYen, language),
                ],
              }))}
            />
          </>
        )}
      </Section>
    </Stack>
  );
}
