import { Alert, Anchor, Badge, Button, FileInput, Group, NativeSelect, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../../../web/api';
import { useCan, useMe } from '../../../../web/auth';
import { PageTitle } from '../../../../web/components/PageTitle';
import { QueryStatus } from '../../../../web/components/QueryStatus';
import { TableHeader } from '../../../../web/components/TableHeader';
import { formatDateTime } from '../../../../web/format';
import { currentLanguage } from '../../../../web/i18n';
import type { ImportBatch } from '../batches.contract';
import { ImportSource, MAX_IMPORT_BYTES } from '../imports.contract';
import { matchLabel, matchOrder, sourceLabel, statusColor, statusLabel, yen } from './imports.labels';
import { importsKey, importsQuery, uploadImport } from './imports.queries';

/** "新規 3 · 既存 1 · エラー 2": how a batch's rows matched, in words. */
export function countsText(t: ReturnType<typeof useTranslation>['t'], batch: Pick<ImportBatch, 'counts'>): string {
  return matchOrder
    .filter((m) => (batch.counts[m] ?? 0) > 0)
    .map((m) => `${matchLabel(t, m)} ${batch.counts[m] ?? 0}`)
    .join(' · ');
}

function UploadForm() {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<number | null>(null);

  async function submit() {
    setError(null);
    if (!file) {
      setFileError(t('validation.required'));
      return;
    }
    if (file.size > MAX_IMPORT_BYTES) {
      setFileError(t('errors.import.too_large', { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 }));
      return;
    }
    setSent(0);
    try {
      const parsed = ImportSource.safeParse(source);
      const batch = await uploadImport(file, { source: parsed.success ? parsed.data : null, csrfToken: me.csrfToken, onProgress: setSent }).done;
      void client.invalidateQueries({ queryKey: importsKey });
      void navigate(`/fundraising/imports/${batch.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('ui.common.networkError'));
      setSent(null);
    }
  }

  const percent = sent === null ? 0 : Math.round(sent * 100);
  return (
    <form
      noValidate
      aria-label={t('ui.giftImports.upload.title')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Paper withBorder p="md">
        <Stack>
          <Title order={2} size="h3">
            {t('ui.giftImports.upload.title')}
          </Title>
          <Text size="sm">{t('ui.giftImports.upload.body')}</Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <FileInput
              label={t('ui.giftImports.upload.file')}
              description={t('ui.giftImports.upload.fileHint', { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 })}
              placeholder={t('ui.giftImports.upload.filePlaceholder')}
              accept=".csv,.txt,text/csv,text/plain"
              withAsterisk
              clearable
              value={file}
              error={fileError}
              onChange={(f) => {
                setFile(f);
                setFileError(null);
                setError(null);
              }}
            />
            <NativeSelect
              label={t('ui.giftImports.upload.source')}
              description={t('ui.giftImports.upload.sourceHint')}
              value={source}
              onChange={(e) => setSource(e.currentTarget.value)}
              data={[{ value: '', label: t('ui.giftImports.upload.sourceAuto') }, ...ImportSource.options.map((s) => ({ value: s, label: sourceLabel(t, s) }))]}
            />
          </SimpleGrid>
          {sent !== null && (
            <Stack gap={4}>
              <Progress.Root size="lg">
                <Progress.Section value={percent} aria-label={t('ui.giftImports.upload.progressLabel', { name: file?.name ?? '' })} />
              </Progress.Root>
              <Text size="sm" aria-live="polite">
                {percent < 100 ? t('ui.giftImports.upload.sending', { percent }) : t('ui.giftImports.upload.reading')}
              </Text>
            </Stack>
          )}
          {error && (
            <Alert color="red" role="alert" title={t('ui.giftImports.upload.failed')}>
              {error}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={sent !== null}>
              {t('ui.giftImports.upload.submit')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </form>
  );
}

/** /fundraising/imports: the files imported (Congrant, Syncable, bank statements, spreadsheets) and a new one. */
export function ImportsPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const canWrite = useCan('fundraising.write');
  const batches = useQuery(importsQuery);
  const list = batches.data?.batches ?? [];
  return (
    <Stack maw={1200}>
      <PageTitle text={t('ui.giftImports.list.title')} />
      {canWrite && <UploadForm />}
      <Paper withBorder p="md">
        <Stack>
          <Title order={2} size="h3">
            {t('ui.giftImports.list.listTitle')}
          </Title>
          <QueryStatus query={batches} />
          {batches.data && list.length === 0 && <Text c="dimmed">{t('ui.giftImports.list.none')}</Text>}
          {list.length > 0 && (
            <Table.ScrollContainer minWidth={960}>
              <Table striped aria-label={t('ui.giftImports.list.listTitle')}>
                <TableHeader
                  labels={[
                    t('ui.giftImports.list.file'), t('ui.giftImports.list.source'), t('ui.giftImports.list.status'), t('ui.giftImports.list.rows'),
                    t('ui.giftImports.list.total'), t('ui.giftImports.list.uploaded'), t('ui.giftImports.list.committed'),
                  ]}
                />
                <Table.Tbody>
                  {list.map((b) => (
                    <Table.Tr key={b.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/fundraising/imports/${b.id}`} fw={600}>
                          {b.fileName}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{sourceLabel(t, b.source)}</Table.Td>
                      <Table.Td>
                        <Badge color={statusColor(b.status)} variant="filled" autoContrast>
                          {statusLabel(t, b.status)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{countsText(t, b) || '—'}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{b.status === 'uploaded' ? '—' : yen(b.totalYen)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(b.createdAt, language)}</Table.Td>
                      <Table.Td>
                        {b.committedAt && (
                          <Text size="sm">{t('ui.giftImports.list.committedResult', { at: formatDateTime(b.committedAt, language), gifts: b.giftsCreated, supporters: b.supportersCreated })}</Text>
                        )}
                        {b.rolledBackAt && <Text size="sm">{t('ui.giftImports.list.rolledBackAt', { at: formatDateTime(b.rolledBackAt, language) })}</Text>}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
