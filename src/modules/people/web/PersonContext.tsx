import { Anchor, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { otherNames, primaryName } from '../../../web/format';
import { personQuery } from './people.queries';

/** "For whom": the person's names and file number above a form, linking back to the file. */
export function PersonContext({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const person = useQuery(personQuery(personId));
  if (!person.data) return null;
  const p = person.data;
  return (
    <Group gap="sm">
      <Text>{t('ui.common.for')}</Text>
      <Anchor component={Link} to={`/people/${p.id}`} fw={700}>
        {primaryName(p)}
      </Anchor>
      {otherNames(p).map((n) => (
        <Text key={n}>{n}</Text>
      ))}
      <Text fw={600}>{p.fileNumber}</Text>
    </Group>
  );
}
