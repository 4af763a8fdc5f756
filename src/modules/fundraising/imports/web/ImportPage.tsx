import { Alert, Box, Anchor, Badge, Button, Fieldset, Group, List, NativeSelect, Paper, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../../web/api';
import { useCan } from '../../../../web/auth';
import { ConfirmDialog } from '../../../../web/components/ConfirmDialog';
import { Detail } from '../../../../web/components/Detail';
import { PageTitle } from '../../../../web/components/PageTitle';
import { QueryStatus } from '../../../../web/components/QueryStatus';
import { TableHeader } from '../../../../web/components/TableHeader';
import { formatDate, formatDateTime } from '../../../../web/format';
import { showApiError, showSaved } from '../../../../web/forms';
import { currentLanguage } from '../../../../web/i18n';
import type { ImportBatch, ImportMatch, ImportRowView, RollbackResult } from '../batches.contract';
import type { ImportSupporter, ImportTarget } from '../imports.contract';
import { countsText } from './ImportsPage';
import { groupLabel, issueMessage, matchLabel, matchOrder, reasonLabel, sourceLabel, statusColor, statusLabel, targetGroups, targetLabel, yen } from './imports.labels';
import {
  analyseImport, commitImport, decideAllAmbiguous, decideRow, fundraisingKey, importQuery, importRowsQuery, importsKey, rollbackImport,
} from './imports.queries';

const ROWS_PAGE = 100;
const allTargets = targetGroups.flatMap((g) => g.targets);

const messageOf = (error: unknown, fallback: string) => (error instanceof ApiError ? error.message : fallback);

/** The donor as the file names them: the organisation, or family and given name; the reading beside it. */
function donorNames(s: ImportSupporter): { name: string; reading: string } {
  if (s.kind === 'organisation') {
    const person = [s.familyName, s.givenName].filter(Boolean).join(' ');
    return { name: [s.organisationName, person].filter(Boolean).join(' '), reading: s.organisationNameKana };
  }
  const name = [s.familyName, s.givenName].filter(Boolean).join(' ');
  const reading = [s.familyNameKana, s.givenNameKana].filter(Boolean).join(' ');
  return { name, reading: s.isNameFromKana || reading === name ? '' : reading };
}

// --- 1. Columns -------------------------------------------------------------------------------

function SampleTable({ batch }: { batch: ImportBatch }) {
  const { t } = useTranslation();
  if (batch.sample.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('ui.giftImports.mapping.sampleTitle', { count: batch.sample.length })}
      </Title>
      {/* A focusable region, so the wide sample can be scrolled with the keyboard. */}
      <Box component="div" role="region" aria-label={t('ui.giftImports.mapping.sampleTitle', { count: batch.sample.length })} tabIndex={0} style={{ overflowX: 'auto' }}>
        <Table striped withTableBorder miw={Math.max(600, batch.headers.length * 120)} aria-label={t('ui.giftImports.mapping.sampleTitle', { count: batch.sample.length })}>
          <TableHeader labels={batch.headers} />
          <Table.Tbody>
            {batch.sample.map((cells, i) => (
              <Table.Tr key={i}>
                {batch.headers.map((h, j) => (
                  <Table.Td key={h} style={{ whiteSpace: 'pre-wrap', maxWidth: 240 }}>
                    {cells[j] ?? ''}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
    </Stack>
  );
}

function MappingStep({ batch }: { batch: ImportBatch }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [open, setOpen] = useState(batch.status === 'uploaded');
  const [mapping, setMapping] = useState<Record<ImportTarget, string>>(
    () => Object.fromEntries(allTargets.map((target) => [target, batch.mapping?.[target] ?? ''])) as Record<ImportTarget, string>,
  );
  const analyse = useMutation({
    mutationFn: () => analyseImport(batch.id, { mapping: Object.fromEntries(allTargets.map((target) => [target, mapping[target] || null])), save: true }),
    onSuccess: (analysed) => {
      client.setQueryData(importQuery(batch.id).queryKey, analysed);
      void client.invalidateQueries({ queryKey: importsKey });
      setOpen(false);
    },
  });
  const options = [{ value: '', label: t('ui.giftImports.mapping.notInFile') }, ...batch.headers.map((h) => ({ value: h, label: h }))];

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-mapping-title">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h3" id="import-mapping-title">
            {t('ui.giftImports.mapping.title')}
          </Title>
          {!open && (
            <Button variant="default" onClick={() => setOpen(true)}>
              {t('ui.giftImports.mapping.change')}
            </Button>
          )}
        </Group>
        {open && (
          <>
            <Text size="sm">{t('ui.giftImports.mapping.body')}</Text>
            <SampleTable batch={batch} />
            {targetGroups.map(({ group, targets }) => (
              <Fieldset key={group} legend={groupLabel(t, group)}>
                <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
                  {targets.map((target) => (
                    <NativeSelect
                      key={target}
                      label={targetLabel(t, target)}
                      value={mapping[target]}
                      onChange={(e) => {
                        const value = e.currentTarget.value;
                        setMapping((m) => ({ ...m, [target]: value }));
                      }}
                      data={options}
                    />
                  ))}
                </SimpleGrid>
              </Fieldset>
            ))}
            {analyse.error && (
              <Alert color="red" role="alert">
                {messageOf(analyse.error, t('ui.common.networkError'))}
              </Alert>
            )}
            <Group>
              <Button loading={analyse.isPending} onClick={() => analyse.mutate()}>
                {t('ui.giftImports.mapping.read')}
              </Button>
              {batch.status === 'mapped' && (
                <Button variant="default" onClick={() => setOpen(false)}>
                  {t('ui.common.cancel')}
                </Button>
              )}
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}

// --- 2. Rows ----------------------------------------------------------------------------------

function Issues({ view }: { view: ImportRowView }) {
  const { t } = useTranslation();
  const warnings = view.row?.warnings ?? [];
  if (view.errors.length === 0 && warnings.length === 0) return null;
  return (
    <List size="sm" spacing={2}>
      {view.errors.map((e, i) => (
        <List.Item key={`e${i}`}>
          <Text span size="sm" fw={700}>
            {view.match === 'skipped' ? t('ui.giftImports.rows.leftOutLabel') : t('ui.giftImports.rows.errorLabel')}
          </Text>{' '}
          {issueMessage(t, e)}
        </List.Item>
      ))}
      {warnings.map((w, i) => (
        <List.Item key={`w${i}`}>
          <Text span size="sm" fw={700}>
            {t('ui.giftImports.rows.warningLabel')}
          </Text>{' '}
          {issueMessage(t, w)}
        </List.Item>
      ))}
    </List>
  );
}

function Candidates({ batch, view, canDecide }: { batch: ImportBatch; view: ImportRowView; canDecide: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const decide = useMutation({
    mutationFn: (input: { decision: 'existing' | 'new' | 'skip'; supporterId?: string }) => decideRow(batch.id, view.line, input),
    onSuccess: () => void client.invalidateQueries({ queryKey: importQuery(batch.id).queryKey }),
    onError: (error) => showApiError(error, t),
  });
  const matched = view.match === 'existing' ? view.candidates.find((c) => c.supporter.id === view.supporterId) : undefined;
  if (view.match === 'existing' && matched) {
    return (
      <Text size="sm">
        {t('ui.giftImports.rows.matched')}{' '}
        <Anchor component={Link} to={`/fundraising/supporters/${matched.supporter.id}`}>
          {matched.supporter.supporterNumber} {matched.supporter.displayName}
        </Anchor>{' '}
        ({matched.reasons.map((r) => reasonLabel(t, r)).join(', ')})
      </Text>
    );
  }
  if (view.match !== 'ambiguous') return null;
  const line = view.line;
  return (
    <Stack gap={6}>
      <Text size="sm" fw={700}>
        {t('ui.giftImports.rows.candidates')}
      </Text>
      {view.candidates.map((c) => (
        <Group key={c.supporter.id} gap="xs" wrap="wrap">
          <Text size="sm">
            <Anchor component={Link} to={`/fundraising/supporters/${c.supporter.id}`}>
              {c.supporter.supporterNumber} {c.supporter.displayName}
            </Anchor>{' '}
            {c.supporter.reading && `(${c.supporter.reading}) `}— {c.reasons.map((r) => reasonLabel(t, r)).join(', ')}
          </Text>
          {canDecide && (
            <Button
              size="compact-sm"
              variant="light"
              loading={decide.isPending}
              onClick={() => decide.mutate({ decision: 'existing', supporterId: c.supporter.id })}
              aria-label={t('ui.giftImports.rows.chooseLabel', { line, number: c.supporter.supporterNumber, name: c.supporter.displayName })}
            >
              {t('ui.giftImports.rows.choose')}
            </Button>
          )}
        </Group>
      ))}
      {canDecide && (
        <Group gap="xs">
          <Button size="compact-sm" variant="default" loading={decide.isPending} onClick={() => decide.mutate({ decision: 'new' })} aria-label={t('ui.giftImports.rows.newLabel', { line })}>
            {t('ui.giftImports.rows.new')}
          </Button>
          <Button size="compact-sm" variant="default" loading={decide.isPending} onClick={() => decide.mutate({ decision: 'skip' })} aria-label={t('ui.giftImports.rows.skipLabel', { line })}>
            {t('ui.giftImports.rows.skip')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function RowsTable({ batch, match, count, canDecide }: { batch: ImportBatch; match: ImportMatch; count: number; canDecide: boolean }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [offset, setOffset] = useState(0);
  const rows = useQuery(importRowsQuery(batch.id, match, offset, ROWS_PAGE));
  const list = rows.data?.rows ?? [];
  const caption = t('ui.giftImports.rows.tableLabel', { match: matchLabel(t, match) });
  return (
    <Stack>
      <QueryStatus query={rows} />
      {list.length > 0 && (
        <Box component="div" role="region" aria-label={caption} tabIndex={0} style={{ overflowX: 'auto' }}>
          <Table striped miw={960} aria-label={caption}>
            <TableHeader
              labels={[t('ui.giftImports.rows.line'), t('ui.giftImports.rows.date'), t('ui.giftImports.rows.amount'), t('ui.giftImports.rows.donor'), t('ui.giftImports.rows.email'), t('ui.giftImports.rows.details')]}
            />
            <Table.Tbody>
              {list.map((view) => {
                const row = view.row;
                const names = row?.supporter ? donorNames(row.supporter) : null;
                return (
                  <Table.Tr key={view.line}>
                    <Table.Td>{view.line}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{row ? formatDate(row.receivedOn, language) : '—'}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{row ? yen(row.amountYen) : '—'}</Table.Td>
                    <Table.Td>
                      {names ? (
                        <>
                          <Text size="sm">{names.name || '—'}</Text>
                          {names.reading && <Text size="xs">{names.reading}</Text>}
                        </>
                      ) : row ? (
                        <Text size="sm">{t('ui.giftImports.rows.anonymousDonor')}</Text>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td style={{ wordBreak: 'break-all' }}>{row?.supporter?.email ?? '—'}</Table.Td>
                    <Table.Td miw={320}>
                      <Stack gap={4}>
                        {view.match === 'skipped' && row && <Text size="sm">{t('ui.giftImports.rows.leftOutByPerson')}</Text>}
                        {view.match === 'duplicate' && <Text size="sm">{t('ui.giftImports.rows.alreadyImported')}</Text>}
                        <Issues view={view} />
                        <Candidates batch={batch} view={view} canDecide={canDecide} />
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Box>
      )}
      {count > ROWS_PAGE && (
        <Group>
          <Button variant="default" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - ROWS_PAGE))}>
            {t('ui.giftImports.rows.previous')}
          </Button>
          <Text size="sm">{t('ui.giftImports.rows.range', { from: offset + 1, to: Math.min(offset + ROWS_PAGE, count), total: count })}</Text>
          <Button variant="default" disabled={offset + ROWS_PAGE >= count} onClick={() => setOffset(offset + ROWS_PAGE)}>
            {t('ui.giftImports.rows.next')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function RowsStep({ batch, canDecide }: { batch: ImportBatch; canDecide: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const present = matchOrder.filter((m) => (batch.counts[m] ?? 0) > 0);
  const [chosen, setChosen] = useState<ImportMatch | null>(null);
  const tab = chosen && present.includes(chosen) ? chosen : (present[0] ?? null);
  const ambiguous = batch.counts.ambiguous ?? 0;
  const allNew = useMutation({
    mutationFn: () => decideAllAmbiguous(batch.id, 'new'),
    onSuccess: (result) => {
      showSaved(t, t('ui.giftImports.rows.allNewDone', { count: result.decided }));
      void client.invalidateQueries({ queryKey: importQuery(batch.id).queryKey });
    },
    onError: (error) => showApiError(error, t),
  });
  const rows = Object.values(batch.counts).reduce((sum, n) => sum + n, 0);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-rows-title">
      <Stack>
        <Title order={2} size="h3" id="import-rows-title">
          {t('ui.giftImports.rows.title')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Detail label={t('ui.giftImports.rows.rowsRead')}>{rows}</Detail>
          <Detail label={t('ui.giftImports.rows.totalYen')}>{yen(batch.totalYen)}</Detail>
        </SimpleGrid>
        <Table aria-label={t('ui.giftImports.rows.countsLabel')} maw={520}>
          <TableHeader labels={[t('ui.giftImports.rows.matchColumn'), t('ui.giftImports.rows.countColumn')]} />
          <Table.Tbody>
            {matchOrder.map((m) => (
              <Table.Tr key={m}>
                <Table.Td>{matchLabel(t, m)}</Table.Td>
                <Table.Td>{batch.counts[m] ?? 0}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {ambiguous > 0 && canDecide && (
          <Alert color="yellow" title={t('ui.giftImports.rows.unclearTitle', { count: ambiguous })}>
            <Stack gap="xs">
              <Text size="sm">{t('ui.giftImports.rows.unclearBody')}</Text>
              <Group>
                <Button variant="default" loading={allNew.isPending} onClick={() => allNew.mutate()}>
                  {t('ui.giftImports.rows.allNew')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {tab && (
          <Tabs value={tab} onChange={(v) => setChosen(matchOrder.find((m) => m === v) ?? null)} keepMounted={false}>
            <Tabs.List>
              {present.map((m) => (
                <Tabs.Tab key={m} value={m}>
                  {t('ui.giftImports.rows.tab', { match: matchLabel(t, m), count: batch.counts[m] ?? 0 })}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            {present.map((m) => (
              <Tabs.Panel key={m} value={m} pt="md">
                <RowsTable batch={batch} match={m} count={batch.counts[m] ?? 0} canDecide={canDecide} />
              </Tabs.Panel>
            ))}
          </Tabs>
        )}
      </Stack>
    </Paper>
  );
}

// --- 3. Commit, and rolling back ---------------------------------------------------------------

function CommitStep({ batch }: { batch: ImportBatch }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const ambiguous = batch.counts.ambiguous ?? 0;
  const gifts = (batch.counts.existing ?? 0) + (batch.counts.new ?? 0) + (batch.counts.anonymous ?? 0);
  const commit = useMutation({
    mutationFn: () => commitImport(batch.id),
    onSuccess: (committed) => {
      // The answer leaves out the sample rows: keep the ones already here.
      client.setQueryData(importQuery(batch.id).queryKey, { ...committed, sample: batch.sample });
      void client.invalidateQueries({ queryKey: fundraisingKey });
    },
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-commit-title">
      <Stack>
        <Title order={2} size="h3" id="import-commit-title">
          {t('ui.giftImports.commit.title')}
        </Title>
        <Text size="sm">{t('ui.giftImports.commit.body', { gifts })}</Text>
        {ambiguous > 0 && <Text size="sm" fw={700}>{t('ui.giftImports.commit.blocked', { count: ambiguous })}</Text>}
        {commit.error && (
          <Alert color="red" role="alert">
            {messageOf(commit.error, t('ui.common.networkError'))}
          </Alert>
        )}
        <Group>
          <Button disabled={ambiguous > 0} loading={commit.isPending} onClick={() => commit.mutate()}>
            {t('ui.giftImports.commit.submit', { count: gifts })}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function CommittedStep({ batch, canManage }: { batch: ImportBatch; canManage: boolean }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<RollbackResult | null>(null);
  const rollback = useMutation({
    mutationFn: () => rollbackImport(batch.id),
    onSuccess: (done) => {
      setConfirming(false);
      setResult(done);
      void client.invalidateQueries({ queryKey: fundraisingKey });
    },
    onError: () => setConfirming(false),
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-result-title">
      <Stack>
        <Title order={2} size="h3" id="import-result-title">
          {t('ui.giftImports.result.title')}
        </Title>
        {batch.committedAt && (
          <Alert color="teal" role="status" title={t('ui.giftImports.result.committed', { at: formatDateTime(batch.committedAt, language) })}>
            <List size="sm">
              <List.Item>{t('ui.giftImports.result.gifts', { count: batch.giftsCreated })}</List.Item>
              <List.Item>{t('ui.giftImports.result.supporters', { count: batch.supportersCreated })}</List.Item>
            </List>
          </Alert>
        )}
        {batch.status === 'rolled_back' && (
          <Alert color="gray" role="status" title={t('ui.giftImports.result.rolledBack', { at: batch.rolledBackAt ? formatDateTime(batch.rolledBackAt, language) : '' })}>
            {result
              ? t('ui.giftImports.result.rollbackDone', { gifts: result.giftsRemoved, removed: result.supportersRemoved, kept: result.supportersKept })
              : t('ui.giftImports.result.rolledBackBody')}
          </Alert>
        )}
        {rollback.error && (
          <Alert color="red" role="alert" title={t('ui.giftImports.rollback.refused')}>
            {messageOf(rollback.error, t('ui.common.networkError'))}
          </Alert>
        )}
        {batch.status === 'committed' && canManage && (
          <Group>
            <Button variant="default" color="red" onClick={() => setConfirming(true)}>
              {t('ui.giftImports.rollback.button')}
            </Button>
          </Group>
        )}
      </Stack>
      <ConfirmDialog
        opened={confirming}
        title={t('ui.giftImports.rollback.title')}
        body={t('ui.giftImports.rollback.body', { gifts: batch.giftsCreated, supporters: batch.supportersCreated })}
        confirmLabel={t('ui.giftImports.rollback.confirm')}
        loading={rollback.isPending}
        onConfirm={() => rollback.mutate()}
        onClose={() => setConfirming(false)}
      />
    </Paper>
  );
}

/**
 * /fundraising/imports/:id: one file, from its columns to the gifts it made: map the columns (the
 * source's usual ones pre-filled), read and check every row, decide the unclear donors, commit,
 * and roll the whole file back if it was a mistake.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { id = '' } = useParams();
  const canWrite = useCan('fundraising.write');
  const canManage = useCan('fundraising.manage');
  const batch = useQuery(importQuery(id));
  const b = batch.data;
  const isOpen = b?.status === 'uploaded' || b?.status === 'mapped';

  return (
    <Stack maw={1300}>
      <PageTitle text={b ? t('ui.giftImports.detail.title', { name: b.fileName }) : t('ui.giftImports.list.title')} />
      <Group>
        <Anchor component={Link} to="/fundraising/imports">
          {t('ui.giftImports.detail.back')}
        </Anchor>
      </Group>
      <QueryStatus query={batch} />
      {b && (
        <>
          <Paper withBorder p="md">
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              <Detail label={t('ui.giftImports.list.source')}>{sourceLabel(t, b.source)}</Detail>
              <Detail label={t('ui.giftImports.detail.encoding')}>{b.encoding}</Detail>
              <Detail label={t('ui.giftImports.list.status')}>
                <Badge color={statusColor(b.status)} variant="filled" autoContrast>
                  {statusLabel(t, b.status)}
                </Badge>
              </Detail>
              <Detail label={t('ui.giftImports.list.uploaded')}>{formatDateTime(b.createdAt, language)}</Detail>
            </SimpleGrid>
            {b.status !== 'uploaded' && countsText(t, b) !== '' && (
              <Text size="sm" mt="sm">
                {countsText(t, b)}
              </Text>
            )}
          </Paper>
          {isOpen && canWrite && <MappingStep key={`${b.id}:${b.status}`} batch={b} />}
          {b.status !== 'uploaded' && <RowsStep batch={b} canDecide={b.status === 'mapped' && canWrite} />}
          {b.status === 'mapped' && canWrite && <CommitStep batch={b} />}
          {(b.status === 'committed' || b.status === 'rolled_back') && <CommittedStep batch={b} canManage={canManage} />}
        </>
      )}
    </Stack>
  );
}
