import { Anchor, Badge, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TableHeader } from '../../../web/components/TableHeader';
import { formatDate, primaryName } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import type { Deadline, DeadlineWithPerson } from '../contract';

function timeLeft(t: TFunction, d: Deadline): string {
  if (d.daysLeft === 0) return t('ui.deadlines.dueToday');
  if (d.daysLeft === 1) return t('ui.deadlines.dueTomorrow');
  if (d.daysLeft === -1) return t('ui.deadlines.overdueByOne');
  if (d.daysLeft < 0) return t('ui.deadlines.overdueBy', { days: -d.daysLeft });
  return t('ui.deadlines.dueIn', { days: d.daysLeft });
}

/** Deadlines with the rule's name, the fact it comes from and the due date; overdue ones in red. */
export function DeadlineTable({ deadlines, label }: { deadlines: Array<Deadline | DeadlineWithPerson>; label: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const withPerson = deadlines.some((d) => 'person' in d);
  const labels = [
    ...(withPerson ? [t('ui.deadlines.person')] : []),
    t('ui.deadlines.deadline'), t('ui.deadlines.factDate'), t('ui.deadlines.dueOn'), t('ui.deadlines.when'),
  ];
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table aria-label={label}>
        <TableHeader labels={labels} />
        <Table.Tbody>
          {deadlines.map((d) => (
            <Table.Tr key={`${d.personId}:${d.kind}:${d.eventId ?? ''}`} bg={d.isOverdue ? 'red.0' : undefined}>
              {'person' in d && (
                <Table.Td>
                  <Anchor component={Link} to={`/people/${d.personId}`}>
                    {primaryName(d.person)}
                  </Anchor>
                  <Text size="sm">{d.person.fileNumber}</Text>
                </Table.Td>
              )}
              <Table.Td>{t(`ui.deadlines.rule.${d.kind}`)}</Table.Td>
              <Table.Td>
                <Text size="sm">{t(`ui.deadlines.fact.${d.kind}`)}</Text>
                {formatDate(d.factDate, language)}
              </Table.Td>
              <Table.Td fw={700}>{formatDate(d.dueOn, language)}</Table.Td>
              <Table.Td>
                {d.isOverdue ? (
                  <Badge color="red" variant="filled">
                    {t('ui.deadlines.overdue')}: {timeLeft(t, d)}
                  </Badge>
                ) : (
                  timeLeft(t, d)
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
