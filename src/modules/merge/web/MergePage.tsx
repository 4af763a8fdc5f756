import { Alert, Button, Group, List, Paper, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { displayName } from '../../../shared/codes';
import { PageTitle } from '../../../web/components/PageTitle';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { TableHeader } from '../../../web/components/TableHeader';
import { formatDate, primaryName } from '../../../web/format';
import { notify, showApiError } from '../../../web/forms';
import { currentLanguage } from '../../../web/i18n';
import { ApiError } from '../../../web/api';
import type { Person } from '../../people/contract';
import { PersonContext } from '../../people/web/PersonContext';
import { PersonSearch } from '../../people/web/PersonSearch';
import { MergeChoices, type MergeField, type MergePreview } from '../contract';
import { createMerge, mergePreviewQuery } from './merge.queries';
import { ConfirmDialog } from '../../../web/components/ConfirmDialog';

/** A field's value as a person reads it, in the UI language. */
export function fieldText(field: MergeField, p: Person, t: TFunction): string {
  const language = currentLanguage();
  const none = t('ui.common.none');
  switch (field) {
    case 'familyName':
    case 'givenName':
    case 'nameInOwnScript':
    case 'nameKana':
    case 'phone':
      return p[field] || none;
    case 'dateOfBirth':
      return p.dateOfBirth ? `${formatDate(p.dateOfBirth, language)}${p.dateOfBirthEstimated ? ` (${t('ui.person.estimatedShort')})` : ''}` : t('ui.person.dobUnknown');
    case 'sex':
      return t(`ui.sex.${p.sex}`);
    case 'nationality':
      return p.nationality ? displayName('region', p.nationality, language) : none;
    case 'languages':
      return p.languages.length ? p.languages.map((l) => displayName('language', l, language)).join(', ') : none;
    case 'housing':
      return p.housing ? t(`ui.housing.${p.housing}`) : none;
  }
}

/** A linked table's name for people ("Visits"), or its SQL name for a table this module has no text for. */
export const tableLabel = (table: string, t: TFunction) => t(`ui.merge.tables.${table}`, { defaultValue: table });

const mergeFieldList = ['familyName', 'givenName', 'nameInOwnScript', 'nameKana', 'dateOfBirth', 'sex', 'nationality', 'languages', 'phone', 'housing'] as const satisfies readonly MergeField[];

function Comparison({ preview, onCancel }: { preview: MergePreview; onCancel: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [choices, setChoices] = useState<MergeChoices>(() => MergeChoices.parse({}));
  const [confirming, setConfirming] = useState(false);
  const { survivor, merged } = preview;
  const mutation = useMutation({
    mutationFn: () => createMerge({ survivorId: survivor.id, mergedId: merged.id, survivorVersion: survivor.version, mergedVersion: merged.version, choose: choices }),
    onSuccess: async () => {
      // Both files, their timelines, searches and sections changed.
      await client.invalidateQueries();
      notify(t, { color: 'teal', message: t('ui.merge.done') });
      void navigate(`/people/${survivor.id}`);
    },
    onError: (error) => {
      setConfirming(false);
      showApiError(error, t);
      if (error instanceof ApiError && error.code === 'merge.version_conflict') void client.invalidateQueries({ queryKey: mergePreviewQuery(survivor.id, merged.id).queryKey });
    },
  });

  // Per table: what this file has, and what of the other file moves here (the rest stays behind).
  const tables = new Map<string, { survivor: number; moves: number }>();
  for (const l of preview.linked) {
    const row = tables.get(l.table) ?? { survivor: 0, moves: 0 };
    tables.set(l.table, { survivor: row.survivor + l.survivor, moves: row.moves + l.merged });
  }
  for (const k of preview.kept) {
    const row = tables.get(k.table);
    if (row) row.moves -= k.count;
  }

  return (
    <Stack>
      <Paper withBorder p="md">
        <Title order={2} size="h3" mb="xs">
          {t('ui.merge.previewTitle')}
        </Title>
        <Text mb="sm">{preview.differingFields.length ? t('ui.merge.chooseHelp') : t('ui.merge.same')}</Text>
        <Table.ScrollContainer minWidth={600}>
          <Table>
            <TableHeader labels={[t('ui.merge.field'), t('ui.merge.thisFile', { fileNumber: survivor.fileNumber }), t('ui.merge.otherFile', { fileNumber: merged.fileNumber })]} />
            <Table.Tbody>
              {mergeFieldList.map((field) => {
                const differs = preview.differingFields.includes(field);
                const label = t(`fields.${field}`);
                const radio = (value: 'survivor' | 'merged' | 'both', text: string) => (
                  <Radio
                    name={field}
                    value={value}
                    label={text}
                    aria-label={`${label}: ${text}`}
                    checked={choices[field] === value}
                    onChange={() => setChoices((c) => ({ ...c, [field]: value }))}
                  />
                );
                return (
                  <Table.Tr key={field} bg={differs ? 'var(--mantine-color-yellow-0)' : undefined}>
                    <Table.Th scope="row">{label}</Table.Th>
                    <Table.Td>{differs ? radio('survivor', fieldText(field, survivor, t)) : fieldText(field, survivor, t)}</Table.Td>
                    <Table.Td>
                      {differs ? (
                        <Stack gap={4}>
                          {radio('merged', fieldText(field, merged, t))}
                          {field === 'languages' && radio('both', t('ui.merge.both'))}
                        </Stack>
                      ) : (
                        fieldText(field, merged, t)
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>

      <Paper withBorder p="md">
        <Title order={2} size="h3" mb="xs">
          {t('ui.merge.recordsTitle')}
        </Title>
        {tables.size === 0 ? (
          <Text>{t('ui.merge.noRecords')}</Text>
        ) : (
          <>
            <Text mb="sm">{t('ui.merge.recordsHelp')}</Text>
            <Table>
              <TableHeader labels={[t('ui.merge.field'), t('ui.merge.recordsThis'), t('ui.merge.recordsOther')]} />
              <Table.Tbody>
                {[...tables].map(([table, n]) => (
                  <Table.Tr key={table}>
                    <Table.Th scope="row">{tableLabel(table, t)}</Table.Th>
                    <Table.Td>{n.survivor}</Table.Td>
                    <Table.Td>{n.moves}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
        {preview.kept.length > 0 && (
          <Alert color="yellow" mt="md" title={t('ui.merge.keptTitle')}>
            <List>
              {preview.kept.map((k) => (
                <List.Item key={`${k.table}.${k.column}.${k.reason}`}>{t(`ui.merge.kept.${k.reason}`, { table: tableLabel(k.table, t), count: k.count })}</List.Item>
              ))}
            </List>
          </Alert>
        )}
      </Paper>

      <Group>
        <Button color="red" onClick={() => setConfirming(true)}>
          {t('ui.merge.confirm')}
        </Button>
        <Button variant="default" onClick={onCancel}>
          {t('ui.merge.cancel')}
        </Button>
      </Group>
      <ConfirmDialog
        opened={confirming}
        title={t('ui.merge.confirmTitle')}
        body={t('ui.merge.confirmText', { other: `${primaryName(merged)} (${merged.fileNumber})`, survivor: `${primaryName(survivor)} (${survivor.fileNumber})` })}
        confirmLabel={t('ui.merge.confirm')}
        loading={mutation.isPending}
        onConfirm={() => mutation.mutate()}
        onClose={() => setConfirming(false)}
      />
    </Stack>
  );
}

function Preview({ survivorId, otherId, onCancel }: { survivorId: string; otherId: string; onCancel: () => void }) {
  const preview = useQuery(mergePreviewQuery(survivorId, otherId));
  if (!preview.data) return <QueryStatus query={preview} />;
  return <Comparison key={`${preview.data.survivor.version}.${preview.data.merged.version}`} preview={preview.data} onCancel={onCancel} />;
}

/** Merge another file of the same person into this one: pick it, compare, choose values, confirm. */
export function MergePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const otherId = params.get('otherId');
  return (
    <Stack maw={1100}>
      <PageTitle text={t('ui.merge.title')} />
      <PersonContext personId={id} />
      {otherId ? (
        <Preview survivorId={id} otherId={otherId} onCancel={() => setParams({})} />
      ) : (
        <Paper withBorder p="md">
          <Stack>
            <Text>{t('ui.merge.pickHelp')}</Text>
            <PersonSearch label={t('ui.merge.pickLabel')} autoFocus onSelect={(p) => p.id !== id && setParams({ otherId: p.id })} />
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
