import { Alert, Blockquote, Box, Button, Checkbox, Group, NumberInput, Paper, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { query } from '../../../web/api';
import { PageTitle } from '../../../web/components/PageTitle';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { TableHeader } from '../../../web/components/TableHeader';
import { zodValidate } from '../../../web/forms';
import { currentLanguage } from '../../../web/i18n';
import { tokyoDate } from '../../../shared/time';
import { barrierTrendOption, largestBarriers } from '../charts';
import { BreakdownDimension, EvidenceQuery, type DaysFigures, type Evidence, type MonthlyCount } from '../contract';
import { formatCount } from '../suppression';
import { barrierLabel, breakdownGroup, breakdownTitle, formatMonth } from './advocacy.labels';
import { evidenceQuery, type EvidenceParams } from './advocacy.queries';
import { EChart } from './EChart';

type PeriodMode = 'last12' | 'year' | 'fiscalYear' | 'range';
const periodModes: readonly PeriodMode[] = ['last12', 'year', 'fiscalYear', 'range'];

function isPeriodMode(value: string): value is PeriodMode {
  return (periodModes as readonly string[]).includes(value);
}

/** Days are hidden for a group of fewer than k people: a dash, never a number. */
function days(value: number | null): string {
  return value === null ? '—' : String(value);
}

function Section({ title, children, hint }: { title: string; children: ReactNode; hint?: string }) {
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
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

/** A table of text cells; the first column names each row, and a row may be a total (bold). */
function FigureTable({ label, headers, rows, minWidth = 480 }: { label: string; headers: string[]; rows: Array<{ key: string; cells: string[]; isTotal?: boolean }>; minWidth?: number }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <Text c="dimmed">{t('ui.advocacy.none')}</Text>;
  return (
    // A wide table scrolls sideways: the scrolling box is a labelled region a keyboard can reach.
    <Box component="div" role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      <Table striped aria-label={label} miw={minWidth}>
        <TableHeader labels={headers} />
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key} fw={row.isTotal ? 700 : undefined}>
              {row.cells.map((cell, i) =>
                i === 0 ? (
                  <Table.Th key={i} scope="row" fw={row.isTotal ? 700 : 400}>
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

function BandsBanner({ k }: { k: number }) {
  const { t } = useTranslation();
  return (
    <Alert color="blue" variant="light" title={t('ui.advocacy.bands.title')}>
      <Text size="sm">{t('ui.advocacy.bands.body', { k, below: k - 1, upper: 2 * k - 1 })}</Text>
    </Alert>
  );
}

function BarrierMonthTable({ evidence }: { evidence: Evidence }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const rows = [
    ...evidence.barriers.map((b) => ({
      key: b.barrierId,
      cells: [`${barrierLabel(b, language)}${b.isRetired ? ` (${t('ui.advocacy.status.retired')})` : ''}`, ...b.months.map(formatCount), formatCount(b.total)],
    })),
    { key: 'any', isTotal: true, cells: [t('ui.advocacy.evidence.anyBarrier'), ...evidence.anyBarrier.months.map(formatCount), formatCount(evidence.anyBarrier.total)] },
  ];
  return (
    <FigureTable
      label={t('ui.advocacy.evidence.byBarrier')}
      headers={[t('ui.advocacy.evidence.barrier'), ...evidence.months.map((m) => formatMonth(m, language)), t('ui.advocacy.evidence.total')]}
      rows={rows}
      minWidth={Math.max(640, 200 + evidence.months.length * 80)}
    />
  );
}

function Breakdowns({ evidence }: { evidence: Evidence }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const k = evidence.minimumCell;
  const narrowed = evidence.barrierId ? evidence.barriers.find((b) => b.barrierId === evidence.barrierId) : undefined;
  const whose = narrowed ? t('ui.advocacy.evidence.breakdownsOf', { barrier: barrierLabel(narrowed, language) }) : t('ui.advocacy.evidence.breakdownsAny');
  return (
    <Section title={t('ui.advocacy.evidence.breakdowns')} hint={whose}>
      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
        {BreakdownDimension.options.map((dimension) => {
          const title = breakdownTitle(t, dimension);
          return (
            <Stack key={dimension} gap={4}>
              <Title order={3} size="h5">
                {title}
              </Title>
              <FigureTable
                label={title}
                minWidth={280}
                headers={[title, t('ui.advocacy.evidence.people')]}
                rows={(evidence.breakdowns[dimension] ?? []).map((row, i) => ({
                  key: row.isFolded ? `folded-${i}` : (row.group ?? `unknown-${i}`),
                  // A group of unknown value comes as 'unknown' or as null without being the folded row.
                  cells: [
                    row.isFolded ? t('ui.advocacy.evidence.folded', { k }) : row.group === null ? t('ui.advocacy.unknownGroup') : breakdownGroup(t, language, dimension, row.group),
                    formatCount(row.people),
                  ],
                }))}
              />
            </Stack>
          );
        })}
      </SimpleGrid>
    </Section>
  );
}

function AllowanceWaits({ evidence }: { evidence: Evidence }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const daysRow = (key: string, name: string, f: DaysFigures) => ({ key, cells: [name, formatCount(f.people), days(f.medianDays), days(f.p90Days), days(f.longestDays)] });
  const headers = (first: string) => [first, t('ui.advocacy.evidence.people'), t('ui.advocacy.evidence.median'), t('ui.advocacy.evidence.p90'), t('ui.advocacy.evidence.longest')];
  return (
    <>
      <Section title={t('ui.advocacy.evidence.allowanceWaits')} hint={t('ui.advocacy.evidence.allowanceWaitsHint', { k: evidence.minimumCell })}>
        <FigureTable
          label={t('ui.advocacy.evidence.allowanceWaits')}
          headers={headers(t('ui.advocacy.evidence.month'))}
          rows={evidence.allowanceWaits.map((w) => daysRow(w.month, formatMonth(w.month, language), w))}
        />
      </Section>
      <Section title={t('ui.advocacy.evidence.waitingTimes')}>
        <FigureTable
          label={t('ui.advocacy.evidence.waitingTimes')}
          headers={headers(t('ui.advocacy.evidence.figure'))}
          rows={[
            daysRow('now', t('ui.advocacy.evidence.waitingNow'), evidence.allowanceWaitingNow),
            daysRow('rough', t('ui.advocacy.evidence.roughNights'), evidence.roughNightsBeforeBed),
          ]}
        />
      </Section>
    </>
  );
}

function MonthlyFigures({ evidence }: { evidence: Evidence }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const row = (key: string, name: string, m: MonthlyCount) => ({ key, cells: [name, ...m.months.map(formatCount), formatCount(m.total)] });
  return (
    <Section title={t('ui.advocacy.evidence.otherFigures')} hint={t('ui.advocacy.evidence.otherFiguresHint')}>
      <FigureTable
        label={t('ui.advocacy.evidence.otherFigures')}
        headers={[t('ui.advocacy.evidence.figure'), ...evidence.months.map((m) => formatMonth(m, language)), t('ui.advocacy.evidence.total')]}
        minWidth={Math.max(640, 260 + evidence.months.length * 80)}
        rows={[
          row('turnAways', t('ui.advocacy.evidence.shelterTurnAways'), evidence.shelterTurnAways),
          row('deadlines', t('ui.advocacy.evidence.deadlinesMissed'), evidence.deadlinesMissed),
          row('interpreter', t('ui.advocacy.evidence.withoutInterpreter'), evidence.consultationsWithoutInterpreter),
        ]}
      />
    </Section>
  );
}

function QuoteItem({ quote, label, checked, onChange }: { quote: Evidence['quotes'][number]; label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const textId = useId();
  return (
    <Paper withBorder p="sm">
      <Stack gap={6}>
        <Blockquote id={textId} p="xs" style={{ whiteSpace: 'pre-wrap' }}>
          {quote.quote}
        </Blockquote>
        <Text size="sm" c="dimmed">
          {label} · {formatMonth(quote.month, language)}
        </Text>
        <Checkbox label={t('ui.advocacy.evidence.includeQuote')} aria-describedby={textId} checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
      </Stack>
    </Paper>
  );
}

function Quotes({ evidence, chosen, onChange }: { evidence: Evidence; chosen: string[]; onChange: (ids: string[]) => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const labelOf = (id: string) => {
    const b = evidence.barriers.find((x) => x.barrierId === id);
    return b ? barrierLabel(b, language) : '';
  };
  return (
    <Section title={t('ui.advocacy.evidence.quotes')} hint={t('ui.advocacy.evidence.quotesHint', { k: evidence.minimumCell })}>
      {evidence.quotes.length === 0 ? (
        <Text c="dimmed">{t('ui.advocacy.evidence.noQuotes')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {evidence.quotes.map((q) => (
            <QuoteItem
              key={q.id}
              quote={q}
              label={labelOf(q.barrierId)}
              checked={chosen.includes(q.id)}
              onChange={(on) => onChange(on ? [...chosen, q.id] : chosen.filter((id) => id !== q.id))}
            />
          ))}
        </SimpleGrid>
      )}
    </Section>
  );
}

function TrendChart({ evidence, charted, onChange }: { evidence: Evidence; charted: string[]; onChange: (ids: string[]) => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const option = useMemo(
    () =>
      barrierTrendOption(evidence, charted, {
        people: t('ui.advocacy.chart.people'),
        barrier: (row) => barrierLabel(row, language),
        month: (m) => formatMonth(m, language),
      }),
    [evidence, charted, language, t],
  );
  const names = evidence.barriers.filter((b) => charted.includes(b.barrierId)).map((b) => barrierLabel(b, language));
  return (
    <Section title={t('ui.advocacy.chart.title')} hint={t('ui.advocacy.chart.hint')}>
      {names.length > 0 ? (
        <EChart option={option} label={t('ui.advocacy.chart.label', { barriers: names.join(language === 'ja' ? '、' : ', '), from: formatMonth(evidence.from, language), to: formatMonth(evidence.to, language) })} />
      ) : (
        <Text c="dimmed">{t('ui.advocacy.chart.empty')}</Text>
      )}
      <Checkbox.Group label={t('ui.advocacy.chart.choose')} value={charted} onChange={onChange}>
        <Group mt={6} gap="sm">
          {evidence.barriers.map((b) => (
            <Checkbox key={b.barrierId} value={b.barrierId} label={`${barrierLabel(b, language)} (${formatCount(b.total)})`} />
          ))}
        </Group>
      </Checkbox.Group>
    </Section>
  );
}

function Downloads({ params, charted, quotes }: { params: EvidenceParams; charted: string[]; quotes: string[] }) {
  const { t } = useTranslation();
  const [hxl, setHxl] = useState(false);
  const csv = `/api/advocacy/evidence.csv${query({ ...params, hxl: hxl ? '1' : undefined })}`;
  const xlsx = `/api/advocacy/evidence.xlsx${query(params)}`;
  const pdf = `/api/advocacy/brief.pdf${query({ ...params, barriers: charted.join(','), quotes: quotes.join(',') })}`;
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Group>
          <Button component="a" href={csv} variant="default" download>
            {t('ui.advocacy.download.csv')}
          </Button>
          <Button component="a" href={xlsx} variant="default" download>
            {t('ui.advocacy.download.xlsx')}
          </Button>
          <Button component="a" href={pdf} download>
            {t('ui.advocacy.download.pdf')}
          </Button>
        </Group>
        <Checkbox label={t('ui.advocacy.download.hxl')} description={t('ui.advocacy.download.hxlHint')} checked={hxl} onChange={(e) => setHxl(e.currentTarget.checked)} />
        <Text size="sm" c="dimmed">
          {t('ui.advocacy.download.pdfHint', { barriers: charted.length, quotes: quotes.length })}
        </Text>
      </Stack>
    </Paper>
  );
}

/** The fiscal year (April to March, named by its April) that today falls in. */
function currentFiscalYear(today: string): number {
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 4 ? year : year - 1;
}

/**
 * Evidence for lawmakers: people affected by each systemic barrier per month (as bands of k),
 * the trend chart, breakdowns, allowance waits and the other figures of the period, quotes to
 * choose for the brief, and the CSV, Excel and PDF downloads of the same period.
 */
export function EvidencePage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const today = tokyoDate();
  const [mode, setMode] = useState<PeriodMode>('last12');
  const [year, setYear] = useState<string | number>(Number(today.slice(0, 4)));
  const [fiscalYear, setFiscalYear] = useState<string | number>(currentFiscalYear(today));
  const [from, setFrom] = useState(`${Number(today.slice(0, 4)) - 1}-${today.slice(5, 7)}`);
  const [to, setTo] = useState(today.slice(0, 7));
  const [barrierId, setBarrierId] = useState<string | null>(null);
  // null: the default (the largest barriers of the period), until the staff member chooses.
  const [chosenCharted, setChosenCharted] = useState<string[] | null>(null);
  const [chosenQuotes, setChosenQuotes] = useState<string[]>([]);

  const params: EvidenceParams = {};
  if (mode === 'year') params.year = String(year);
  if (mode === 'fiscalYear') params.fiscalYear = String(fiscalYear);
  if (mode === 'range') Object.assign(params, { from, to });
  if (barrierId) params.barrierId = barrierId;
  // The same contract as the server: a bad period is shown under its field and not asked for.
  const errors = zodValidate(EvidenceQuery, (p: EvidenceParams) => p, t)(params);
  const isValid = Object.keys(errors).length === 0;
  const evidence = useQuery({ ...evidenceQuery(params), enabled: isValid, placeholderData: keepPreviousData });
  const data = isValid ? evidence.data : undefined;

  const charted = data ? (chosenCharted ?? largestBarriers(data)).filter((id) => data.barriers.some((b) => b.barrierId === id)) : [];
  const quotes = data ? chosenQuotes.filter((id) => data.quotes.some((q) => q.id === id)) : [];

  return (
    <Stack>
      <PageTitle text={t('ui.advocacy.evidence.title')} />
      <Text>{t('ui.advocacy.evidence.intro')}</Text>
      <Group align="end" wrap="wrap">
        <SegmentedControl
          value={mode}
          onChange={(v) => isPeriodMode(v) && setMode(v)}
          data={[
            { value: 'last12', label: t('ui.advocacy.period.last12') },
            { value: 'year', label: t('ui.advocacy.period.year') },
            { value: 'fiscalYear', label: t('ui.advocacy.period.fiscalYear') },
            { value: 'range', label: t('ui.advocacy.period.range') },
          ]}
        />
        {mode === 'year' && (
          <NumberInput label={t('ui.advocacy.period.yearLabel')} value={year} onChange={setYear} min={1900} max={2199} allowDecimal={false} allowNegative={false} error={errors.year} w={140} />
        )}
        {mode === 'fiscalYear' && (
          <NumberInput
            label={t('ui.advocacy.period.fiscalYearLabel')}
            description={t('ui.advocacy.period.fiscalYearHint')}
            value={fiscalYear}
            onChange={setFiscalYear}
            min={1900}
            max={2199}
            allowDecimal={false}
            allowNegative={false}
            error={errors.fiscalYear}
            w={220}
          />
        )}
        {mode === 'range' && (
          <>
            <TextInput type="month" label={t('ui.advocacy.period.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={errors.from} w={180} />
            <TextInput type="month" label={t('ui.advocacy.period.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} error={errors.to} w={180} />
          </>
        )}
        <Select
          label={t('ui.advocacy.evidence.narrow')}
          placeholder={t('ui.advocacy.evidence.anyBarrier')}
          data={(evidence.data?.barriers ?? []).map((b) => ({ value: b.barrierId, label: barrierLabel(b, language) }))}
          value={barrierId}
          onChange={setBarrierId}
          clearable
          searchable
          w={300}
        />
      </Group>
      {isValid && <QueryStatus query={evidence} />}
      {errors.form && <Alert color="red">{errors.form}</Alert>}
      {data && (
        <>
          <Text fw={700}>{t('ui.advocacy.evidence.period', { from: formatMonth(data.from, language), to: formatMonth(data.to, language) })}</Text>
          <BandsBanner k={data.minimumCell} />
          <Downloads params={params} charted={charted} quotes={quotes} />
          <TrendChart evidence={data} charted={charted} onChange={setChosenCharted} />
          <Section title={t('ui.advocacy.evidence.byBarrier')} hint={t('ui.advocacy.evidence.byBarrierHint')}>
            <BarrierMonthTable evidence={data} />
          </Section>
          <Breakdowns evidence={data} />
          <AllowanceWaits evidence={data} />
          <MonthlyFigures evidence={data} />
          <Quotes evidence={data} chosen={quotes} onChange={setChosenQuotes} />
        </>
      )}
    </Stack>
  );
}
