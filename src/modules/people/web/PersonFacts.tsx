import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { displayName } from '../../../shared/codes';
import { formatDate } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import type { PersonSummary } from '../contract';

/** File number, date of birth and nationality, right-aligned beside a person's names in lists. */
export function PersonFacts({ person }: { person: PersonSummary }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <Stack gap={0} align="flex-end">
      <Text size="sm" fw={600}>
        {person.fileNumber}
      </Text>
      <Text size="sm">
        {person.dateOfBirth
          ? `${formatDate(person.dateOfBirth, language)}${person.dateOfBirthEstimated ? ` (${t('ui.person.estimatedShort')})` : ''}`
          : t('ui.person.dobUnknown')}
      </Text>
      {person.nationality && <Text size="sm">{displayName('region', person.nationality, language)}</Text>}
    </Stack>
  );
}
