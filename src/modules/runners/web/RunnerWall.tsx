import { Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tokyoDate } from '../../../shared/time';
import { useCan } from '../../../web/auth';
import { TableHeader } from '../../../web/components/TableHeader';
import { showApiError, showSaved } from '../../../web/forms';
import { formatDateTime } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import { yen } from '../../fundraising/web/fundraising.labels';
import type { RunnerDetail } from '../contract';
import { giftStatusLabel } from './runners.labels';
import { confirmGift, eventsKey, hideGift, runnersKey } from './runners.queries';

type WallEntry = RunnerDetail['wall'][number];

/** A pledge paid by bank transfer: the day it arrived (today in Tokyo unless changed), then received, or failed. */
function ConfirmPledge({ entry }: { entry: WallEntry }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [receivedOn, setReceivedOn] = useState(tokyoDate());
  const confirm = useMutation({
    mutationFn: (status: 'received' | 'failed') => confirmGift(entry.giftId, status, receivedOn),
    onSuccess: (_, status) => {
      void client.invalidateQueries({ queryKey: runnersKey });
      void client.invalidateQueries({ queryKey: eventsKey });
      showSaved(t, status === 'received' ? t('ui.runners.wall.confirmed') : t('ui.runners.wall.markedFailed'));
    },
    onError: (error) => showApiError(error, t),
  });
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <TextInput
        type="date"
        size="xs"
        label={t('ui.runners.wall.receivedOn')}
        aria-label={t('ui.runners.wall.receivedOnOf', { reference: entry.reference })}
        max={tokyoDate()}
        value={receivedOn}
        onChange={(e) => setReceivedOn(e.currentTarget.value)}
      />
      <Button size="xs" loading={confirm.isPending && confirm.variables === 'received'} disabled={receivedOn === ''} onClick={() => confirm.mutate('received')} aria-label={`${t('ui.runners.wall.confirm')}: ${entry.reference}`}>
        {t('ui.runners.wall.confirm')}
      </Button>
      <Button size="xs" variant="default" loading={confirm.isPending && confirm.variables === 'failed'} onClick={() => confirm.mutate('failed')} aria-label={`${t('ui.runners.wall.failed')}: ${entry.reference}`}>
        {t('ui.runners.wall.failed')}
      </Button>
    </Group>
  );
}

function HideToggle({ entry }: { entry: WallEntry }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const toggle = useMutation({
    mutationFn: () => hideGift(entry.giftId, !entry.hidden),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: runnersKey });
      showSaved(t, entry.hidden ? t('ui.runners.wall.shownAgain') : t('ui.runners.wall.hiddenDone'));
    },
    onError: (error) => showApiError(error, t),
  });
  const label = entry.hidden ? t('ui.runners.wall.show') : t('ui.runners.wall.hide');
  return (
    <Button size="xs" variant="default" loading={toggle.isPending} onClick={() => toggle.mutate()} aria-label={`${label}: ${entry.reference}`}>
      {label}
    </Button>
  );
}

/**
 * The gifts through the runner's page, as staff see them: every entry (hidden ones too), how each
 * donor chose to appear, and for a bank-transfer pledge its confirmation.
 */
export function RunnerWall({ wall }: { wall: WallEntry[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const canWrite = useCan('fundraising.write');
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={2} size="h3">
          {t('ui.runners.wall.title')}
        </Title>
        <Text size="sm">{t('ui.runners.wall.intro')}</Text>
        {wall.length === 0 ? (
          <Text c="dimmed">{t('ui.runners.wall.none')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table striped aria-label={t('ui.runners.wall.title')}>
              <TableHeader
                labels={[
                  t('ui.runners.wall.date'), t('ui.runners.wall.reference'), t('ui.runners.wall.name'), t('ui.runners.wall.amount'), t('ui.runners.wall.message'),
                  t('ui.runners.wall.status'), ...(canWrite ? [t('ui.runners.wall.actions')] : []),
                ]}
              />
              <Table.Tbody>
                {wall.map((w) => (
                  <Table.Tr key={w.giftId}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(w.createdAt, language)}</Table.Td>
                    <Table.Td ff="monospace">{w.reference}</Table.Td>
                    <Table.Td>{w.wallName === '' ? t('ui.runners.wall.anonymous') : w.wallName}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {yen(w.amountYen)}
                      <Text size="xs">{w.showAmount ? t('ui.runners.wall.amountShown') : t('ui.runners.wall.amountNotShown')}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                        {w.message}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Badge color={w.status === 'received' ? 'teal.9' : w.status === 'pledged' ? 'yellow.3' : 'gray.7'} variant="filled" autoContrast>
                          {giftStatusLabel(t, w.status)}
                        </Badge>
                        {w.hidden && (
                          <Badge color="red.9" variant="outline">
                            {t('ui.runners.wall.hiddenBadge')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    {canWrite && (
                      <Table.Td>
                        <Stack gap="xs">
                          <Group>
                            <HideToggle entry={w} />
                          </Group>
                          {w.status === 'pledged' && <ConfirmPledge entry={w} />}
                        </Stack>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
