import { Button, Group, Paper, Stack, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCan } from '../../../web/auth';
import { PageTitle } from '../../../web/components/PageTitle';
import { useSlashFocus } from '../../../web/components/useSlashFocus';
import { PersonForm, prefillFromSearch } from './PersonForm';
import { PersonSearch } from './PersonSearch';

export function PeopleSearchPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canRegister = useCan('people.write');
  const [text, setText] = useState('');
  const [registering, setRegistering] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  useSlashFocus(searchRef);

  return (
    <Stack maw={900}>
      <PageTitle text={t('ui.people.title')} />
      {registering ? (
        <Paper withBorder p="md">
          <Title order={2} size="h3" mb="md">
            {t('ui.person.registerTitle')}
          </Title>
          <PersonForm
            prefill={prefillFromSearch(text)}
            onSaved={(person) => void navigate(`/people/${person.id}`)}
            onCancel={() => setRegistering(false)}
          />
        </Paper>
      ) : (
        <Paper withBorder p="md">
          <Stack>
            <PersonSearch label={t('ui.search.label')} autoFocus inputRef={searchRef} onTextChange={setText} onSelect={(p) => void navigate(`/people/${p.id}`)} />
            {canRegister && (
              <Group>
                <Button variant="outline" onClick={() => setRegistering(true)}>
                  {t('ui.checkIn.registerNew')}
                </Button>
              </Group>
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
