import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../web/i18n';

/**
 * A label in the reader's language followed by the other language, smaller: the board is posted on
 * the wall and printed for staff and volunteers of both languages.
 */
export function Bilingual({ k, params }: { k: string; params?: Record<string, unknown> }) {
  const { i18n } = useTranslation();
  const language = currentLanguage();
  const other = language === 'ja' ? 'en' : 'ja';
  const tOther = i18n.getFixedT(other);
  const tOwn = i18n.getFixedT(language);
  return (
    <>
      {tOwn(k, params)}{' '}
      <Text span size="xs" c="dimmed" ml={6} lang={other}>
        {tOther(k, params)}
      </Text>
    </>
  );
}
