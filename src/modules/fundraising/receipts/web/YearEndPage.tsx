import { Alert, Anchor, Badge, Button, Checkbox, Group, NativeSelect, NumberInput, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../../web/api';
import { useCan } from '../../../../web/auth';
import { PageTitle } from '../../../../web/components/PageTitle';
import { QueryStatus } from '../../../../web/components/QueryStatus';
import { TableHeader } from '../../../../web/components/TableHeader';
import { formatDateTime } from '../../../../web/format';
import { showApiError } from '../../../../web/forms';
import { currentLanguage } from '../../../../web/i18n';
import { DEFAULT_RECEIPT_THRESHOLD_YEN, formatYen, type BatchItem, type BatchProgress, type ReceiptBatch } from '../contract';
import { ReceiptLanguageSelect, type LanguageChoice } from './IssuedReceipt';
import { batchStatusLabel, currentYear, reasonLabel, recentYears } from './receipts.labels';
import {
  batchFileUrl, batchItemsQuery, createReceiptBatch, receiptBatchesQuery, receiptSettingsQuery, receiptsKey, runReceiptBatch,
} from './receipts.queries';

/** Supporters processed per call: small enough for the bar to move, large enough not to wait on round trips. */
const CHUNK = 25;

const progressOf = (b: ReceiptBatch): BatchProgress => ({ batchId: b.id, status: b.status, done: b.done, total: b.total, issued: b.issued, skipped: b.skipped, failed: b.failed });

/** Runs a batch to the end by calling run again and again; it can be paused, and resumed later (even after a reload). */
function useBatchRunner(batch: ReceiptBatch) {
  const client = useQueryClient();
  const [progress, setProgress] = useState<BatchProgress>(() => progressOf(batch));
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const stop = useRef(false);
  useEffect(() => {
    stop.current = false;
    return () => {
      stop.current = true;
    };
  }, []);

  const run = useCallback(async () => {
    stop.current = false;
    setRunning(true);
    setError(null);
    try {
      for (;;) {
        const next = await runReceiptBatch(batch.id, CHUNK);
        setProgress(next);
        if (next.status === 'done' || stop.current) break;
      }
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'network');
    } finally {
      setRunning(false);
      void client.invalidateQueries({ queryKey: receiptsKey });
    }
  }, [batch.id, client]);

  const pause = useCallback(() => {
    stop.current = true;
  }, []);
  return { progress, running, error, run, pause };
}

function ItemsList({ batchId, status, count }: { batchId: string; status: 'skipped' | 'failed'; count: number }) {
  const { t } = useTranslation();
  const items = useQuery({ ...batchItemsQuery(batchId, status), enabled: count > 0 });
  if (count === 0) return null;
  const rows: BatchItem[] = items.data?.items ?? [];
  const caption = status === 'skipped' ? t('ui.receipts.yearEnd.skippedTitle') : t('ui.receipts.yearEnd.failedTitle');
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {caption}
      </Title>
      <QueryStatus query={items} />
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={420}>
          <Table striped aria-label={caption}>
            <TableHeader labels={[t('ui.receipts.yearEnd.supporterNumber'), t('ui.receipts.yearEnd.reason')]} />
            <Table.Tbody>
              {rows.map((item) => (
                <Table.Tr key={item.supporterId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/fundraising/supporters/${item.supporterId}`} ff="monospace">
                      {item.supporterNumber}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{item.reason ? reasonLabel(t, item.reason) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {items.data && items.data.total > rows.length && <Text size="sm">{t('ui.receipts.yearEnd.moreItems', { shown: rows.length, total: items.data.total })}</Text>}
    </Stack>
  );
}

/** One batch: the progress bar while it runs, then what was issued and skipped, and the files to print. */
function BatchPanel({ batch, autoStart }: { batch: ReceiptBatch; autoStart: boolean }) {
  const { t } = useTranslation();
  const { progress, running, error, run, pause } = useBatchRunner(batch);
  const started = useRef(false);
  useEffect(() => {
    if (autoStart && !started.current && batch.status !== 'done') {
      started.current = true;
      void run();
    }
  }, [autoStart, batch.status, run]);

  const isDone = progress.status === 'done';
  const percent = progress.total === 0 ? 100 : Math.round((progress.done / progress.total) * 100);
  const progressText = t('ui.receipts.yearEnd.progress', { done: progress.done, total: progress.total });
  const title = t('ui.receipts.yearEnd.batchTitle', { year: batch.year });
  const state = isDone ? t('ui.receipts.batchStatus.done') : running ? t('ui.receipts.yearEnd.running') : t('ui.receipts.yearEnd.paused');
  return (
    <Paper withBorder p="md" aria-label={title} component="section">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h3">
            {title}
          </Title>
          <Badge color={isDone ? 'teal.9' : running ? 'indigo.8' : 'yellow.3'} variant="filled" autoContrast>
            {state}
          </Badge>
        </Group>
        <Text size="sm">
          {t('ui.receipts.yearEnd.batchSummary', {
            threshold: formatYen(batch.thresholdYen),
            language: batch.language === null ? t('ui.receipts.language.own') : batch.language === 'ja' ? t('ui.receipts.language.ja') : t('ui.receipts.language.en'),
          })}
        </Text>
        <Stack gap={4}>
          <Progress.Root size="xl" radius="sm">
            <Progress.Section
              value={percent}
              color={isDone ? 'teal.9' : 'indigo.8'}
              withAria={false}
              role="progressbar"
              aria-label={t('ui.receipts.yearEnd.progressLabel', { year: batch.year })}
              aria-valuemin={0}
              aria-valuemax={progress.total}
              aria-valuenow={progress.done}
              aria-valuetext={progressText}
            />
          </Progress.Root>
          <Text size="sm" aria-live="polite">
            {progressText}
          </Text>
        </Stack>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Text>{t('ui.receipts.yearEnd.issued', { count: progress.issued })}</Text>
          <Text>{t('ui.receipts.yearEnd.skipped', { count: progress.skipped })}</Text>
          <Text>{t('ui.receipts.yearEnd.failed', { count: progress.failed })}</Text>
        </SimpleGrid>
        {error && (
          <Alert color="red" role="alert">
            {error === 'network' ? t('ui.common.networkError') : error}
          </Alert>
        )}
        {!isDone && (
          <Group>
            {running ? (
              <Button variant="default" onClick={pause}>
                {t('ui.receipts.yearEnd.pause')}
              </Button>
            ) : (
              <Button onClick={() => void run()}>{progress.done === 0 ? t('ui.receipts.yearEnd.start') : t('ui.receipts.yearEnd.resume')}</Button>
            )}
          </Group>
        )}
        {isDone && progress.total === 0 && <Text>{t('ui.receipts.yearEnd.nobody')}</Text>}
        {isDone && progress.issued > 0 && (
          <Group>
            <Button component="a" href={batchFileUrl(batch.id, 'pdf')} download>
              {t('ui.receipts.yearEnd.downloadPdf')}
            </Button>
            <Button component="a" href={batchFileUrl(batch.id, 'zip')} download variant="default">
              {t('ui.receipts.yearEnd.downloadZip')}
            </Button>
          </Group>
        )}
        {isDone && (
          <>
            <ItemsList batchId={batch.id} status="skipped" count={progress.skipped} />
            <ItemsList batchId={batch.id} status="failed" count={progress.failed} />
          </>
        )}
      </Stack>
    </Paper>
  );
}

function CreateBatchForm({ onCreated }: { onCreated: (batch: ReceiptBatch) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const canManage = useCan('fundraising.manage');
  const settings = useQuery({ ...receiptSettingsQuery, enabled: canManage });
  const [year, setYear] = useState(String(currentYear() - 1));
  const [threshold, setThreshold] = useState<number | string | null>(null);
  const [language, setLanguage] = useState<LanguageChoice>('');
  const [acknowledgeDuplicates, setAcknowledgeDuplicates] = useState(false);
  // The settings' threshold until the fundraiser types another. Without the right to read the
  // settings the field starts empty, and an empty field lets the server take the settings' threshold.
  const thresholdValue = threshold ?? (canManage ? (settings.data?.receiptThresholdYen ?? '') : '');
  const create = useMutation({
    mutationFn: () =>
      createReceiptBatch({
        year: Number(year),
        thresholdYen: thresholdValue === '' ? undefined : Number(thresholdValue),
        language: language === '' ? null : language,
        acknowledgeDuplicates,
      }),
    onSuccess: (batch) => {
      void client.invalidateQueries({ queryKey: receiptsKey });
      onCreated(batch);
    },
    onError: (error) => showApiError(error, t),
  });
  return (
    <form
      noValidate
      aria-label={t('ui.receipts.yearEnd.newTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <Paper withBorder p="md">
        <Stack>
          <Title order={2} size="h3">
            {t('ui.receipts.yearEnd.newTitle')}
          </Title>
          <Text size="sm">{t('ui.receipts.yearEnd.newBody')}</Text>
          {settings.data && !settings.data.isConfigured && (
            <Alert color="yellow" role="alert">
              {t('ui.receipts.yearEnd.settingsMissing')}{' '}
              <Anchor component={Link} to="/fundraising/receipts/settings">
                {t('ui.receipts.settings.title')}
              </Anchor>
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NativeSelect
              label={t('fields.receipts.year')}
              value={year}
              onChange={(e) => setYear(e.currentTarget.value)}
              data={recentYears().map((y) => ({ value: String(y), label: String(y) }))}
            />
            <NumberInput
              label={t('fields.receipts.thresholdYen')}
              description={t('ui.receipts.yearEnd.thresholdHint', { defaultYen: formatYen(DEFAULT_RECEIPT_THRESHOLD_YEN) })}
              prefix="¥"
              thousandSeparator=","
              allowDecimal={false}
              allowNegative={false}
              min={0}
              value={thresholdValue}
              onChange={setThreshold}
            />
            <ReceiptLanguageSelect label={t('ui.receipts.yearEnd.language')} value={language} onChange={setLanguage} />
          </SimpleGrid>
          <Checkbox
            label={t('ui.receipts.yearEnd.acknowledgeDuplicates')}
            description={t('ui.receipts.yearEnd.acknowledgeDuplicatesHint')}
            checked={acknowledgeDuplicates}
            onChange={(e) => setAcknowledgeDuplicates(e.currentTarget.checked)}
          />
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('ui.receipts.yearEnd.create')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </form>
  );
}

function BatchList({ activeId, onOpen }: { activeId: string | null; onOpen: (batch: ReceiptBatch, resume: boolean) => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const batches = useQuery(receiptBatchesQuery);
  const list = batches.data?.batches ?? [];
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h3">
          {t('ui.receipts.yearEnd.listTitle')}
        </Title>
        <QueryStatus query={batches} />
        {batches.data && list.length === 0 && <Text c="dimmed">{t('ui.receipts.yearEnd.none')}</Text>}
        {list.length > 0 && (
          <Table.ScrollContainer minWidth={900}>
            <Table striped aria-label={t('ui.receipts.yearEnd.listTitle')}>
              <TableHeader
                labels={[
                  t('fields.receipts.year'), t('ui.receipts.yearEnd.createdAt'), t('fields.receipts.status'), t('ui.receipts.yearEnd.processed'),
                  t('ui.receipts.yearEnd.issuedColumn'), t('ui.receipts.yearEnd.skippedColumn'), t('ui.receipts.yearEnd.failedColumn'), t('ui.receipts.list.total'), t('ui.receipts.list.actions'),
                ]}
              />
              <Table.Tbody>
                {list.map((b) => (
                  <Table.Tr key={b.id} aria-current={b.id === activeId ? 'true' : undefined}>
                    <Table.Td>{b.year}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatDateTime(b.createdAt, language)}
                      {b.createdByName && <Text size="xs">{b.createdByName}</Text>}
                    </Table.Td>
                    <Table.Td>{batchStatusLabel(t, b.status)}</Table.Td>
                    <Table.Td>{t('ui.receipts.yearEnd.progress', { done: b.done, total: b.total })}</Table.Td>
                    <Table.Td>{b.issued}</Table.Td>
                    <Table.Td>{b.skipped}</Table.Td>
                    <Table.Td>{b.failed}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatYen(b.totalYen)}</Table.Td>
                    <Table.Td>
                      {b.status === 'done' ? (
                        <Button size="xs" variant="default" onClick={() => onOpen(b, false)} aria-label={t('ui.receipts.yearEnd.openLabel', { year: b.year, at: formatDateTime(b.createdAt, language) })}>
                          {t('ui.receipts.yearEnd.open')}
                        </Button>
                      ) : (
                        <Button size="xs" onClick={() => onOpen(b, true)} aria-label={t('ui.receipts.yearEnd.resumeLabel', { year: b.year, at: formatDateTime(b.createdAt, language) })}>
                          {t('ui.receipts.yearEnd.resume')}
                        </Button>
                      )}
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

/**
 * /fundraising/receipts/year-end: the year's annual receipts for every supporter who reached the
 * threshold, made in resumable steps with a progress bar, then printed as one PDF or a ZIP.
 */
export function YearEndPage() {
  const { t } = useTranslation();
  const [active, setActive] = useState<{ batch: ReceiptBatch; autoStart: boolean } | null>(null);
  return (
    <Stack maw={1200}>
      <PageTitle text={t('ui.receipts.yearEnd.title')} />
      <Group>
        <Anchor component={Link} to="/fundraising/receipts">
          {t('ui.receipts.list.title')}
        </Anchor>
      </Group>
      <CreateBatchForm onCreated={(batch) => setActive({ batch, autoStart: true })} />
      {active && <BatchPanel key={active.batch.id} batch={active.batch} autoStart={active.autoStart} />}
      <BatchList activeId={active?.batch.id ?? null} onOpen={(batch, resume) => setActive({ batch, autoStart: resume })} />
    </Stack>
  );
}
