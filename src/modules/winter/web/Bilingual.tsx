import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../i18n/index';
import { currentLanguage } from '../../../web/i18n';

/**
 * A label in the reader's language followed by the other language, smaller: the board is posted on
 * the wall and printed for staff and volunteers of both languages. Parameters that depend on the
 * language (a formatted date) are given as a function of it.
 */
export function Bilingual({ k, params }: { k: string; params?: Record<string, unknown> | ((language: Language) => Record<string, unknown>) }) {
  const { i18n } = useTranslation();
  const language = currentLanguage();
  const other: Language = language === 'ja' ? 'en' : 'ja';
  const tOther = i18n.getFixedT(other);
  const tOwn = i18n.getFixedT(language);
  return (
    <>
      {tOwn(k, typeof params === 'function' ? params(language) : params)}{' '}
      <Text span size="xs" c="dimmed" ml={6} lang={other}>
        {tOther(k, typeof params === 'function' ? params(other) : params)}
      </Text>
    </>
  );
}
