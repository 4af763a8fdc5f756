import { Anchor, Badge, Checkbox, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { displayName } from '../../../shared/codes';
import { PageTitle } from '../../../web/components/PageTitle';
import { PersonNames } from '../../../web/components/PersonNames';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { formatDate, primaryName } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import { useCan } from '../../../web/auth';
import { BulkTagBar } from '../../advocacy/web/BulkTagBar';
import { allowanceWaitingQuery } from './cases.queries';

/** Everyone waiting for a protection-allowance (保護費) decision, longest wait first: a headline advocacy figure. */
export function AllowanceWaitingPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const waiting = useQuery(allowanceWaitingQuery);
  const items = waiting.data?.items ?? [];
  // Advocacy staff may tick people and tag them all with one barrier (the allowance delay first).
  const canTag = useCan('advocacy.tag');
  const [ticked, setTicked] = useState<string[]>([]);
  const shown = new Set(items.map((entry) => entry.person.id));
  const tickedShown = ticked.filter((id) => shown.has(id));
  const allTicked = items.length > 0 && tickedShown.length === items.length;
  const tick = (id: string, on: boolean) => setTicked(on ? [...tickedShown, id] : tickedShown.filter((x) => x !== id));
  return (
    <Stack>
      <PageTitle text={t('ui.cases.waiting.title')} />
      <Text>{t('ui.cases.waiting.intro')}</Text>
      <QueryStatus query={waiting} />
      {waiting.data && items.length === 0 && <Text>{t('ui.cases.waiting.empty')}</Text>}
      {items.length > 0 && (
        <>
          <Text fw={700} role="status">
            {t('ui.cases.waiting.count', { n: items.length })}
          </Text>
          {canTag && <BulkTagBar personIds={tickedShown} defaultCode="b01" onTagged={() => setTicked([])} />}
          <Table.ScrollContainer minWidth={800}>
            <Table striped aria-label={t('ui.cases.waiting.tableLabel')}>
              <Table.Thead>
                <Table.Tr>
                  {canTag && (
                    <Table.Th>
                      <Checkbox
                        aria-label={t('ui.advocacy.bulk.tickAll')}
                        checked={allTicked}
                        indeterminate={tickedShown.length > 0 && !allTicked}
                        onChange={(e) => setTicked(e.currentTarget.checked ? items.map((entry) => entry.person.id) : [])}
                      />
                    </Table.Th>
                  )}
                  {[
                    t('ui.person.fileNumber'), t('ui.cases.waiting.person'), t('fields.nationality'), t('fields.allowanceStatus'),
                    t('ui.cases.waiting.appliedOn'), t('ui.cases.waiting.days'), t('fields.assignedTo'),
                  ].map((label) => (
                    <Table.Th key={label}>{label}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((entry) => (
                  <Table.Tr key={entry.person.id}>
                    {canTag && (
                      <Table.Td>
                        <Checkbox
                          aria-label={t('ui.advocacy.bulk.tick', { name: `${primaryName(entry.person)} (${entry.person.fileNumber})` })}
                          checked={tickedShown.includes(entry.person.id)}
                          onChange={(e) => tick(entry.person.id, e.currentTarget.checked)}
                        />
                      </Table.Td>
                    )}
                    <Table.Td>
                      <Anchor component={Link} to={`/people/${entry.person.id}`}>
                        {entry.person.fileNumber}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <PersonNames person={entry.person} size="sm" />
                    </Table.Td>
                    <Table.Td>{entry.person.nationality ? displayName('region', entry.person.nationality, language) : '—'}</Table.Td>
                    <Table.Td>{t(`ui.cases.allowanceStatus.${entry.allowanceStatus}`)}</Table.Td>
                    <Table.Td>{formatDate(entry.allowanceAppliedOn, language)}</Table.Td>
                    <Table.Td>
                      <Badge color={entry.daysWaiting >= 90 ? 'red' : 'orange'} size="lg">
                        {entry.daysWaiting}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{entry.assignedToName ?? t('ui.cases.unassigned')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
