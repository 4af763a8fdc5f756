import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';

/** Asks before something hard to take back (delete, merge, undo): the action in red, then Cancel. */
export function ConfirmDialog({ opened, title, body, confirmLabel, loading, onConfirm, onClose }: {
  opened: boolean;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  loading: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} closeButtonProps={{ 'aria-label': t('ui.common.close') }}>
      <Stack>
        {typeof body === 'string' ? <Text>{body}</Text> : body}
        <Group>
          <Button color="red" loading={loading} onClick={onConfirm}>
            {confirmLabel}
          </Button>
          <Button variant="default" onClick={onClose}>
            {t('ui.common.cancel')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
