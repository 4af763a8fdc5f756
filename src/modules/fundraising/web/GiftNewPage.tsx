import { Paper, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { PageTitle } from '../../../web/components/PageTitle';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { showSaved } from '../../../web/forms';
import { yen } from './fundraising.labels';
import { supporterQuery } from './fundraising.queries';
import { GiftForm } from './GiftForm';

/** /fundraising/gifts/new?supporterId=…: record a gift (for that supporter, or one found by search). */
export function GiftNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const supporterId = params.get('supporterId') ?? '';
  const supporter = useQuery({ ...supporterQuery(supporterId), enabled: supporterId !== '' });
  // After a gift without a supporter, a fresh form for the next one.
  const [round, setRound] = useState(0);

  return (
    <Stack maw={900}>
      <PageTitle text={t('ui.fundraising.giftForm.title')} />
      {supporterId !== '' && !supporter.data ? (
        <QueryStatus query={supporter} />
      ) : (
        <Paper withBorder p="md">
          <GiftForm
            key={round}
            supporter={supporter.data ?? null}
            cancelTo={supporterId ? `/fundraising/supporters/${supporterId}` : '/fundraising/supporters'}
            onSaved={(gift) => {
              showSaved(t, t('ui.fundraising.giftForm.saved', { amount: yen(gift.amountYen) }));
              if (gift.supporterId) void navigate(`/fundraising/supporters/${gift.supporterId}`);
              else setRound((n) => n + 1);
            }}
          />
        </Paper>
      )}
    </Stack>
  );
}
