import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../../web/auth';
import { formatDateTime } from '../../../web/format';
import { notify, showApiError } from '../../../web/forms';
import { currentLanguage } from '../../../web/i18n';
import type { Person } from '../../people/contract';
import type { PersonMerge } from '../contract';
import { mergesQuery, undoMerge } from './merge.queries';
import { ConfirmDialog } from '../../../web/components/ConfirmDialog';

function UndoButton({ merge }: { merge: PersonMerge }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const mutation = useMutation({
    mutationFn: () => undoMerge(merge.id),
    onSuccess: async (result) => {
      setConfirming(false);
      await client.invalidateQueries();
      const fields = result.fieldsKept.map((f) => t(`fields.${f}`)).join(', ');
      notify(t, { color: 'teal', message: fields ? t('ui.merge.undoneKept', { fields }) : t('ui.merge.undone') });
    },
    onError: (error) => {
      setConfirming(false);
      showApiError(error, t);
    },
  });
  return (
    <>
      <Button size="xs" variant="default" onClick={() => setConfirming(true)}>
        {t('ui.merge.undo')}
      </Button>
      <ConfirmDialog
        opened={confirming}
        title={t('ui.merge.undoTitle')}
        body={t('ui.merge.undoText', { merged: merge.mergedFileNumber, survivor: merge.survivorFileNumber })}
        confirmLabel={t('ui.merge.undo')}
        loading={mutation.isPending}
        onConfirm={() => mutation.mutate()}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}

function MergeHistory({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const merges = useQuery(mergesQuery(personId));
  const items = merges.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('ui.merge.history')}
      </Title>
      {items.map((m) => (
        <Group key={m.id} justify="space-between" wrap="nowrap">
          <Stack gap={0}>
            <Text fw={600}>{t('ui.merge.mergedInto', { merged: m.mergedFileNumber, survivor: m.survivorFileNumber })}</Text>
            <Text size="sm">{t('ui.merge.by', { when: formatDateTime(m.mergedAt, language), who: m.mergedBy })}</Text>
            {m.undoneAt && <Text size="sm">{t('ui.merge.undoneBy', { when: formatDateTime(m.undoneAt, language), who: m.undoneBy ?? '' })}</Text>}
          </Stack>
          {!m.undoneAt && <UndoButton merge={m} />}
        </Group>
      ))}
    </Stack>
  );
}

/**
 * The merge part of a person's page: on a merged file, where it went; for staff who may merge,
 * the merge history with Undo and the way to merge another file into this one.
 */
export function PersonMergeSection({ person }: { person: Person }) {
  const { t } = useTranslation();
  const canMerge = useCan('people.merge');
  if (!person.mergedIntoId && !canMerge) return null;
  return (
    <Stack>
      {person.mergedIntoId && (
        <Alert color="yellow" title={t('ui.merge.mergedNotice')}>
          <Anchor component={Link} to={`/people/${person.mergedIntoId}`}>
            {t('ui.merge.openSurvivor')}
          </Anchor>
        </Alert>
      )}
      {canMerge && (
        <Paper withBorder p="md">
          <Stack>
            <MergeHistory personId={person.id} />
            {!person.mergedIntoId && (
              <Group>
                <Button component={Link} to={`/people/${person.id}/merge`} variant="default">
                  {t('ui.merge.start')}
                </Button>
              </Group>
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
