import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { displayName } from '../../../shared/codes';
import { TimelineList } from '../../timeline/web/TimelineList';
import { CaseFileSection } from '../../cases/web/CaseFileSection';
import { PersonDeadlinesAndTasks } from '../../deadlines/web/PersonDeadlinesAndTasks';
import { DocumentsSection } from '../../documents/web/DocumentsSection';
import { PersonShelterSection } from '../../shelter/web/PersonShelterSection';
import { PrivacySection } from '../../privacy/web/PrivacySection';
import { PersonMergeSection } from '../../merge/web/PersonMergeSection';
import { PersonBarriers } from '../../advocacy/web/PersonBarriers';
import { useCan } from '../../../web/auth';
import { PageTitle } from '../../../web/components/PageTitle';
import { Detail } from '../../../web/components/Detail';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { showSaved } from '../../../web/forms';
import { ageOn, formatDate, otherNames, primaryName } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import type { Person } from '../contract';
import { PersonForm } from './PersonForm';
import { personQuery } from './people.queries';

function PersonDetails({ person }: { person: Person }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const age = person.dateOfBirth ? ageOn(person.dateOfBirth) : null;
  const none = t('ui.common.none');
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
      <Detail label={t('ui.person.fileNumber')}>{person.fileNumber}</Detail>
      <Detail label={t('fields.dateOfBirth')}>
        {person.dateOfBirth
          ? `${formatDate(person.dateOfBirth, language)}${person.dateOfBirthEstimated ? ` (${t('ui.person.estimatedShort')})` : ''}`
          : t('ui.person.dobUnknown')}
      </Detail>
      <Detail label={t('ui.person.age')}>{age === null ? none : t('ui.person.years', { age })}</Detail>
      <Detail label={t('fields.sex')}>{t(`ui.sex.${person.sex}`)}</Detail>
      <Detail label={t('fields.nationality')}>{person.nationality ? displayName('region', person.nationality, language) : none}</Detail>
      <Detail label={t('fields.languages')}>
        {person.languages.length ? person.languages.map((l) => displayName('language', l, language)).join(', ') : none}
      </Detail>
      <Detail label={t('fields.phone')}>{person.phone ?? none}</Detail>
      <Detail label={t('fields.housing')}>{person.housing ? t(`ui.housing.${person.housing}`) : none}</Detail>
    </SimpleGrid>
  );
}

export function PersonPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const client = useQueryClient();
  const person = useQuery(personQuery(id));
  const [editing, setEditing] = useState(false);
  const canEdit = useCan('people.write');
  const canCheckIn = useCan('visits.write');
  const canConsult = useCan('consultations.write');
  const canGiveAid = useCan('assistance.write');
  const canTag = useCan('advocacy.tag');

  if (!person.data) {
    return (
      <Stack>
        <PageTitle text={t('ui.person.title')} />
        <QueryStatus query={person} />
      </Stack>
    );
  }
  const p = person.data;

  return (
    <Stack maw={1100}>
      <Stack gap={0}>
        <PageTitle text={primaryName(p)} />
        {otherNames(p).map((name) => (
          <Text key={name} size="lg" mt={-12} mb={12}>
            {name}
          </Text>
        ))}
      </Stack>
      <PersonMergeSection person={p} />
      <Paper withBorder p="md">
        {editing ? (
          <>
            <Title order={2} size="h3" mb="md">
              {t('ui.person.editTitle')}
            </Title>
            <PersonForm
              key={p.version}
              person={p}
              onSaved={(saved) => {
                client.setQueryData(personQuery(id).queryKey, saved);
                showSaved(t);
                setEditing(false);
              }}
              onCancel={() => setEditing(false)}
              onReload={() => void person.refetch()}
            />
          </>
        ) : (
          <Stack>
            <PersonDetails person={p} />
            {canEdit && (
              <Group>
                <Button variant="default" onClick={() => setEditing(true)}>
                  {t('ui.person.edit')}
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </Paper>
      <Group>
        {canCheckIn && (
          <Button component={Link} to={`/check-in?personId=${p.id}`}>
            {t('ui.actions.checkIn')}
          </Button>
        )}
        {canConsult && (
          <Button component={Link} to={`/people/${p.id}/consultations/new`} variant="outline">
            {t('ui.actions.recordConsultation')}
          </Button>
        )}
        {canGiveAid && (
          <Button component={Link} to={`/people/${p.id}/aid/new`} variant="outline">
            {t('ui.actions.giveAid')}
          </Button>
        )}
      </Group>
      <CaseFileSection personId={p.id} housing={p.housing} />
      {canTag && <PersonBarriers personId={p.id} />}
      <PersonDeadlinesAndTasks personId={p.id} />
      <PersonShelterSection personId={p.id} housing={p.housing} />
      <DocumentsSection personId={p.id} />
      <PrivacySection personId={p.id} />
      <TimelineList personId={p.id} />
    </Stack>
  );
}
