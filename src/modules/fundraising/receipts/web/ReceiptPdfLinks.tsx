import { Anchor, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReceiptSummary } from '../contract';
import { receiptPdfUrl } from './receipts.queries';

/** The PDF links of one receipt: in Japanese and in English; a voided one only as a copy marked VOID. */
export function ReceiptPdfLinks({ receipt }: { receipt: Pick<ReceiptSummary, 'id' | 'receiptNumber' | 'voidedAt'> }) {
  const { t } = useTranslation();
  const number = receipt.receiptNumber;
  if (receipt.voidedAt) {
    return (
      <Anchor href={receiptPdfUrl(receipt.id, { voidCopy: true })} download aria-label={t('ui.receipts.pdfLinks.voidCopyLabel', { number })}>
        {t('ui.receipts.pdfLinks.voidCopy')}
      </Anchor>
    );
  }
  return (
    <Group gap="xs" wrap="nowrap">
      <Anchor href={receiptPdfUrl(receipt.id, { language: 'ja' })} download aria-label={t('ui.receipts.pdfLinks.jaLabel', { number })}>
        {t('ui.receipts.pdfLinks.ja')}
      </Anchor>
      <Anchor href={receiptPdfUrl(receipt.id, { language: 'en' })} download aria-label={t('ui.receipts.pdfLinks.enLabel', { number })}>
        {t('ui.receipts.pdfLinks.en')}
      </Anchor>
    </Group>
  );
}
