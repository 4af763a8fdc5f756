import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { displayName } from '../../../shared/codes';
import { PageTitle } from '../../../web/components/PageTitle';
import { PersonNames } from '../../../web/components/PersonNames';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { TableHeader } from '../../../web/components/TableHeader';
import { formatDate } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import { allowanceWaitingQuery } from './cases.queries';

/** Everyone waiting for a protection-allowance (保護費) decision, longest wait first: a headline advocacy figure. */
export function AllowanceWaitingPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const waiting = useQuery(allowanceWaitingQuery);
  const items = waiting.data?.items ?? [];
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
          <Table.ScrollContainer minWidth={800}>
            <Table striped aria-label={t('ui.cases.waiting.tableLabel')}>
              <TableHeader
                labels={[
                  t('ui.person.fileNumber'), t('ui.cases.waiting.person'), t('fields.nationality'), t('fields.allowanceStatus'),
                  t('ui.cases.waiting.appliedOn'), t('ui.cases.waiting.days'), t('fields.assignedTo'),
                ]}
              />
              <Table.Tbody>
                {items.map((entry) => (
                  <Table.Tr key={entry.person.id}>
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
