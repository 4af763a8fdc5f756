import { Button, Group, Select, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showApiError } from '../../../web/forms';
import { currentLanguage } from '../../../web/i18n';
import { barrierLabel } from './advocacy.labels';
import { advocacyKey, barriersQuery, bulkTag, type BulkTagResultBody } from './advocacy.queries';

interface Props {
  /** The people ticked in the list. */
  personIds: string[];
  /** The barrier chosen at first, by its code (e.g. the allowance delay on the waiting list). */
  defaultCode?: string;
  /** After tagging: the list may clear its ticks. */
  onTagged?: (result: BulkTagResultBody) => void;
}

/** Tags every ticked person with one barrier at once (today), then says how many were new. */
export function BulkTagBar({ personIds, defaultCode, onTagged }: Props) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const client = useQueryClient();
  const barriers = useQuery(barriersQuery());
  const active = (barriers.data?.barriers ?? []).filter((b) => b.retiredAt === null && b.mergedIntoId === null);
  // undefined: not chosen yet, so the default applies; null: cleared by the staff member.
  const [chosen, setChosen] = useState<string | null | undefined>(undefined);
  const barrierId = chosen === undefined ? (active.find((b) => b.code === defaultCode)?.id ?? null) : chosen;
  const [result, setResult] = useState<BulkTagResultBody | null>(null);
  const tag = useMutation({
    mutationFn: (input: { barrierId: string; personIds: string[] }) => bulkTag(input),
    onSuccess: (r) => {
      setResult(r);
      void client.invalidateQueries({ queryKey: advocacyKey });
      onTagged?.(r);
    },
    onError: (error) => showApiError(error, t),
  });
  return (
    <Group align="flex-end" wrap="wrap">
      <Select
        label={t('ui.advocacy.bulk.barrier')}
        data={active.map((b) => ({ value: b.id, label: barrierLabel(b, language) }))}
        value={barrierId}
        onChange={(v) => {
          setChosen(v);
          setResult(null);
        }}
        searchable
        w={340}
      />
      <Button
        disabled={barrierId === null || personIds.length === 0}
        loading={tag.isPending}
        onClick={() => barrierId && tag.mutate({ barrierId, personIds })}
      >
        {t('ui.advocacy.bulk.submit', { n: personIds.length })}
      </Button>
      <Text role="status" size="sm" mb={8}>
        {result && t('ui.advocacy.bulk.result', { tagged: result.tagged, already: result.alreadyTagged })}
      </Text>
    </Group>
  );
}
