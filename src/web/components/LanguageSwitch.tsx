import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n/index';
import { currentLanguage } from '../i18n';

/** 日本語 / English toggle. The names are written in their own language (proper nouns). */
export function LanguageSwitch({ onChange, disabled }: { onChange: (language: Language) => void; disabled?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      aria-label={t('ui.settings.language')}
      value={currentLanguage()}
      key={i18n.language}
      disabled={disabled}
      onChange={(value) => onChange(value === 'en' ? 'en' : 'ja')}
      data={[
        { value: 'ja', label: <span lang="ja">日本語</span> },
        { value: 'en', label: <span lang="en">English</span> },
      ]}
    />
  );
}
