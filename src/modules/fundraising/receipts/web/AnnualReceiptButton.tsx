import { Alert, Button, Group, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../web/api';
import { useCan } from '../../../../web/auth';
import { IssuedReceipt, ReceiptLanguageSelect, type LanguageChoice } from './IssuedReceipt';
import { currentYear, recentYears } from './receipts.labels';
import { issueAnnualReceipt, receiptsKey } from './receipts.queries';

/**
 * "Annual receipt" for a supporter (the supporter page uses it): one combined receipt of a year's
 * gifts not yet receipted. When other records look like the same donor the server refuses (409
 * receipt.possible_duplicates): the message is shown, and "Issue anyway" sends it again confirmed.
 */
export function AnnualReceiptButton({ supporterId }: { supporterId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const canWrite = useCan('fundraising.write');
  const [opened, setOpened] = useState(false);
  // Receipts for a year are asked for after it ends: last calendar year first.
  const [year, setYear] = useState(String(currentYear() - 1));
  const [language, setLanguage] = useState<LanguageChoice>('');
  /** The server's message about possible duplicates, once it refused for them. */
  const [duplicates, setDuplicates] = useState<string | null>(null);
  const issue = useMutation({
    mutationFn: (acknowledgeDuplicates: boolean) =>
      issueAnnualReceipt({ supporterId, year: Number(year), language: language === '' ? undefined : language, acknowledgeDuplicates }),
    onSuccess: () => {
      setDuplicates(null);
      void client.invalidateQueries({ queryKey: receiptsKey });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'receipt.possible_duplicates') setDuplicates(error.message);
    },
  });
  if (!canWrite) return null;

  function start() {
    setDuplicates(null);
    issue.reset();
  }

  function close() {
    setOpened(false);
    start();
  }

  const otherError = issue.error && !(issue.error instanceof ApiError && issue.error.code === 'receipt.possible_duplicates')
    ? (issue.error instanceof ApiError ? issue.error.message : t('ui.common.networkError'))
    : null;
  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)}>
        {t('ui.receipts.issue.annual')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('ui.receipts.issue.annualTitle')} closeButtonProps={{ 'aria-label': t('ui.common.close') }}>
        <Stack>
          {issue.data ? (
            <IssuedReceipt receipt={issue.data} />
          ) : (
            <>
              <Text size="sm">{t('ui.receipts.issue.annualBody')}</Text>
              <NativeSelect
                label={t('fields.receipts.year')}
                value={year}
                onChange={(e) => {
                  setYear(e.currentTarget.value);
                  start();
                }}
                data={recentYears().map((y) => ({ value: String(y), label: String(y) }))}
              />
              <ReceiptLanguageSelect
                value={language}
                onChange={(v) => {
                  setLanguage(v);
                  start();
                }}
              />
              {duplicates !== null && (
                <Alert color="yellow" title={t('ui.receipts.issue.duplicatesTitle')} role="alert">
                  <Stack gap="xs">
                    <Text size="sm">{duplicates}</Text>
                    <Text size="sm">{t('ui.receipts.issue.anywayHint')}</Text>
                  </Stack>
                </Alert>
              )}
              {otherError && (
                <Alert color="red" role="alert">
                  {otherError}
                </Alert>
              )}
            </>
          )}
          <Group>
            {!issue.data && duplicates === null && (
              <Button loading={issue.isPending} onClick={() => issue.mutate(false)}>
                {t('ui.receipts.issue.confirm')}
              </Button>
            )}
            {!issue.data && duplicates !== null && (
              <Button color="yellow.9" loading={issue.isPending} onClick={() => issue.mutate(true)}>
                {t('ui.receipts.issue.anyway')}
              </Button>
            )}
            <Button variant="default" onClick={close}>
              {issue.data ? t('ui.common.close') : t('ui.common.cancel')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
