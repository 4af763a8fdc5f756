import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../web/api';
import { useCan } from '../../../../web/auth';
import { IssuedReceipt, ReceiptLanguageSelect, type LanguageChoice } from './IssuedReceipt';
import { issueSingleReceipt, receiptsKey } from './receipts.queries';

/**
 * "Issue receipt" for one received gift (a supporter's gift list uses it): asks the language, issues
 * the 寄附金受領証明書 and offers its PDF. `description` names the gift for screen readers when a page
 * shows many of these buttons (e.g. "¥12,500 of 10 Jan 2026").
 */
export function IssueReceiptButton({ giftId, description }: { giftId: string; description?: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const canWrite = useCan('fundraising.write');
  const [opened, setOpened] = useState(false);
  const [language, setLanguage] = useState<LanguageChoice>('');
  const issue = useMutation({
    mutationFn: () => issueSingleReceipt({ giftId, language: language === '' ? undefined : language }),
    onSuccess: () => void client.invalidateQueries({ queryKey: receiptsKey }),
  });
  if (!canWrite) return null;

  function close() {
    setOpened(false);
    setLanguage('');
    issue.reset();
  }

  const error = issue.error instanceof ApiError ? issue.error.message : issue.error ? t('ui.common.networkError') : null;
  return (
    <>
      <Button size="xs" variant="default" onClick={() => setOpened(true)} aria-label={description ? t('ui.receipts.issue.singleLabel', { gift: description }) : undefined}>
        {t('ui.receipts.issue.single')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('ui.receipts.issue.singleTitle')} closeButtonProps={{ 'aria-label': t('ui.common.close') }}>
        <Stack>
          {issue.data ? (
            <IssuedReceipt receipt={issue.data} />
          ) : (
            <>
              {description && <Text size="sm">{t('ui.receipts.issue.forGift', { gift: description })}</Text>}
              <ReceiptLanguageSelect value={language} onChange={setLanguage} />
              {error && (
                <Alert color="red" role="alert">
                  {error}
                </Alert>
              )}
            </>
          )}
          <Group>
            {!issue.data && (
              <Button loading={issue.isPending} onClick={() => issue.mutate()}>
                {t('ui.receipts.issue.confirm')}
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
