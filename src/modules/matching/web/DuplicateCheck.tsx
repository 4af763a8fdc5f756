import { Alert, Anchor, Button, Checkbox, Group, Paper, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../web/api';
import { PersonNames } from '../../../web/components/PersonNames';
import { hasSomeName, type PersonSummary } from '../../people/contract';
import type { MatchCandidate, MatchInput, MatchResult } from '../contract';
import { PersonFacts } from '../../people/web/PersonFacts';

/** The fields of a registration form the duplicate check reads (form strings; '' for empty). */
export interface DuplicateCheckValues {
  familyName: string;
  givenName: string;
  nameInOwnScript: string;
  nameKana: string;
  dateOfBirth: string;
  dateOfBirthEstimated: boolean;
  sex: MatchInput['sex'];
  nationality: string | null;
}

function toMatchInput(v: DuplicateCheckValues): MatchInput | null {
  const input: MatchInput = {
    familyName: v.familyName.trim(),
    givenName: v.givenName.trim(),
    nameInOwnScript: v.nameInOwnScript.trim() || null,
    nameKana: v.nameKana.trim() || null,
    dateOfBirth: /^\d{4}-\d{2}-\d{2}$/.test(v.dateOfBirth) ? v.dateOfBirth : null,
    dateOfBirthEstimated: v.dateOfBirthEstimated,
    sex: v.sex,
    nationality: v.nationality,
  };
  return hasSomeName(input) ? input : null;
}

export function matchPeople(input: MatchInput) {
  return api<MatchResult>('/api/people/match', { method: 'POST', body: input });
}

/**
 * Asks the server, as the desk types, whether the person being registered already has a file:
 * debounced, and never while an IME is composing (spread `compositionProps` on the form, where
 * composition events of every name field bubble). Pass null to switch it off (editing a person).
 */
export function useDuplicateCheck(values: DuplicateCheckValues | null) {
  const client = useQueryClient();
  const composing = useRef(false);
  const [settled, setSettled] = useState<DuplicateCheckValues | null>(values);
  const [acknowledged, setAcknowledged] = useState(false);
  const [asked, setAsked] = useState(false);
  // While composing, keep asking about the last text that was final.
  const latest = composing.current ? settled : values;
  if (!composing.current && JSON.stringify(latest) !== JSON.stringify(settled)) setSettled(latest);
  const [debounced] = useDebouncedValue(settled, 400);
  const input = debounced ? toMatchInput(debounced) : null;
  const key = input ? JSON.stringify(input) : '';
  const query = useQuery({
    queryKey: ['people', 'match', key],
    queryFn: () => matchPeople(input as MatchInput),
    enabled: input !== null,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
  const candidates: MatchCandidate[] = input ? query.data?.candidates ?? [] : [];
  // A new candidate list needs a new acknowledgement.
  const [ackKey, setAckKey] = useState('');
  const listKey = candidates.map((c) => c.id).join(',');
  if (ackKey !== listKey) {
    setAckKey(listKey);
    setAcknowledged(false);
    setAsked(false);
  }
  return {
    candidates,
    acknowledged,
    /** Set when a save was tried before the candidates were acknowledged. */
    asked,
    setAcknowledged,
    /** True when registering may go ahead: no candidates, or the user said it is someone else. */
    mayCreate: candidates.length === 0 || acknowledged,
    /**
     * Asks about exactly what is in the form now (not the debounced text), so a file cannot be
     * created before its candidates were seen: true when there are none, or the same list was
     * acknowledged; otherwise shows them and answers false.
     */
    async readyToCreate(): Promise<boolean> {
      const now = values ? toMatchInput(values) : null;
      if (!now) return true;
      const result = await client.fetchQuery({ queryKey: ['people', 'match', JSON.stringify(now)], queryFn: () => matchPeople(now), staleTime: 10_000 });
      if (result.candidates.length === 0) return true;
      if (acknowledged && result.candidates.map((c) => c.id).join(',') === listKey) return true;
      if (values) setSettled({ ...values });
      setAsked(true);
      return false;
    },
    askToAcknowledge: () => setAsked(true),
    compositionProps: {
      onCompositionStart: () => {
        composing.current = true;
      },
      onCompositionEnd: () => {
        composing.current = false;
        if (values) setSettled({ ...values });
      },
    },
  };
}
export type DuplicateCheck = ReturnType<typeof useDuplicateCheck>;

interface Props {
  check: DuplicateCheck;
  /** Use an existing file instead of registering (check-in); without it, a link opens the file. */
  onChoose?: ((person: PersonSummary) => void) | undefined;
}

/**
 * The existing files that may be this person, shown before a new file is made: a strong
 * candidate prominently, possible ones for review, each with a way to open or choose it, and a
 * confirmation to register anyway.
 */
export function DuplicateCandidates({ check, onChoose }: Props) {
  const { t } = useTranslation();
  const { candidates } = check;
  if (candidates.length === 0) return null;
  const strong = candidates.filter((c) => c.level === 'strong');
  const possible = candidates.filter((c) => c.level === 'possible');

  const action = (c: MatchCandidate, variant: 'filled' | 'light') =>
    onChoose ? (
      <Button size="xs" variant={variant} onClick={() => onChoose(c.person)}>
        {t('ui.matching.choose', { fileNumber: c.person.fileNumber })}
      </Button>
    ) : (
      <Anchor component={Link} to={`/people/${c.id}`} size="sm">
        {t('ui.matching.open', { fileNumber: c.person.fileNumber })}
      </Anchor>
    );

  return (
    <Stack gap="sm" role="region" aria-label={t('ui.matching.regionLabel')}>
      {strong.map((c) => (
        <Alert key={c.id} color="red" variant="light" title={t('ui.matching.strongTitle', { fileNumber: c.person.fileNumber })}>
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <PersonNames person={c.person} />
            <PersonFacts person={c.person} />
          </Group>
          <Group mt="sm">{action(c, 'filled')}</Group>
        </Alert>
      ))}
      {possible.length > 0 && (
        <Paper withBorder p="sm">
          <Text fw={600} mb="xs">
            {t('ui.matching.possibleTitle', { count: possible.length })}
          </Text>
          <Stack gap="xs">
            {possible.map((c) => (
              <Group key={c.id} justify="space-between" align="flex-start" wrap="nowrap">
                <PersonNames person={c.person} size="sm" />
                <Group gap="sm" align="flex-start" wrap="nowrap">
                  <PersonFacts person={c.person} />
                  {action(c, 'light')}
                </Group>
              </Group>
            ))}
          </Stack>
        </Paper>
      )}
      <Checkbox
        label={t('ui.matching.acknowledge')}
        checked={check.acknowledged}
        onChange={(event) => check.setAcknowledged(event.currentTarget.checked)}
        error={check.asked && !check.acknowledged ? t('ui.matching.acknowledgeFirst') : undefined}
      />
    </Stack>
  );
}
