import { Select, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLanguageOptions } from '../options';

/** The interpreter-language picker of check-in and consultation: common languages first, clearable. */
export function InterpreterLanguageSelect(props: Omit<SelectProps, 'data' | 'label'>) {
  const { t } = useTranslation();
  const languages = useLanguageOptions();
  return (
    <Select
      label={t('fields.interpreterLanguage')}
      data={languages}
      searchable
      clearable
      placeholder={t('ui.checkIn.noInterpreter')}
      nothingFoundMessage={t('ui.search.noResults')}
      {...props}
    />
  );
}
