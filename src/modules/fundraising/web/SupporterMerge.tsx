import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../../web/auth';
import { ConfirmDialog } from '../../../web/components/ConfirmDialog';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { TableHeader } from '../../../web/components/TableHeader';
import { showApiError, showSaved } from '../../../web/forms';
import { formatDateTime } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import type { MergePreview, Supporter, SupporterMerge as Merge, SupporterSummary } from '../contract';
import { addressLine, count, listOf } from './fundraising.labels';
import { fundraisingKey, mergeSupporters, previewMerge, supporterMergesQuery, undoMerge } from './fundraising.queries';
import { SupporterSearch } from './SupporterSearch';

/** One side of a merge preview: the fields a person compares. */
function PreviewCard({ title, supporter, highlight }: { title: string; supporter: Supporter; highlight?: boolean }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const none = t('ui.common.none');
  return (
    <Paper withBorder p="sm" style={highlight ? { borderColor: 'var(--mantine-color-indigo-8)', borderWidth: 2 } : undefined}>
      <Stack gap={2}>
        <Text fw={700}>{title}</Text>
        <Text>{supporter.displayName}</Text>
        <Text size="sm" lang="ja">
          {supporter.reading || none}
        </Text>
        <Text size="sm" ff="monospace">
          {supporter.supporterNumber}
        </Text>
        <Text size="sm">
          {t('fields.fundraising.email')}: {supporter.email ?? none}
        </Text>
        <Text size="sm">
          {t('fields.fundraising.phone')}: {supporter.phone ?? none}
        </Text>
        <Text size="sm">
          {t('fields.fundraising.address')}: {supporter.address ? addressLine(supporter.address) : none}
        </Text>
        {supporter.tags.length > 0 && (
          <Text size="sm">
            {t('fields.fundraising.tags')}: {listOf(supporter.tags, language)}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function MergeRow({ merge, supporterId, canWrite, onUndo }: { merge: Merge; supporterId: string; canWrite: boolean; onUndo: (m: Merge) => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const isKept = merge.keptId === supporterId;
  return (
    <Table.Tr>
      <Table.Td>{formatDateTime(merge.mergedAt, language)}</Table.Td>
      <Table.Td>
        <Anchor component={Link} to={`/fundraising/supporters/${isKept ? merge.mergedId : merge.keptId}`}>
          {isKept ? t('ui.fundraising.merge.openMerged') : t('ui.fundraising.merge.openKept')}
        </Anchor>
      </Table.Td>
      <Table.Td>
        {merge.undoneAt ? (
          <Badge color="gray.7" variant="filled" autoContrast>
            {t('ui.fundraising.merge.undone', { date: formatDateTime(merge.undoneAt, language) })}
          </Badge>
        ) : (
          <Badge color="teal.9" variant="filled" autoContrast>
            {t('ui.fundraising.merge.inEffect')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        {canWrite && !merge.undoneAt && (
          <Button size="xs" variant="default" onClick={() => onUndo(merge)}>
            {t('ui.fundraising.merge.undo')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * Merge a duplicate into this supporter: pick the other record by search, see what the merge would
 * do (both records, the result, and how many gifts move), merge, and undo from the list of merges.
 */
export function SupporterMerge({ supporter }: { supporter: Supporter }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const canWrite = useCan('fundraising.write');
  const merges = useQuery(supporterMergesQuery(supporter.id));
  const [picking, setPicking] = useState(false);
  const [preview, setPreview] = useState<MergePreview | null>(null);
  const [undoing, setUndoing] = useState<Merge | null>(null);
  const isMerged = supporter.mergedIntoId !== null;

  const afterChange = () => client.invalidateQueries({ queryKey: fundraisingKey });
  const previewing = useMutation({
    mutationFn: (other: SupporterSummary) => previewMerge(supporter.id, other.id),
    onSuccess: setPreview,
    onError: (error) => showApiError(error, t),
  });
  const merging = useMutation({
    mutationFn: (p: MergePreview) => mergeSupporters(p.kept.id, p.merged.id),
    onSuccess: () => {
      void afterChange();
      showSaved(t, t('ui.fundraising.merge.done'));
      setPreview(null);
      setPicking(false);
    },
    onError: (error) => showApiError(error, t),
  });
  const undo = useMutation({
    mutationFn: (m: Merge) => undoMerge(m.id),
    onSuccess: () => {
      void afterChange();
      showSaved(t, t('ui.fundraising.merge.undoneNotice'));
      setUndoing(null);
    },
    onError: (error) => showApiError(error, t),
  });
  const list = merges.data?.merges ?? [];
  const moves = preview?.moves;

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3">
            {t('ui.fundraising.merge.title')}
          </Title>
          {canWrite && !isMerged && !picking && (
            <Button variant="default" size="sm" onClick={() => setPicking(true)}>
              {t('ui.fundraising.merge.start')}
            </Button>
          )}
        </Group>
        {picking && !preview && (
          <Stack gap="xs">
            <Text size="sm">{t('ui.fundraising.merge.pickHint')}</Text>
            <SupporterSearch label={t('ui.fundraising.merge.pickLabel')} autoFocus excludeIds={[supporter.id]} onSelect={(other) => previewing.mutate(other)} />
            <Group>
              <Button variant="default" onClick={() => setPicking(false)}>
                {t('ui.common.cancel')}
              </Button>
            </Group>
          </Stack>
        )}
        {preview && moves && (
          <Stack gap="sm" role="region" aria-label={t('ui.fundraising.merge.previewTitle')}>
            <Text fw={600}>{t('ui.fundraising.merge.previewTitle')}</Text>
            <SimpleGrid cols={{ base: 1, md: 3 }}>
              <PreviewCard title={t('ui.fundraising.merge.kept')} supporter={preview.kept} />
              <PreviewCard title={t('ui.fundraising.merge.merged')} supporter={preview.merged} />
              <PreviewCard title={t('ui.fundraising.merge.result')} supporter={preview.result} highlight />
            </SimpleGrid>
            <Alert color="blue" variant="light" title={t('ui.fundraising.merge.movesTitle')}>
              {t('ui.fundraising.merge.moves', {
                gifts: count(moves.gifts), commitments: count(moves.commitments), softCredits: count(moves.softCredits), addresses: count(moves.addresses),
              })}
            </Alert>
            <Text size="sm">{t('ui.fundraising.merge.undoHint')}</Text>
            <Group>
              <Button color="red" loading={merging.isPending} onClick={() => merging.mutate(preview)}>
                {t('ui.fundraising.merge.confirm')}
              </Button>
              <Button variant="default" onClick={() => setPreview(null)}>
                {t('ui.fundraising.merge.pickAnother')}
              </Button>
            </Group>
          </Stack>
        )}
        <QueryStatus query={merges} />
        {merges.data && list.length === 0 && !picking && <Text c="dimmed">{t('ui.fundraising.merge.none')}</Text>}
        {list.length > 0 && (
          <Table aria-label={t('ui.fundraising.merge.listTitle')}>
            <TableHeader labels={[t('ui.fundraising.merge.when'), t('ui.fundraising.merge.record'), t('ui.fundraising.gifts.status'), t('ui.fundraising.gifts.actions')]} />
            <Table.Tbody>
              {list.map((m) => (
                <MergeRow key={m.id} merge={m} supporterId={supporter.id} canWrite={canWrite} onUndo={setUndoing} />
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <ConfirmDialog
        opened={undoing !== null}
        title={t('ui.fundraising.merge.undoTitle')}
        body={t('ui.fundraising.merge.undoBody')}
        confirmLabel={t('ui.fundraising.merge.undo')}
        loading={undo.isPending}
        onConfirm={() => undoing && undo.mutate(undoing)}
        onClose={() => setUndoing(null)}
      />
    </Paper>
  );
}
