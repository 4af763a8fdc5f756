import { Anchor, Button, FileInput, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../i18n';
import { useCan } from '../../../web/auth';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { TableHeader } from '../../../web/components/TableHeader';
import { showApiError, showSaved, type FormErrors } from '../../../web/forms';
import { formatDateTime } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import { DocumentContentType, DocumentKind, DocumentNote, documentAccept, type DocumentMeta } from '../contract';
import { deleteDocument, documentContentUrl, documentsQuery, uploadDocument } from './documents.queries';
import { ConfirmDialog } from '../../../web/components/ConfirmDialog';

const MB = 1024 * 1024;
const megabytes = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

/** File sizes as people read them: 820 KB, 3.4 MB. */
export function formatSize(bytes: number, language: Language): string {
  const locale = language === 'ja' ? 'ja-JP' : 'en-GB';
  const [value, unit] = bytes >= MB ? [bytes / MB, 'megabyte'] : [Math.max(bytes / 1024, 0.1), 'kilobyte'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

const endings = documentAccept.filter((a) => a.startsWith('.'));

/**
 * The check before sending a file: its size, and its type as the browser reports it or, when the
 * browser does not know (HEIC on Windows), its name ending. The server checks the bytes again.
 */
export function checkFile(file: { name: string; type: string; size: number }, maxBytes: number): 'tooLarge' | 'wrongType' | null {
  if (file.size > maxBytes) return 'tooLarge';
  const name = file.name.toLowerCase();
  const knownType = DocumentContentType.safeParse(file.type).success;
  const unknownType = file.type === '' || file.type === 'application/octet-stream';
  if (!knownType && !(unknownType && endings.some((e) => name.endsWith(e)))) return 'wrongType';
  return null;
}

interface Values {
  file: File | null;
  kind: string | null;
  note: string;
}

function validate(values: Values, maxBytes: number, t: TFunction): FormErrors {
  const errors: FormErrors = {};
  if (!values.file) errors.file = t('ui.documents.fileRequired');
  else {
    const problem = checkFile(values.file, maxBytes);
    if (problem === 'tooLarge') errors.file = t('ui.documents.tooLarge', { sizeMb: megabytes(values.file.size), maxMb: megabytes(maxBytes) });
    if (problem === 'wrongType') errors.file = t('ui.documents.wrongType');
  }
  if (!DocumentKind.safeParse(values.kind).success) errors.kind = t('validation.required');
  if (!DocumentNote.safeParse(values.note).success) errors.note = t('validation.too_long', { maximum: 1000 });
  return errors;
}

function UploadForm({ personId, maxBytes }: { personId: string; maxBytes: number }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { file: null, kind: null, note: '' },
    validate: (values) => validate(values, maxBytes, t),
  });
  const mutation = useMutation({
    mutationFn: (values: Values) => uploadDocument(personId, { file: values.file as File, kind: DocumentKind.parse(values.kind), note: values.note }),
    onSuccess: async () => {
      form.reset();
      showSaved(t, t('ui.documents.uploaded'));
      await client.invalidateQueries({ queryKey: documentsQuery(personId).queryKey });
    },
    onError: (error) => showApiError(error, t, form.setErrors),
  });
  const fileProps = form.getInputProps('file');

  return (
    <form noValidate onSubmit={form.onSubmit((values) => mutation.mutate(values))} aria-label={t('ui.documents.uploadTitle')}>
      <Stack>
        <Title order={3} size="h4">
          {t('ui.documents.uploadTitle')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <FileInput
            label={t('ui.documents.file')}
            placeholder={t('ui.documents.filePlaceholder')}
            description={t('ui.documents.fileHint', { maxMb: megabytes(maxBytes) })}
            accept={documentAccept.join(',')}
            clearable
            withAsterisk
            {...fileProps}
            onChange={(file: File | null) => {
              form.setFieldValue('file', file);
              // Say at once when the chosen file cannot be sent, before any upload.
              if (file) form.validateField('file');
            }}
          />
          <Select
            label={t('fields.kind')}
            data={DocumentKind.options.map((k) => ({ value: k, label: t(`ui.documents.kinds.${k}`) }))}
            withAsterisk
            {...form.getInputProps('kind')}
          />
        </SimpleGrid>
        <TextInput label={t('ui.documents.note')} maxLength={1000} {...form.getInputProps('note')} />
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            {t('ui.documents.upload')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DeleteConfirm({ document, onClose }: { document: DocumentMeta | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: (id: string) => deleteDocument(id),
    onSuccess: async () => {
      onClose();
      showSaved(t, t('ui.documents.deleted'));
      await client.invalidateQueries({ queryKey: documentsQuery(document?.personId ?? '').queryKey });
    },
    onError: (error) => showApiError(error, t),
  });
  return (
    <ConfirmDialog
      opened={document !== null}
      title={t('ui.documents.deleteTitle')}
      body={t('ui.documents.deleteBody', { name: document?.fileName ?? '' })}
      confirmLabel={t('ui.documents.delete')}
      loading={mutation.isPending}
      onConfirm={() => document && mutation.mutate(document.id)}
      onClose={onClose}
    />
  );
}

/** "Documents / 書類" on the person page: the list, open and download links, upload and delete. */
export function DocumentsSection({ personId }: { personId: string }) {
  const canRead = useCan('documents.read');
  if (!canRead) return null;
  return <DocumentsPanel personId={personId} />;
}

function DocumentsPanel({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const canWrite = useCan('documents.write');
  const documents = useQuery(documentsQuery(personId));
  const [confirming, setConfirming] = useState<DocumentMeta | null>(null);
  const items = documents.data?.items ?? [];
  const titleId = `documents-${personId}`;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack>
        <Title order={2} size="h3" id={titleId}>
          {t('ui.documents.title')}
        </Title>
        <QueryStatus query={documents} />
        {documents.data && items.length === 0 && <Text c="dimmed">{t('ui.documents.empty')}</Text>}
        {items.length > 0 && (
          <Table.ScrollContainer minWidth={760}>
            <Table striped aria-labelledby={titleId}>
              <TableHeader
                labels={[t('ui.documents.kind'), t('ui.documents.name'), t('ui.documents.size'), t('ui.documents.uploadedAt'), t('ui.documents.uploadedBy'), t('ui.documents.actions')]}
              />
              <Table.Tbody>
                {items.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td>{t(`ui.documents.kinds.${d.kind}`)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ wordBreak: 'break-all' }}>
                        {d.fileName}
                      </Text>
                      {d.note && (
                        <Text size="sm" c="dimmed">
                          {d.note}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{formatSize(d.sizeBytes, language)}</Table.Td>
                    <Table.Td>{formatDateTime(d.uploadedAt, language)}</Table.Td>
                    <Table.Td>{d.uploadedByName}</Table.Td>
                    <Table.Td>
                      <Group gap="sm" wrap="nowrap">
                        {/* A PDF is only ever saved (the server never shows one inside Tobira): no "open" for it. */}
                        {d.contentType !== 'application/pdf' && (
                          <Anchor href={documentContentUrl(d.id)} target="_blank" rel="noopener noreferrer" aria-label={t('ui.documents.openLabel', { name: d.fileName })}>
                            {t('ui.documents.open')}
                          </Anchor>
                        )}
                        <Anchor href={documentContentUrl(d.id, true)} download={d.fileName} aria-label={t('ui.documents.downloadLabel', { name: d.fileName })}>
                          {t('ui.documents.download')}
                        </Anchor>
                        {canWrite && (
                          <Button size="compact-sm" variant="subtle" color="red" onClick={() => setConfirming(d)} aria-label={t('ui.documents.deleteLabel', { name: d.fileName })}>
                            {t('ui.documents.delete')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {canWrite && documents.data && <UploadForm personId={personId} maxBytes={documents.data.maxBytes} />}
      </Stack>
      <DeleteConfirm document={confirming} onClose={() => setConfirming(null)} />
    </Paper>
  );
}
