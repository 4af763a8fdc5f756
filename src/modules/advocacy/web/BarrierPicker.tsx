import { Button, Chip, Fieldset, Group, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { currentLanguage } from '../../../web/i18n';
import type { Suggestion, TagInput } from '../contract';
import { barrierLabel, suggestionReason } from './advocacy.labels';
import { barriersQuery, suggestionsQuery } from './advocacy.queries';
import { QuoteField } from './QuoteField';

/** A barrier chosen in a form, with its optional quote ('' for none). */
export interface PickedBarrier {
  barrierId: string;
  quote: string;
}

/** The chosen barriers as the contract's tags: an empty quote is left out. */
export function pickedToTags(picked: readonly PickedBarrier[]): TagInput[] {
  return picked.map((p) => (p.quote.trim() === '' ? { barrierId: p.barrierId } : { barrierId: p.barrierId, quote: p.quote.trim() }));
}

interface Props {
  /** The person being seen: for suggestions and the quote check. */
  personId: string;
  value: PickedBarrier[];
  onChange: (value: PickedBarrier[]) => void;
  /** A message about the tags (from the form's validation or the server). */
  error?: ReactNode;
}

function SuggestedChip({ suggestion, checked, onToggle }: { suggestion: Suggestion; checked: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const reasonId = useId();
  return (
    <Group gap={6} wrap="nowrap">
      <Chip color="orange" variant="outline" checked={checked} onChange={onToggle} aria-describedby={reasonId}>
        {barrierLabel(suggestion, currentLanguage())}
      </Chip>
      <Text id={reasonId} size="xs">
        {suggestionReason(t, suggestion)}
      </Text>
    </Group>
  );
}

/**
 * Systemic barriers seen in a consultation, as chips: one click selects one, and saving the form
 * saves the tags. Suggestions from the file come first, highlighted with their reason, and are
 * never selected for the staff member. Each chosen barrier may take a short quote (closed at first).
 */
export function BarrierPicker({ personId, value, onChange, error }: Props) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const barriers = useQuery(barriersQuery());
  const suggestions = useQuery({ ...suggestionsQuery(personId), enabled: personId !== '' });
  const [openQuotes, setOpenQuotes] = useState<string[]>([]);

  const active = (barriers.data?.barriers ?? []).filter((b) => b.retiredAt === null && b.mergedIntoId === null);
  const activeIds = new Set(active.map((b) => b.id));
  const suggested = (suggestions.data?.suggestions ?? []).filter((s, i, all) => activeIds.has(s.barrierId) && all.findIndex((o) => o.barrierId === s.barrierId) === i);
  const suggestedIds = new Set(suggested.map((s) => s.barrierId));
  const others = active.filter((b) => !suggestedIds.has(b.id));
  const isChecked = (id: string) => value.some((p) => p.barrierId === id);
  const toggle = (id: string) => {
    if (isChecked(id)) {
      onChange(value.filter((p) => p.barrierId !== id));
      setOpenQuotes(openQuotes.filter((o) => o !== id));
    } else {
      onChange([...value, { barrierId: id, quote: '' }]);
    }
  };
  const setQuote = (id: string, quote: string) => onChange(value.map((p) => (p.barrierId === id ? { ...p, quote } : p)));
  const labelOf = (id: string) => {
    const b = active.find((x) => x.id === id);
    return b ? barrierLabel(b, language) : '';
  };

  return (
    <Fieldset legend={t('ui.advocacy.picker.legend')} variant="unstyled">
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {t('ui.advocacy.picker.hint')}
        </Text>
        <QueryStatus query={barriers} />
        {suggested.length > 0 && (
          <Paper withBorder p="xs" bg="orange.0" style={{ borderColor: 'var(--mantine-color-orange-4)' }}>
            <Stack gap={6}>
              <Text size="sm" fw={600}>
                {t('ui.advocacy.picker.suggested')}
              </Text>
              {suggested.map((s) => (
                <SuggestedChip key={s.barrierId} suggestion={s} checked={isChecked(s.barrierId)} onToggle={() => toggle(s.barrierId)} />
              ))}
            </Stack>
          </Paper>
        )}
        {others.length > 0 && (
          <Group gap="xs">
            {others.map((b) => (
              <Chip key={b.id} checked={isChecked(b.id)} onChange={() => toggle(b.id)}>
                {barrierLabel(b, language)}
              </Chip>
            ))}
          </Group>
        )}
        {barriers.data && active.length === 0 && <Text c="dimmed">{t('ui.advocacy.picker.none')}</Text>}
        {value.map((p) => {
          const label = labelOf(p.barrierId);
          const isOpen = openQuotes.includes(p.barrierId) || p.quote !== '';
          return (
            <Stack key={p.barrierId} gap={4}>
              <Group gap="xs">
                <Text size="sm" fw={600}>
                  {label}
                </Text>
                {!isOpen && (
                  <Button size="compact-xs" variant="subtle" onClick={() => setOpenQuotes([...openQuotes, p.barrierId])}>
                    {t('ui.advocacy.picker.addQuote')}
                  </Button>
                )}
              </Group>
              {isOpen && (
                <QuoteField personId={personId} label={t('ui.advocacy.picker.quoteFor', { barrier: label })} value={p.quote} onChange={(q) => setQuote(p.barrierId, q)} autoFocus />
              )}
            </Stack>
          );
        })}
        {error && (
          <Text c="red.8" size="sm" role="alert">
            {error}
          </Text>
        )}
      </Stack>
    </Fieldset>
  );
}
