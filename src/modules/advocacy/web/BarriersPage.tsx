import { Badge, Button, Checkbox, Group, Modal, NumberInput, Paper, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ConfirmDialog } from '../../../web/components/ConfirmDialog';
import { PageTitle } from '../../../web/components/PageTitle';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { TableHeader } from '../../../web/components/TableHeader';
import { formatDateTime } from '../../../web/format';
import { showApiError, showSaved, zodValidate } from '../../../web/forms';
import { currentLanguage } from '../../../web/i18n';
import { AdvocacySettings, PublicFigureKey, PublicPeriod, type Barrier, type BarrierChange } from '../contract';
import { LOWEST_MINIMUM_CELL } from '../suppression';
import { barrierLabel, publicFigureLabel } from './advocacy.labels';
import { barrierHistoryQuery, barriersKey, evidenceKey, barriersQuery, mergeBarrier, settingsQuery, updateBarrier, updateSettings } from './advocacy.queries';
import { BarrierForm } from './BarrierForm';

function actionLabel(t: TFunction, action: BarrierChange['action']): string {
  switch (action) {
    case 'created':
      return t('ui.advocacy.history.created');
    case 'edited':
      return t('ui.advocacy.history.edited');
    case 'retired':
      return t('ui.advocacy.history.retired');
    case 'restored':
      return t('ui.advocacy.history.restored');
    case 'merged':
      return t('ui.advocacy.history.merged');
  }
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** What a change changed: each field whose value differs, before → after. */
function changedFields(t: TFunction, change: BarrierChange): string[] {
  const before = change.before ?? {};
  const after = change.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) => `${t(`fields.${key}`, { defaultValue: key })}: ${show(before[key])} → ${show(after[key])}`);
}

function BarrierHistory({ barrier }: { barrier: Barrier }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const history = useQuery(barrierHistoryQuery(barrier.id));
  const changes = history.data?.changes ?? [];
  return (
    <Stack>
      <QueryStatus query={history} />
      {history.data && changes.length === 0 && <Text>{t('ui.advocacy.history.empty')}</Text>}
      {changes.length > 0 && (
        <Table.ScrollContainer minWidth={600}>
          <Table striped aria-label={t('ui.advocacy.history.title', { barrier: barrierLabel(barrier, language) })}>
            <TableHeader labels={[t('ui.advocacy.history.when'), t('ui.advocacy.history.who'), t('ui.advocacy.history.action'), t('ui.advocacy.history.changes')]} />
            <Table.Tbody>
              {changes.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{formatDateTime(c.changedAt, language)}</Table.Td>
                  <Table.Td>{c.changedByName}</Table.Td>
                  <Table.Td>{actionLabel(t, c.action)}</Table.Td>
                  <Table.Td>
                    {changedFields(t, c).map((line) => (
                      <Text key={line} size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                        {line}
                      </Text>
                    ))}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function Status({ barrier, all }: { barrier: Barrier; all: Barrier[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (barrier.mergedIntoId) {
    const into = all.find((b) => b.id === barrier.mergedIntoId);
    return (
      <Badge color="grape.9" variant="filled" autoContrast style={{ textTransform: 'none' }}>
        {t('ui.advocacy.status.mergedInto', { barrier: into ? barrierLabel(into, language) : '—' })}
      </Badge>
    );
  }
  if (barrier.retiredAt) {
    return (
      <Badge color="gray.7" variant="filled" autoContrast>
        {t('ui.advocacy.status.retired')}
      </Badge>
    );
  }
  return (
    <Badge color="teal.9" variant="filled" autoContrast>
      {t('ui.advocacy.status.active')}
    </Badge>
  );
}

function MergeDialog({ barrier, all, onClose }: { barrier: Barrier | null; all: Barrier[]; onClose: () => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const client = useQueryClient();
  const [intoId, setIntoId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setIntoId(null);
    setError(null);
    onClose();
  };
  const merge = useMutation({
    mutationFn: (input: { id: string; intoId: string }) => mergeBarrier(input.id, input.intoId),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: barriersKey });
      showSaved(t);
      close();
    },
    onError: (e) => showApiError(e, t, (errors) => setError(errors.intoId ?? null)),
  });
  const targets = all.filter((b) => barrier && b.id !== barrier.id && b.retiredAt === null && b.mergedIntoId === null);
  const name = barrier ? barrierLabel(barrier, language) : '';
  return (
    <ConfirmDialog
      opened={barrier !== null}
      title={t('ui.advocacy.merge.title', { barrier: name })}
      body={
        <Stack>
          <Text>{t('ui.advocacy.merge.body', { barrier: name })}</Text>
          <Select
            label={t('fields.intoId')}
            data={targets.map((b) => ({ value: b.id, label: barrierLabel(b, language) }))}
            value={intoId}
            onChange={(v) => {
              setIntoId(v);
              setError(null);
            }}
            searchable
            error={error}
            comboboxProps={{ withinPortal: false }}
          />
        </Stack>
      }
      confirmLabel={t('ui.advocacy.merge.confirm')}
      loading={merge.isPending}
      onConfirm={() => {
        if (!barrier) return;
        if (!intoId) setError(t('validation.required'));
        else merge.mutate({ id: barrier.id, intoId });
      }}
      onClose={close}
    />
  );
}

function Taxonomy() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const client = useQueryClient();
  const barriers = useQuery(barriersQuery(true));
  const [editing, setEditing] = useState<Barrier | null>(null);
  const [merging, setMerging] = useState<Barrier | null>(null);
  const [historyOf, setHistoryOf] = useState<Barrier | null>(null);
  const retire = useMutation({
    mutationFn: (input: { id: string; retired: boolean }) => updateBarrier(input.id, { retired: input.retired }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: barriersKey });
      showSaved(t);
    },
    onError: (error) => showApiError(error, t),
  });
  const all = barriers.data?.barriers ?? [];
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h3">
          {t('ui.advocacy.barriers.listTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('ui.advocacy.barriers.listHint')}
        </Text>
        <QueryStatus query={barriers} />
        {barriers.data && all.length === 0 && <Text>{t('ui.advocacy.barriers.empty')}</Text>}
        {all.length > 0 && (
          <Table.ScrollContainer minWidth={1000}>
            <Table striped aria-label={t('ui.advocacy.barriers.listTitle')}>
              <TableHeader
                labels={[t('ui.advocacy.barriers.code'), t('fields.labelJa'), t('fields.labelEn'), t('ui.advocacy.barriers.description'), t('ui.advocacy.barriers.status'), t('ui.advocacy.barriers.actions')]}
              />
              <Table.Tbody>
                {all.map((b) => {
                  const name = barrierLabel(b, language);
                  const isMerged = b.mergedIntoId !== null;
                  return (
                    <Table.Tr key={b.id}>
                      <Table.Td>{b.code}</Table.Td>
                      <Table.Td lang="ja">{b.labelJa}</Table.Td>
                      <Table.Td lang="en">{b.labelEn}</Table.Td>
                      <Table.Td>
                        <Text size="sm" lang="ja">
                          {b.descriptionJa}
                        </Text>
                        <Text size="sm" lang="en" c="dimmed">
                          {b.descriptionEn}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Status barrier={b} all={all} />
                      </Table.Td>
                      <Table.Td>
                        <Group gap={6}>
                          {!isMerged && (
                            <Button size="xs" variant="default" onClick={() => setEditing(b)} aria-label={t('ui.advocacy.barriers.editLabel', { barrier: name })}>
                              {t('ui.common.edit')}
                            </Button>
                          )}
                          {!isMerged && (
                            <Button
                              size="xs"
                              variant="outline"
                              disabled={retire.isPending}
                              onClick={() => retire.mutate({ id: b.id, retired: b.retiredAt === null })}
                              aria-label={t(b.retiredAt === null ? 'ui.advocacy.barriers.retireLabel' : 'ui.advocacy.barriers.restoreLabel', { barrier: name })}
                            >
                              {b.retiredAt === null ? t('ui.advocacy.barriers.retire') : t('ui.advocacy.barriers.restore')}
                            </Button>
                          )}
                          {!isMerged && (
                            <Button size="xs" variant="outline" color="red.9" onClick={() => setMerging(b)} aria-label={t('ui.advocacy.merge.label', { barrier: name })}>
                              {t('ui.advocacy.merge.button')}
                            </Button>
                          )}
                          <Button size="xs" variant="subtle" onClick={() => setHistoryOf(b)} aria-label={t('ui.advocacy.history.label', { barrier: name })}>
                            {t('ui.advocacy.history.button')}
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Title order={3} size="h4">
          {t('ui.advocacy.barriers.addTitle')}
        </Title>
        <BarrierForm onDone={() => undefined} />
      </Stack>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={t('ui.advocacy.barriers.editTitle')} size="lg" closeButtonProps={{ 'aria-label': t('ui.common.close') }}>
        {editing && <BarrierForm key={editing.id} barrier={editing} onDone={() => setEditing(null)} onCancel={() => setEditing(null)} />}
      </Modal>
      <Modal
        opened={historyOf !== null}
        onClose={() => setHistoryOf(null)}
        title={historyOf ? t('ui.advocacy.history.title', { barrier: barrierLabel(historyOf, language) }) : ''}
        size="xl"
        closeButtonProps={{ 'aria-label': t('ui.common.close') }}
      >
        {historyOf && <BarrierHistory barrier={historyOf} />}
      </Modal>
      <MergeDialog barrier={merging} all={all} onClose={() => setMerging(null)} />
    </Paper>
  );
}

interface SettingsValues {
  minimumCell: number | string;
  publicFigures: string[];
  publicPeriod: string;
}

function SettingsForm({ settings }: { settings: AdvocacySettings }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const toInput = (v: SettingsValues) => ({ minimumCell: v.minimumCell === '' ? undefined : Number(v.minimumCell), publicFigures: v.publicFigures, publicPeriod: v.publicPeriod });
  const form = useForm<SettingsValues>({
    mode: 'controlled',
    initialValues: { minimumCell: settings.minimumCell, publicFigures: settings.publicFigures, publicPeriod: settings.publicPeriod },
    validate: zodValidate(AdvocacySettings, toInput, t),
  });
  const save = useMutation({
    mutationFn: (v: SettingsValues) => updateSettings(AdvocacySettings.parse(toInput(v))),
    onSuccess: (saved) => {
      client.setQueryData(settingsQuery.queryKey, saved);
      // Every published figure is banded with k: the evidence is asked for again.
      void client.invalidateQueries({ queryKey: evidenceKey });
      form.resetDirty({ minimumCell: saved.minimumCell, publicFigures: saved.publicFigures, publicPeriod: saved.publicPeriod });
      showSaved(t);
    },
    onError: (error) => showApiError(error, t, form.setErrors),
  });
  return (
    <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v))}>
      <Stack>
        <NumberInput
          label={t('fields.minimumCell')}
          description={t('ui.advocacy.settings.minimumCellHint', { lowest: LOWEST_MINIMUM_CELL })}
          min={LOWEST_MINIMUM_CELL}
          max={50}
          allowDecimal={false}
          allowNegative={false}
          w={260}
          {...form.getInputProps('minimumCell')}
        />
        <Checkbox.Group label={t('fields.publicFigures')} description={t('ui.advocacy.settings.publicFiguresHint')} {...form.getInputProps('publicFigures')}>
          <Stack gap={6} mt={6}>
            {PublicFigureKey.options.map((key) => (
              <Checkbox key={key} value={key} label={publicFigureLabel(t, key)} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="advocacy-public-period">
            {t('fields.publicPeriod')}
          </Text>
          <SegmentedControl
            aria-labelledby="advocacy-public-period"
            data={PublicPeriod.options.map((p) => ({
              value: p,
              label: p === 'winter' ? t('ui.advocacy.settings.period.winter') : p === 'fiscal_year' ? t('ui.advocacy.settings.period.fiscalYear') : t('ui.advocacy.settings.period.calendarYear'),
            }))}
            value={form.values.publicPeriod}
            onChange={(v) => form.setFieldValue('publicPeriod', v)}
            style={{ alignSelf: 'flex-start' }}
          />
        </Stack>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('ui.advocacy.settings.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Settings() {
  const { t } = useTranslation();
  const settings = useQuery(settingsQuery);
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h3">
          {t('ui.advocacy.settings.title')}
        </Title>
        <QueryStatus query={settings} />
        {settings.data && <SettingsForm settings={settings.data} />}
      </Stack>
    </Paper>
  );
}

/** Administration of the advocacy module: the barrier taxonomy (add, edit, retire, merge, history) and the publication settings. */
export function BarriersPage() {
  const { t } = useTranslation();
  return (
    <Stack maw={1300}>
      <PageTitle text={t('ui.advocacy.barriers.title')} />
      <Taxonomy />
      <Settings />
    </Stack>
  );
}
