import { Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../../web/auth';
import { PageTitle } from '../../../web/components/PageTitle';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { TableHeader } from '../../../web/components/TableHeader';
import { showSaved } from '../../../web/forms';
import { formatDate } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import { count, yen } from '../../fundraising/web/fundraising.labels';
import { EventForm } from './EventForm';
import { eventName } from './runners.labels';
import { eventsQuery } from './runners.queries';

/** /runners: the charity events (race day, places taken, applications), and a new event for managers. */
export function EventsPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const navigate = useNavigate();
  const canManage = useCan('fundraising.manage');
  const [creating, setCreating] = useState(false);
  const events = useQuery(eventsQuery);
  const list = events.data?.events ?? [];

  return (
    <Stack maw={1100}>
      <PageTitle text={t('ui.runners.events.title')} />
      <Group gap="md">
        <Anchor component={Link} to="/runners/moderation">
          {t('ui.runners.nav.moderation')}
        </Anchor>
        <Anchor component={Link} to="/runners/campaign-pages">
          {t('ui.runners.campaignPages.title')}
        </Anchor>
      </Group>
      {canManage && (
        <Paper withBorder p="md">
          {creating ? (
            <Stack>
              <Title order={2} size="h3">
                {t('ui.runners.eventForm.newTitle')}
              </Title>
              <EventForm
                onSaved={(e) => {
                  showSaved(t, t('ui.runners.eventForm.created'));
                  setCreating(false);
                  void navigate(`/runners/events/${e.id}`);
                }}
                onCancel={() => setCreating(false)}
              />
            </Stack>
          ) : (
            <Group>
              <Button onClick={() => setCreating(true)}>{t('ui.runners.eventForm.newTitle')}</Button>
            </Group>
          )}
        </Paper>
      )}
      <Paper withBorder p="md">
        <Stack>
          <Title order={2} size="h3">
            {t('ui.runners.events.listTitle')}
          </Title>
          <QueryStatus query={events} />
          {events.data && list.length === 0 && <Text c="dimmed">{t('ui.runners.events.none')}</Text>}
          {list.length > 0 && (
            <Table.ScrollContainer minWidth={720}>
              <Table striped aria-label={t('ui.runners.events.listTitle')}>
                <TableHeader
                  labels={[
                    t('ui.runners.events.name'), t('ui.runners.events.raceOn'), t('ui.runners.events.minimum'), t('ui.runners.events.places'),
                    t('ui.runners.events.applications'), t('ui.runners.events.campaign'),
                  ]}
                />
                <Table.Tbody>
                  {list.map((e) => (
                    <Table.Tr key={e.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/runners/events/${e.id}`} fw={600}>
                          {eventName(e, language)}
                        </Anchor>
                        <Text size="xs" ff="monospace">
                          {e.code}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(e.raceOn, language)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{yen(e.minimumYen)}</Table.Td>
                      <Table.Td>{t('ui.runners.events.placesTaken', { taken: count(e.runners), places: count(e.places) })}</Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/runners/events/${e.id}/applications`}>
                          {t('ui.runners.events.applicationsCount', { count: e.applications })}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{language === 'ja' ? e.campaignNameJa : e.campaignNameEn || e.campaignNameJa}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
