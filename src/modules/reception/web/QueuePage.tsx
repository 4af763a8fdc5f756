import { Anchor, Button, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { foldForSearch } from '../../people/search-text';
import { displayName } from '../../../shared/codes';
import { useCan } from '../../../web/auth';
import { PageTitle } from '../../../web/components/PageTitle';
import { PersonNames } from '../../../web/components/PersonNames';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { SearchInput } from '../../../web/components/SearchInput';
import { useSlashFocus } from '../../../web/components/useSlashFocus';
import { formatDate, formatTime } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import type { Visit, VisitStatus } from '../contract';
import { QueueActions } from './QueueActions';
import { queueQuery } from './reception.queries';
import { PriorityBadges, StatusBadge } from './VisitBadges';
import { useNow } from './useNow';
import { TableHeader } from '../../../web/components/TableHeader';

type Filter = 'all' | 'waiting' | 'active' | 'finished';
const filterStatuses: Record<Filter, readonly VisitStatus[]> = {
  all: ['waiting', 'called', 'in_consultation', 'done', 'left'],
  waiting: ['waiting'],
  active: ['called', 'in_consultation'],
  finished: ['done', 'left'],
};

function matches(visit: Visit, folded: string): boolean {
  if (!folded) return true;
  const p = visit.person;
  const text = foldForSearch([String(visit.ticketNumber), p.fileNumber, p.familyName, p.givenName, p.nameKana ?? '', p.nameInOwnScript ?? ''].join(' '));
  return folded.split(' ').every((part) => text.includes(part));
}

export function QueuePage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const canCheckIn = useCan('visits.write');
  const queue = useQuery(queueQuery());
  const [filter, setFilter] = useState<Filter>('all');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 150);
  const searchRef = useRef<HTMLInputElement>(null);
  useSlashFocus(searchRef);
  const now = useNow(15_000);

  // The server's clock decides waiting times, so a desk PC with a wrong clock still shows the truth.
  const offset = queue.data ? Date.parse(queue.data.serverTime) - queue.dataUpdatedAt : 0;
  const items = queue.data?.items ?? [];
  const count = (f: Filter) => items.filter((v) => filterStatuses[f].includes(v.status)).length;
  const folded = foldForSearch(debounced);
  const shown = items.filter((v) => filterStatuses[filter].includes(v.status) && matches(v, folded));

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <PageTitle text={t('ui.queue.title')} />
          {queue.data && <Text size="sm">{formatDate(queue.data.date, language)}</Text>}
        </div>
        {canCheckIn && (
          <Button component={Link} to="/check-in" size="md">
            {t('ui.queue.checkIn')}
          </Button>
        )}
      </Group>
      <Group align="flex-end" wrap="wrap">
        <SearchInput
          inputRef={searchRef}
          label={t('ui.queue.filterLabel')}
          description={t('ui.common.slashHint')}
          onSearch={setSearch}
          w={280}
        />
        <SegmentedControl
          aria-label={t('ui.queue.filterStatus')}
          value={filter}
          onChange={(value) => setFilter(value as Filter)}
          data={(['all', 'waiting', 'active', 'finished'] as const).map((f) => ({ value: f, label: `${t(`ui.queue.filter.${f}`)} (${count(f)})` }))}
        />
      </Group>
      <QueryStatus query={queue} />
      {queue.data && shown.length === 0 && <Text>{t('ui.queue.empty')}</Text>}
      {shown.length > 0 && (
        <Table.ScrollContainer minWidth={1000}>
          <Table verticalSpacing="sm" striped highlightOnHover aria-label={t('ui.queue.tableLabel')}>
            <TableHeader labels={[t('ui.queue.ticket'), t('ui.queue.person'), t('fields.priority'), t('fields.reason'), t('fields.interpreterLanguage'), t('fields.status'), t('ui.queue.waiting'), t('ui.queue.actions')]} />
            <Table.Tbody>
              {shown.map((visit) => {
                const live = visit.status === 'waiting' || visit.status === 'called';
                const minutes = Math.max(0, Math.floor((now + offset - Date.parse(visit.checkedInAt)) / 60_000));
                return (
                  <Table.Tr key={visit.id} data-ticket={visit.ticketNumber}>
                    <Table.Td>
                      <Text fz={32} fw={800} lh={1}>
                        {visit.ticketNumber}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/people/${visit.personId}`} c="inherit" underline="hover">
                        <PersonNames person={visit.person} />
                      </Anchor>
                      <Text size="sm">
                        {visit.person.fileNumber}
                        {visit.person.nationality && ` · ${displayName('region', visit.person.nationality, language)}`}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <PriorityBadges priority={visit.priority} reasons={visit.priorityReasons} />
                    </Table.Td>
                    <Table.Td maw={220}>{visit.reason}</Table.Td>
                    <Table.Td>{visit.interpreterLanguage ? displayName('language', visit.interpreterLanguage, language) : t('ui.common.none')}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={visit.status} />
                      {visit.handledByName && <Text size="sm">{visit.handledByName}</Text>}
                    </Table.Td>
                    <Table.Td>
                      {live && <Text fw={700}>{t('ui.queue.minutes', { minutes })}</Text>}
                      <Text size="sm">{t('ui.queue.checkedInAt', { time: formatTime(visit.checkedInAt, language) })}</Text>
                    </Table.Td>
                    <Table.Td>
                      <QueueActions visit={visit} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
