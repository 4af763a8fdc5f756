import { Badge, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../web/components/ConfirmDialog';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { TableHeader } from '../../../web/components/TableHeader';
import { formatDate } from '../../../web/format';
import { notify, showApiError, showSaved, type FormErrors } from '../../../web/forms';
import { currentLanguage } from '../../../web/i18n';
import { tokyoDate } from '../../../shared/time';
import type { BarrierTag, TagInput } from '../contract';
import { barrierLabel, quoteWarningText, suggestionReason } from './advocacy.labels';
import { barriersQuery, createTags, deleteTag, evidenceKey, personTagsKey, personTagsQuery, suggestionsQuery, updateTag, type TagsResultBody } from './advocacy.queries';
import { QuoteField } from './QuoteField';

function useRefresh(personId: string) {
  const client = useQueryClient();
  return () => Promise.all([client.invalidateQueries({ queryKey: personTagsKey(personId) }), client.invalidateQueries({ queryKey: evidenceKey })]);
}

/** After saving: "saved", or, when a quote still looks like it names the person, which part. */
function useShowTagsSaved() {
  const { t } = useTranslation();
  return (result: TagsResultBody) => {
    const warnings = [...new Set(Object.values(result.quoteWarnings).flat())];
    if (warnings.length === 0) showSaved(t);
    else notify(t, { color: 'orange', title: t('ui.advocacy.quote.savedWithWarnings'), message: warnings.map((w) => quoteWarningText(t, w)).join(' ') });
  };
}

function AddTagForm({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const refresh = useRefresh(personId);
  const showTagsSaved = useShowTagsSaved();
  const barriers = useQuery(barriersQuery());
  const [barrierId, setBarrierId] = useState<string | null>(null);
  const [observedOn, setObservedOn] = useState(tokyoDate());
  const [quote, setQuote] = useState('');
  const [errors, setErrors] = useState<FormErrors>({});
  const add = useMutation({
    mutationFn: (tag: TagInput) => createTags({ personId, tags: [tag] }),
    onSuccess: (result) => {
      setBarrierId(null);
      setQuote('');
      setErrors({});
      showTagsSaved(result);
      void refresh();
    },
    // Field errors of the one tag (tags.0.quote) land under their field.
    onError: (error) => showApiError(error, t, (e) => setErrors({ ...e, ...(e.tags ? { quote: e.tags } : {}) })),
  });
  const options = (barriers.data?.barriers ?? []).filter((b) => b.retiredAt === null && b.mergedIntoId === null).map((b) => ({ value: b.id, label: barrierLabel(b, language) }));
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!barrierId) {
          setErrors({ barrierId: t('validation.required') });
          return;
        }
        add.mutate({ barrierId, observedOn: observedOn || undefined, quote: quote.trim() === '' ? undefined : quote.trim() });
      }}
    >
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('ui.advocacy.person.addTitle')}
        </Title>
        <Group align="flex-start">
          <Select label={t('fields.barrierId')} data={options} value={barrierId} onChange={setBarrierId} searchable error={errors.barrierId} w={320} />
          <TextInput type="date" label={t('fields.observedOn')} value={observedOn} onChange={(e) => setObservedOn(e.currentTarget.value)} error={errors.observedOn} w={180} />
        </Group>
        <QuoteField personId={personId} value={quote} onChange={setQuote} error={errors.quote} />
        <Group>
          <Button type="submit" loading={add.isPending}>
            {t('ui.advocacy.person.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function TagRow({ tag, onRemove }: { tag: BarrierTag; onRemove: (tag: BarrierTag) => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const refresh = useRefresh(tag.personId);
  const resolve = useMutation({
    mutationFn: (resolvedOn: string | null) => updateTag(tag.id, { resolvedOn }),
    onSuccess: () => {
      showSaved(t);
      void refresh();
    },
    onError: (error) => showApiError(error, t),
  });
  const label = barrierLabel(tag, language);
  return (
    <Table.Tr>
      <Table.Td>
        {label}
        {tag.barrierRetired && (
          <Badge ml="xs" color="gray.7" variant="filled" autoContrast>
            {t('ui.advocacy.status.retired')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{formatDate(tag.observedOn, language)}</Table.Td>
      <Table.Td>{tag.consultationId ? t('ui.advocacy.person.fromConsultation') : t('ui.advocacy.person.fromFile')}</Table.Td>
      <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{tag.quote ?? '—'}</Table.Td>
      <Table.Td>{tag.resolvedOn ? formatDate(tag.resolvedOn, language) : t('ui.advocacy.person.open')}</Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          {tag.resolvedOn ? (
            <Button size="xs" variant="default" loading={resolve.isPending} onClick={() => resolve.mutate(null)} aria-label={t('ui.advocacy.person.reopenLabel', { barrier: label })}>
              {t('ui.advocacy.person.reopen')}
            </Button>
          ) : (
            <Button size="xs" variant="default" loading={resolve.isPending} onClick={() => resolve.mutate(tokyoDate())} aria-label={t('ui.advocacy.person.resolveLabel', { barrier: label })}>
              {t('ui.advocacy.person.resolve')}
            </Button>
          )}
          <Button size="xs" variant="outline" color="red.9" onClick={() => onRemove(tag)} aria-label={t('ui.advocacy.person.removeLabel', { barrier: label })}>
            {t('ui.advocacy.person.remove')}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function Suggestions({ personId, tags }: { personId: string; tags: BarrierTag[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const refresh = useRefresh(personId);
  const showTagsSaved = useShowTagsSaved();
  const suggestions = useQuery(suggestionsQuery(personId));
  const add = useMutation({
    mutationFn: (barrierId: string) => createTags({ personId, tags: [{ barrierId }] }),
    onSuccess: (result) => {
      showTagsSaved(result);
      void refresh();
    },
    onError: (error) => showApiError(error, t),
  });
  // A barrier already open on the file is not suggested again.
  const open = new Set(tags.filter((tag) => tag.resolvedOn === null).map((tag) => tag.barrierId));
  const items = (suggestions.data?.suggestions ?? []).filter((s) => !open.has(s.barrierId));
  if (items.length === 0) return null;
  return (
    <Paper withBorder p="xs" bg="orange.0" style={{ borderColor: 'var(--mantine-color-orange-4)' }}>
      <Stack gap={6}>
        <Title order={3} size="h5">
          {t('ui.advocacy.person.suggestions')}
        </Title>
        <Text size="sm">{t('ui.advocacy.person.suggestionsHint')}</Text>
        {items.map((s) => {
          const label = barrierLabel(s, language);
          return (
            <Group key={`${s.barrierId}${s.reason}`} justify="space-between" wrap="nowrap">
              <Stack gap={0}>
                <Text fw={600}>{label}</Text>
                <Text size="sm">
                  {suggestionReason(t, s)}
                </Text>
              </Stack>
              <Button
                size="xs"
                variant="light"
                loading={add.isPending && add.variables === s.barrierId}
                disabled={add.isPending}
                onClick={() => add.mutate(s.barrierId)}
                aria-label={t('ui.advocacy.person.addSuggestionLabel', { barrier: label })}
              >
                {t('ui.advocacy.person.addSuggestion')}
              </Button>
            </Group>
          );
        })}
      </Stack>
    </Paper>
  );
}

/**
 * A person's systemic barriers (for advocacy staff who tag them): every tag with where it came from,
 * its quote and whether it is resolved; adding one to the case file, resolving, removing; and the
 * suggestions from the file, each added only when a person confirms it.
 */
export function PersonBarriers({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const tags = useQuery(personTagsQuery(personId));
  const refresh = useRefresh(personId);
  const [removing, setRemoving] = useState<BarrierTag | null>(null);
  const remove = useMutation({
    mutationFn: (tag: BarrierTag) => deleteTag(tag.id),
    onSuccess: () => {
      setRemoving(null);
      showSaved(t);
      void refresh();
    },
    onError: (error) => showApiError(error, t),
  });
  const items = tags.data?.tags ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`person-barriers-${personId}`}>
      <Stack>
        <Title order={2} size="h3" id={`person-barriers-${personId}`}>
          {t('ui.advocacy.person.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('ui.advocacy.person.intro')}
        </Text>
        <QueryStatus query={tags} />
        {tags.data && items.length === 0 && <Text>{t('ui.advocacy.person.empty')}</Text>}
        {items.length > 0 && (
          <Table.ScrollContainer minWidth={800}>
            <Table striped aria-label={t('ui.advocacy.person.title')}>
              <TableHeader
                labels={[
                  t('fields.barrierId'), t('fields.observedOn'), t('ui.advocacy.person.source'), t('fields.quote'), t('fields.resolvedOn'), t('ui.advocacy.person.actions'),
                ]}
              />
              <Table.Tbody>
                {items.map((tag) => (
                  <TagRow key={tag.id} tag={tag} onRemove={setRemoving} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {tags.data && <Suggestions personId={personId} tags={items} />}
        <AddTagForm personId={personId} />
      </Stack>
      <ConfirmDialog
        opened={removing !== null}
        title={t('ui.advocacy.person.removeTitle')}
        body={removing ? t('ui.advocacy.person.removeBody', { barrier: barrierLabel(removing, language), date: formatDate(removing.observedOn, language) }) : ''}
        confirmLabel={t('ui.advocacy.person.remove')}
        loading={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
      />
    </Paper>
  );
}
