import { Button, Checkbox, Group, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../../web/api';
import { PageTitle } from '../../../web/components/PageTitle';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { TableHeader } from '../../../web/components/TableHeader';
import { formatYen, localName } from '../../../web/format';
import { zodValidate } from '../../../web/forms';
import { currentLanguage } from '../../../web/i18n';
import { displayName } from '../../../shared/codes';
import { tokyoDate } from '../../../shared/time';
import { ReportQuery, type ReportFigures, type ReportSummary } from '../contract';

type Params = Record<string, string>;

const reportQuery = (params: Params) =>
  queryOptions({
    queryKey: ['reports', 'summary', params],
    queryFn: () => api<ReportSummary>(`/api/reports/summary${query(params)}`),
  });

function FigureTable({ label, headers, rows }: { label: string; headers: string[]; rows: Array<Array<string | number | null>> }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        {label}
      </Title>
      {rows.length === 0 ? (
        <Text c="dimmed">{t('ui.reports.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped aria-label={label}>
            <TableHeader labels={headers} />
            <Table.Tbody>
              {rows.map((row, i) => (
                <Table.Tr key={i}>
                  {row.map((cell, j) => (
                    // null: a count of fewer than 5 people, hidden for this role.
                    <Table.Td key={j}>{cell === null ? t('ui.reports.hidden') : cell}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function Figures({ figures, months }: { figures: ReportFigures; months: ReportSummary['months'] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const c = (key: string) => t(`ui.reports.columns.${key}`);
  const yen = (n: number) => formatYen(n, language);
  const group = [c('peopleHelped'), c('visits'), c('aidQuantity'), c('nights')];
  return (
    <Stack gap="lg">
      <FigureTable
        label={t('ui.reports.summary')}
        headers={[c('figure'), c('value')]}
        rows={[
          [c('peopleHelped'), figures.peopleHelped],
          [c('visits'), figures.visits],
          [c('consultations'), figures.consultations],
          [c('aidQuantity'), figures.aidQuantity],
          [c('shelterNights'), figures.nights.shelter],
          [c('lodgingNights'), figures.nights.paidLodging],
          [c('nights'), figures.nights.total],
          [c('totalYen'), yen(figures.moneyTotalYen)],
        ]}
      />
      <Text size="sm" c="dimmed">
        {t('ui.reports.nightsHint')}
      </Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <FigureTable
          label={t('ui.reports.aidByItem')}
          headers={[c('item'), c('category'), c('quantity'), c('people'), c('amountYen')]}
          rows={figures.aidByItem.map((a) => [localName(a, language), t(`ui.aidCategory.${a.category}`), a.quantity, a.people, yen(a.amountYen)])}
        />
        <FigureTable
          label={t('ui.reports.aidByCategory')}
          headers={[c('category'), c('quantity'), c('people'), c('amountYen')]}
          rows={figures.aidByCategory.map((a) => [t(`ui.aidCategory.${a.category}`), a.quantity, a.people, yen(a.amountYen)])}
        />
        <FigureTable
          label={t('ui.reports.moneyByLine')}
          headers={[c('budgetLine'), c('aidYen'), c('lodgingYen'), c('totalYen')]}
          rows={figures.moneyByLine.map((m) => [
            m.lineId ? ((language === 'ja' ? m.nameJa : m.nameEn) ?? '') : t('ui.reports.unassigned'), yen(m.aidYen), yen(m.lodgingYen), yen(m.totalYen),
          ])}
        />
        <FigureTable
          label={t('ui.reports.bySex')}
          headers={[c('sex'), ...group]}
          rows={figures.bySex.map((g) => [g.isFolded ? t('ui.reports.foldedGroups') : t(`ui.sex.${g.sex}`), g.peopleHelped, g.visits, g.aidQuantity, g.nights])}
        />
      </SimpleGrid>
      <FigureTable
        label={t('ui.reports.byNationality')}
        headers={[c('nationality'), ...group]}
        rows={figures.byNationality.map((g) => [
          g.isFolded ? t('ui.reports.foldedGroups') : g.nationality ? displayName('region', g.nationality, language) : t('ui.reports.unknownNationality'),
          g.peopleHelped, g.visits, g.aidQuantity, g.nights,
        ])}
      />
      {months && (
        <FigureTable
          label={t('ui.reports.byMonth')}
          headers={[c('month'), c('peopleHelped'), c('visits'), c('consultations'), c('aidQuantity'), c('shelterNights'), c('lodgingNights'), c('nights'), c('totalYen')]}
          rows={months.map((m) => [
            m.month, m.figures.peopleHelped, m.figures.visits, m.figures.consultations, m.figures.aidQuantity,
            m.figures.nights.shelter, m.figures.nights.paidLodging, m.figures.nights.total, yen(m.figures.moneyTotalYen),
          ])}
        />
      )}
    </Stack>
  );
}

/** Reports: figures for a month or a date range, by item, budget line, nationality and sex; CSV and Excel downloads. */
export function ReportsPage() {
  const { t } = useTranslation();
  const thisMonth = tokyoDate().slice(0, 7);
  const [mode, setMode] = useState<'month' | 'dates'>('month');
  const [month, setMonth] = useState(thisMonth);
  const [from, setFrom] = useState(`${thisMonth}-01`);
  const [to, setTo] = useState(tokyoDate());
  const [byMonth, setByMonth] = useState(false);

  const params: Params = mode === 'month' ? { month } : { from, to };
  if (byMonth) params.groupBy = 'month';
  // The same contract as the server: a bad range is shown under its field and not asked for.
  const errors = zodValidate(ReportQuery, (p: Params) => p, t)(params);
  const isValid = Object.keys(errors).length === 0;
  const report = useQuery({ ...reportQuery(params), enabled: isValid });
  const download = (extension: 'csv' | 'xlsx') => `/api/reports/summary.${extension}${query(params)}`;

  return (
    <Stack>
      <PageTitle text={t('ui.reports.title')} />
      <Group align="end" wrap="wrap">
        <SegmentedControl
          value={mode}
          onChange={(v) => setMode(v === 'dates' ? 'dates' : 'month')}
          data={[{ value: 'month', label: t('ui.reports.rangeMonth') }, { value: 'dates', label: t('ui.reports.rangeDates') }]}
        />
        {mode === 'month' ? (
          <TextInput type="month" label={t('ui.reports.month')} value={month} onChange={(e) => setMonth(e.currentTarget.value)} error={errors.month} w={200} />
        ) : (
          <>
            <TextInput type="date" label={t('ui.reports.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={errors.from} w={190} />
            <TextInput type="date" label={t('ui.reports.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} error={errors.to} w={190} />
          </>
        )}
        <Checkbox label={t('ui.reports.byMonthToggle')} checked={byMonth} onChange={(e) => setByMonth(e.currentTarget.checked)} mb={8} />
      </Group>
      {isValid && (
        <Group>
          <Button component="a" href={download('csv')} variant="default" download>
            {t('ui.reports.downloadCsv')}
          </Button>
          <Button component="a" href={download('xlsx')} variant="default" download>
            {t('ui.reports.downloadXlsx')}
          </Button>
        </Group>
      )}
      {isValid && <QueryStatus query={report} />}
      {isValid && report.data && (
        <>
          <Text size="sm">
            {report.data.from} – {report.data.to}
          </Text>
          {report.data.suppression && (
            <Text size="sm" c="dimmed">
              {t('ui.reports.suppressedBanner')}
            </Text>
          )}
          <Figures figures={report.data.figures} months={report.data.months} />
        </>
      )}
    </Stack>
  );
}
