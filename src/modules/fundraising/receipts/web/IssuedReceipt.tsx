import { Alert, NativeSelect, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatYen, type Receipt, type ReceiptLanguage } from '../contract';
import { ReceiptPdfLinks } from './ReceiptPdfLinks';

/** '' is "the supporter's own language" (the server then takes the supporter's preferred one). */
export type LanguageChoice = '' | ReceiptLanguage;

export function languageChoice(value: string): LanguageChoice {
  return value === 'ja' || value === 'en' ? value : '';
}

/** Which language a receipt is printed in: the supporter's own, Japanese or English. */
export function ReceiptLanguageSelect({ value, onChange, label }: { value: LanguageChoice; onChange: (value: LanguageChoice) => void; label?: string }) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={label ?? t('fields.receipts.language')}
      value={value}
      onChange={(e) => onChange(languageChoice(e.currentTarget.value))}
      data={[
        { value: '', label: t('ui.receipts.language.own') },
        { value: 'ja', label: t('ui.receipts.language.ja') },
        { value: 'en', label: t('ui.receipts.language.en') },
      ]}
    />
  );
}

/** What a fundraiser sees once a receipt is issued: its number, total and the PDF to print. */
export function IssuedReceipt({ receipt }: { receipt: Receipt }) {
  const { t } = useTranslation();
  return (
    <Alert color="teal" title={t('ui.receipts.issue.issuedTitle', { number: receipt.receiptNumber })} role="status">
      <Stack gap="xs">
        <Text size="sm">{t('ui.receipts.issue.issuedBody', { addressee: receipt.addressee, total: formatYen(receipt.totalYen), count: receipt.gifts.length })}</Text>
        <ReceiptPdfLinks receipt={receipt} />
      </Stack>
    </Alert>
  );
}
