import { Box, Button, Group, NumberInput, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TableHeader } from '../../../../web/components/TableHeader';
import { currentLanguage } from '../../../../web/i18n';
import { MAX_REPORT_YEAR, MIN_REPORT_YEAR, YearKind } from '../contract';
import { count } from './reports.labels';

/** A section of a report page: a heading, an optional hint, its content. */
export function Section({ title, hint, children, order = 2 }: { title: string; hint?: string; children: ReactNode; order?: 2 | 3 }) {
  return (
    <Stack gap="xs">
      <Title order={order} size={order === 2 ? 'h3' : 'h4'}>
        {title}
      </Title>
      {hint && (
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
      )}
      {children}
    </Stack>
  );
}

export interface ReportRow {
  key: string;
  cells: ReactNode[];
}

/** A labelled table; a wide one scrolls sideways in a region a keyboard can reach. The first cell names the row. */
export function ReportTable({ label, headers, rows, minWidth = 480 }: { label: string; headers: string[]; rows: ReportRow[]; minWidth?: number }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <Text c="dimmed">{t('ui.fundraisingReports.web.none')}</Text>;
  return (
    <Box component="div" role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      <Table striped aria-label={label} miw={minWidth}>
        <TableHeader labels={headers} />
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              {row.cells.map((cell, i) =>
                i === 0 ? (
                  <Table.Th key={i} scope="row" fw={400}>
                    {cell}
                  </Table.Th>
                ) : (
                  <Table.Td key={i}>{cell}</Table.Td>
                ),
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Box>
  );
}

/** Fiscal (April–March, the default) or calendar year, and which one. */
export function YearPicker({ kind, year, onKind, onYear }: { kind: YearKind; year: number; onKind: (kind: YearKind) => void; onYear: (year: number) => void }) {
  const { t } = useTranslation();
  return (
    <Group align="end" wrap="wrap">
      <SegmentedControl
        aria-label={t('ui.fundraisingReports.web.year.kind')}
        value={kind}
        onChange={(v) => {
          const parsed = YearKind.safeParse(v);
          if (parsed.success) onKind(parsed.data);
        }}
        data={[
          { value: 'fiscal', label: t('ui.fundraisingReports.yearKind.fiscal') },
          { value: 'calendar', label: t('ui.fundraisingReports.yearKind.calendar') },
        ]}
      />
      <NumberInput
        label={kind === 'fiscal' ? t('ui.fundraisingReports.web.year.fiscalLabel') : t('ui.fundraisingReports.web.year.calendarLabel')}
        description={kind === 'fiscal' ? t('ui.fundraisingReports.web.year.fiscalHint') : undefined}
        value={year}
        onChange={(v) => {
          const n = typeof v === 'number' ? v : Number(v);
          if (Number.isInteger(n) && n >= MIN_REPORT_YEAR && n <= MAX_REPORT_YEAR) onYear(n);
        }}
        min={MIN_REPORT_YEAR}
        max={MAX_REPORT_YEAR}
        allowDecimal={false}
        allowNegative={false}
        thousandSeparator={false}
        w={200}
      />
    </Group>
  );
}

/** The CSV and Excel files of what the tab shows (the same query). */
export function Downloads({ csv, xlsx, what }: { csv: string; xlsx: string; what: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="sm">
      <Button component="a" href={csv} variant="default" download aria-label={t('ui.fundraisingReports.web.download.csvOf', { what })}>
        {t('ui.fundraisingReports.web.download.csv')}
      </Button>
      <Button component="a" href={xlsx} variant="default" download aria-label={t('ui.fundraisingReports.web.download.xlsxOf', { what })}>
        {t('ui.fundraisingReports.web.download.xlsx')}
      </Button>
    </Group>
  );
}

/** "Rows 1–50 of 120" with the previous and next pages. */
export function Pager({ offset, limit, total, onOffset }: { offset: number; limit: number; total: number; onOffset: (offset: number) => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (total === 0) return null;
  return (
    <Group gap="sm">
      <Button variant="default" size="xs" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>
        {t('ui.fundraisingReports.web.page.previous')}
      </Button>
      <Text size="sm" aria-live="polite">
        {t('ui.fundraisingReports.web.page.rows', { from: count(offset + 1, language), to: count(Math.min(offset + limit, total), language), total: count(total, language) })}
      </Text>
      <Button variant="default" size="xs" disabled={offset + limit >= total} onClick={() => onOffset(offset + limit)}>
        {t('ui.fundraisingReports.web.page.next')}
      </Button>
    </Group>
  );
}
