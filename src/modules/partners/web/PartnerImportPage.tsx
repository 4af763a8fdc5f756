import { Alert, Anchor, Badge, Box, Button, FileInput, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../web/api';
import { useMe } from '../../../web/auth';
import { Detail } from '../../../web/components/Detail';
import { PageTitle } from '../../../web/components/PageTitle';
import { TableHeader } from '../../../web/components/TableHeader';
import type { PartnerImportPreview, PartnerImportResult, PartnerImportRow } from '../contract';
import { clearButton } from './partners.labels';
import { exportCsvUrl, importPartners, partnersKey, previewImport } from './partners.queries';

/** As the server's bodyLimit (src/modules/partners/server/partners.csv.ts): refused before sending. */
const MAX_BYTES = 10 * 1024 * 1024;

type Action = PartnerImportRow['action'];

const actionKeys: Record<Action, string> = {
  create: 'ui.partners.import.action.create',
  update: 'ui.partners.import.action.update',
  unchanged: 'ui.partners.import.action.unchanged',
  error: 'ui.partners.import.action.error',
};
const actionColors: Record<Action, string> = { create: 'teal.9', update: 'indigo.8', unchanged: 'gray.7', error: 'red.9' };

const messageOf = (t: TFunction, error: unknown) => (error instanceof ApiError ? error.message : t('ui.common.networkError'));

function PreviewTable({ preview }: { preview: PartnerImportPreview }) {
  const { t } = useTranslation();
  // Rows with errors first: they are what the person has to fix.
  const rows = [...preview.rows].sort((a, b) => Number(b.action === 'error') - Number(a.action === 'error') || a.line - b.line);
  return (
    <Box role="region" aria-label={t('ui.partners.import.rowsLabel')} tabIndex={0} style={{ overflowX: 'auto', maxHeight: 600 }}>
      <Table striped aria-label={t('ui.partners.import.rowsLabel')} miw={640}>
        <TableHeader labels={[t('ui.partners.import.line'), t('ui.partners.field.nameJa'), t('ui.partners.import.actionTitle'), t('ui.partners.import.errors')]} />
        <Table.Tbody>
          {rows.map((row) => {
            const errors = Object.values(row.errors);
            return (
              <Table.Tr key={row.line} data-action={row.action}>
                <Table.Th scope="row" fw={400}>
                  {row.line}
                </Table.Th>
                <Table.Td lang="ja">{row.nameJa === '' ? '—' : row.partnerId ? <Anchor component={Link} to={`/partners/${row.partnerId}`}>{row.nameJa}</Anchor> : row.nameJa}</Table.Td>
                <Table.Td>
                  <Badge color={actionColors[row.action]} variant="filled" autoContrast>
                    {t(actionKeys[row.action])}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {errors.length === 0 ? '—' : (
                    <List size="sm" spacing={2}>
                      {errors.map((message) => (
                        <List.Item key={message}>{message}</List.Item>
                      ))}
                    </List>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Box>
  );
}

/**
 * /partners/import: a directory CSV (the export's columns) read row by row first — what each row
 * will do or what is wrong with it — and imported in one go only when no row has an error.
 */
export function PartnerImportPage() {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [preview, setPreview] = useState<PartnerImportPreview | null>(null);
  const [result, setResult] = useState<PartnerImportResult | null>(null);

  const read = useMutation({
    mutationFn: (f: File) => previewImport(f, me.csrfToken),
    onSuccess: setPreview,
  });
  const write = useMutation({
    mutationFn: (f: File) => importPartners(f, me.csrfToken),
    onSuccess: (r) => {
      setResult(r);
      setPreview(null);
      void client.invalidateQueries({ queryKey: partnersKey });
    },
  });

  function choose(f: File | null) {
    setFile(f);
    setFileError(null);
    setPreview(null);
    setResult(null);
    read.reset();
    write.reset();
  }

  function readFile() {
    if (!file) {
      setFileError(t('validation.required'));
      return;
    }
    if (file.size > MAX_BYTES) {
      setFileError(t('ui.partners.import.tooLarge', { maxMb: MAX_BYTES / 1024 / 1024 }));
      return;
    }
    read.mutate(file);
  }

  const counts = preview?.counts;
  const canImport = preview !== null && counts !== undefined && counts.error === 0 && counts.create + counts.update > 0;

  return (
    <Stack maw={1100}>
      <Anchor component={Link} to="/partners">
        {t('ui.partners.page.back')}
      </Anchor>
      <PageTitle text={t('ui.partners.import.title')} />
      <form
        noValidate
        aria-label={t('ui.partners.import.formLabel')}
        onSubmit={(e) => {
          e.preventDefault();
          readFile();
        }}
      >
        <Paper withBorder p="md">
          <Stack>
            <Text>
              {t('ui.partners.import.format')}{' '}
              <Anchor href={exportCsvUrl()} download>
                {t('ui.partners.import.template')}
              </Anchor>
            </Text>
            <FileInput
              label={t('ui.partners.import.file')}
              description={t('ui.partners.import.fileHint', { maxMb: MAX_BYTES / 1024 / 1024 })}
              placeholder={t('ui.partners.import.filePlaceholder')}
              accept=".csv,.txt,text/csv,text/plain"
              withAsterisk
              clearable
              clearButtonProps={clearButton(t('ui.partners.import.clearFile'))}
              value={file}
              error={fileError}
              onChange={choose}
              maw={480}
            />
            {read.isError && (
              <Alert color="red" role="alert" title={t('ui.partners.import.readFailed')}>
                {messageOf(t, read.error)}
              </Alert>
            )}
            <Group>
              <Button type="submit" variant={preview ? 'default' : 'filled'} loading={read.isPending}>
                {preview ? t('ui.partners.import.readAgain') : t('ui.partners.import.read')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      </form>

      {preview && counts && (
        <Paper withBorder p="md" component="section" aria-labelledby="partners-import-preview">
          <Stack>
            <Title order={2} size="h3" id="partners-import-preview">
              {t('ui.partners.import.previewTitle')}
            </Title>
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              <Detail label={t('ui.partners.import.action.create')}>{counts.create}</Detail>
              <Detail label={t('ui.partners.import.action.update')}>{counts.update}</Detail>
              <Detail label={t('ui.partners.import.action.unchanged')}>{counts.unchanged}</Detail>
              <Detail label={t('ui.partners.import.action.error')}>{counts.error}</Detail>
            </SimpleGrid>
            {counts.error > 0 ? (
              <Alert color="red" role="alert" title={t('ui.partners.import.hasErrorsTitle', { count: counts.error })}>
                {t('ui.partners.import.hasErrors')}
              </Alert>
            ) : counts.create + counts.update === 0 ? (
              <Alert color="gray" role="status">
                {t('ui.partners.import.nothingToDo')}
              </Alert>
            ) : null}
            {preview.rows.length > 0 && <PreviewTable preview={preview} />}
            {write.isError && (
              <Alert color="red" role="alert" title={t('ui.partners.import.failed')}>
                {messageOf(t, write.error)}
              </Alert>
            )}
            {canImport && file && (
              <Group>
                <Button loading={write.isPending} onClick={() => write.mutate(file)}>
                  {t('ui.partners.import.submit', { count: counts.create + counts.update })}
                </Button>
              </Group>
            )}
          </Stack>
        </Paper>
      )}

      {result && (
        <Alert color="teal" role="status" title={t('ui.partners.import.doneTitle')}>
          <Stack gap="xs">
            <Text>{t('ui.partners.import.done', { created: result.created, updated: result.updated, unchanged: result.unchanged })}</Text>
            <Anchor component={Link} to="/partners">
              {t('ui.partners.import.toDirectory')}
            </Anchor>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
