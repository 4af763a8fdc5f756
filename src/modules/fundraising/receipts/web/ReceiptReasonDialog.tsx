import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../web/api';
import { showSaved } from '../../../../web/forms';
import type { Receipt, ReceiptSummary } from '../contract';
import { receiptsKey, reissueReceipt, voidReceipt } from './receipts.queries';

/**
 * Reissue (lost or damaged: the same facts, number -R1…) or void (the number stays taken) a receipt;
 * both need a reason, and voiding says first that it cannot be undone.
 */
export function ReceiptReasonDialog({ receipt, action, onClose }: { receipt: ReceiptSummary | null; action: 'reissue' | 'void'; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const mutation = useMutation({
    mutationFn: (r: ReceiptSummary): Promise<Receipt> => (action === 'reissue' ? reissueReceipt(r.id, reason.trim()) : voidReceipt(r.id, reason.trim())),
    onSuccess: (done) => {
      void client.invalidateQueries({ queryKey: receiptsKey });
      showSaved(t, action === 'reissue' ? t('ui.receipts.reissue.done', { number: done.receiptNumber }) : t('ui.receipts.void.done', { number: done.receiptNumber }));
      close();
    },
  });

  function close() {
    setReason('');
    setMissing(false);
    mutation.reset();
    onClose();
  }

  function submit() {
    if (!receipt) return;
    if (reason.trim() === '') {
      setMissing(true);
      return;
    }
    mutation.mutate(receipt);
  }

  const number = receipt?.receiptNumber ?? '';
  const error = mutation.error instanceof ApiError ? mutation.error.message : mutation.error ? t('ui.common.networkError') : null;
  return (
    <Modal
      opened={receipt !== null}
      onClose={close}
      title={action === 'reissue' ? t('ui.receipts.reissue.title', { number }) : t('ui.receipts.void.title', { number })}
      closeButtonProps={{ 'aria-label': t('ui.common.close') }}
    >
      <Stack>
        <Text size="sm">{action === 'reissue' ? t('ui.receipts.reissue.body') : t('ui.receipts.void.body')}</Text>
        <Textarea
          label={t('fields.receipts.reason')}
          withAsterisk
          autosize
          minRows={2}
          maxLength={500}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setMissing(false);
          }}
          error={missing ? t('validation.required') : undefined}
        />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group>
          <Button color={action === 'void' ? 'red' : undefined} loading={mutation.isPending} onClick={submit}>
            {action === 'reissue' ? t('ui.receipts.reissue.confirm') : t('ui.receipts.void.confirm')}
          </Button>
          <Button variant="default" onClick={close}>
            {t('ui.common.cancel')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
