import { Alert, List, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MAX_QUOTE_LENGTH } from '../contract';
import { quoteWarningText } from './advocacy.labels';
import { quoteCheckQuery } from './advocacy.queries';

interface Props {
  /** The person the quote is about: the check looks for their name, phone, card and file number. */
  personId: string;
  value: string;
  onChange: (value: string) => void;
  label?: string;
  error?: string;
  autoFocus?: boolean;
}

/**
 * A short anonymised quote. While it is typed, the server says (debounced) whether it seems to
 * contain the person's name, phone, card or file number; the warnings are shown in words. They
 * warn only: the staff member decides, and may save as it is.
 */
export function QuoteField({ personId, value, onChange, label, error, autoFocus }: Props) {
  const { t } = useTranslation();
  const [debounced] = useDebouncedValue(value.trim(), 500);
  const check = useQuery({ ...quoteCheckQuery(personId, debounced), enabled: debounced !== '' && debounced.length <= MAX_QUOTE_LENGTH });
  // An answer about earlier text is not shown under different text.
  const warnings = debounced !== '' && debounced === value.trim() ? (check.data?.warnings ?? []) : [];
  return (
    <>
      <Textarea
        label={label ?? t('ui.advocacy.quote.label')}
        description={t('ui.advocacy.quote.hint', { max: MAX_QUOTE_LENGTH })}
        autosize
        minRows={2}
        maxLength={MAX_QUOTE_LENGTH}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={error}
        autoFocus={autoFocus}
      />
      <div aria-live="polite">
        {warnings.length > 0 && (
          <Alert color="orange" variant="light" title={t('ui.advocacy.quote.warningTitle')} p="xs">
            <List size="sm">
              {warnings.map((w) => (
                <List.Item key={w}>{quoteWarningText(t, w)}</List.Item>
              ))}
            </List>
          </Alert>
        )}
      </div>
    </>
  );
}
