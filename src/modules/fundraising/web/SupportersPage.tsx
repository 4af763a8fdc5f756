import { Button, Group, Paper, Stack } from '@mantine/core';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../../web/auth';
import { PageTitle } from '../../../web/components/PageTitle';
import { useSlashFocus } from '../../../web/components/useSlashFocus';
import { SupporterSearch } from './SupporterSearch';

/** Find a supporter as you type (keyboard first: "/" to search, ↑↓ and Enter to open), or add one. */
export function SupportersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canWrite = useCan('fundraising.write');
  const searchRef = useRef<HTMLInputElement>(null);
  useSlashFocus(searchRef);

  return (
    <Stack maw={900}>
      <PageTitle text={t('ui.fundraising.supporters.title')} />
      <Paper withBorder p="md">
        <Stack>
          <SupporterSearch
            label={t('ui.fundraising.search.label')}
            autoFocus
            inputRef={searchRef}
            onSelect={(s) => void navigate(`/fundraising/supporters/${s.id}`)}
          />
          {canWrite && (
            <Group>
              <Button component={Link} to="/fundraising/supporters/new" variant="outline">
                {t('ui.fundraising.supporters.add')}
              </Button>
            </Group>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
