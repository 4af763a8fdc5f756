import { Button, Group, Paper, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PersonForm, prefillFromSearch } from '../../people/web/PersonForm';
import { PersonSearch } from '../../people/web/PersonSearch';
import { personQuery } from '../../people/web/people.queries';
import { useCan } from '../../../web/auth';
import { PageTitle } from '../../../web/components/PageTitle';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { useSlashFocus } from '../../../web/components/useSlashFocus';
import type { Visit } from '../contract';
import { CheckInForm, type CheckInPerson } from './CheckInForm';
import { TicketIssued } from './TicketIssued';

type Step = { kind: 'search' } | { kind: 'register'; text: string } | { kind: 'form'; person: CheckInPerson } | { kind: 'ticket'; visit: Visit };

/** Find (or register) the person, check them in, tell them their number: keyboard only if need be. */
export function CheckInPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const personId = params.get('personId');
  const [step, setStep] = useState<Step>({ kind: 'search' });
  const [text, setText] = useState('');
  const searchRef = useRef<HTMLInputElement>(null);
  const canRegister = useCan('people.write');
  useSlashFocus(searchRef);

  // From a person's page: /check-in?personId=… goes straight to the form.
  const preselected = useQuery({ ...personQuery(personId ?? ''), enabled: !!personId });
  useEffect(() => {
    if (preselected.data) setStep({ kind: 'form', person: preselected.data });
  }, [preselected.data]);

  function restart() {
    if (personId) setParams({}, { replace: true });
    setText('');
    setStep({ kind: 'search' });
  }

  return (
    <Stack maw={900}>
      <PageTitle text={t('ui.checkIn.title')} />
      {personId && step.kind === 'search' && <QueryStatus query={preselected} />}
      {step.kind === 'search' && (
        <Paper withBorder p="md">
          <Stack>
            <PersonSearch
              label={t('ui.search.label')}
              autoFocus
              inputRef={searchRef}
              onTextChange={setText}
              onSelect={(person) => setStep({ kind: 'form', person })}
            />
            <Group>
              {canRegister && (
                <Button variant="outline" onClick={() => setStep({ kind: 'register', text })}>
                  {t('ui.checkIn.registerNew')}
                </Button>
              )}
              <Button variant="default" component={Link} to="/queue">
                {t('ui.checkIn.backToQueue')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      {step.kind === 'register' && (
        <Paper withBorder p="md">
          <Title order={2} size="h3" mb="md">
            {t('ui.person.registerTitle')}
          </Title>
          <PersonForm
            prefill={prefillFromSearch(step.text)}
            onSaved={(person) => setStep({ kind: 'form', person })}
            onChooseExisting={(person) => setStep({ kind: 'form', person })}
            onCancel={() => setStep({ kind: 'search' })}
          />
        </Paper>
      )}
      {step.kind === 'form' && <CheckInForm person={step.person} onDone={(visit) => setStep({ kind: 'ticket', visit })} onCancel={restart} />}
      {step.kind === 'ticket' && <TicketIssued visit={step.visit} onAnother={restart} />}
    </Stack>
  );
}
