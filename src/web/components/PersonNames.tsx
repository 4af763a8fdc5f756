import { Stack, Text } from '@mantine/core';
import { otherNames, primaryName } from '../format';

interface Props {
  person: { familyName: string; givenName: string; nameInOwnScript: string | null; nameKana: string | null };
  size?: 'sm' | 'md' | 'lg';
}

/** A person's names: Latin (or the first form given) in bold, then katakana and own script. */
export function PersonNames({ person, size = 'md' }: Props) {
  return (
    <Stack gap={0}>
      <Text fw={700} size={size}>
        {primaryName(person)}
      </Text>
      {otherNames(person).map((name) => (
        <Text key={name} size="sm">
          {name}
        </Text>
      ))}
    </Stack>
  );
}
