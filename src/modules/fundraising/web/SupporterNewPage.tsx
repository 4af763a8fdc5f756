import { Paper, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageTitle } from '../../../web/components/PageTitle';
import { showSaved } from '../../../web/forms';
import { supporterQuery, supportersKey } from './fundraising.queries';
import { SupporterForm } from './SupporterForm';

/** /fundraising/supporters/new: the supporter form, with possible duplicates beside it. */
export function SupporterNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  return (
    <Stack maw={1200}>
      <PageTitle text={t('ui.fundraising.form.newTitle')} />
      <Paper withBorder p="md">
        <SupporterForm
          cancelTo="/fundraising/supporters"
          onSaved={(saved) => {
            client.setQueryData(supporterQuery(saved.id).queryKey, saved);
            void client.invalidateQueries({ queryKey: [...supportersKey, 'search'] });
            showSaved(t, t('ui.fundraising.form.created', { number: saved.supporterNumber }));
            void navigate(`/fundraising/supporters/${saved.id}`);
          }}
        />
      </Paper>
    </Stack>
  );
}
