import { Badge, Button, Group, Modal, Paper, Stack, Table, Text, TextInput, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tokyoDate } from '../../../shared/time';
import { useCan } from '../../../web/auth';
import { FormActions } from '../../../web/components/FormActions';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { TableHeader } from '../../../web/components/TableHeader';
import { showApiError, showSaved, zodValidate } from '../../../web/forms';
import { formatDate } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import { RefundInput, type Gift } from '../contract';
import { giftCampaignName, giftFundLabel, giftStatusColor, giftStatusLabel, methodLabel, softCreditLabel, yen } from './fundraising.labels';
import { giftsKey, refundGift, supporterGiftsQuery, updateGift } from './fundraising.queries';
import { IssueReceiptButton } from '../receipts/web/IssueReceiptButton';

/** The status of a gift as a badge with its word (a reversing entry says so). */
export function GiftStatusBadge({ gift }: { gift: Pick<Gift, 'status' | 'reversesGiftId'> }) {
  const { t } = useTranslation();
  return (
    <Badge color={giftStatusColor(gift)} variant="filled" autoContrast>
      {gift.reversesGiftId ? t('ui.fundraising.gifts.reversal') : giftStatusLabel(t, gift.status)}
    </Badge>
  );
}

interface RefundValues {
  refundedOn: string;
  reason: string;
}

/** Refund a received gift: the gift is kept (refunded) and a reversing entry is added on the refund day. */
function RefundDialog({ gift, onClose }: { gift: Gift | null; onClose: () => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const client = useQueryClient();
  const today = tokyoDate();
  const toInput = (v: RefundValues) => ({ version: gift?.version ?? 1, refundedOn: v.refundedOn, reason: v.reason });
  const form = useForm<RefundValues>({
    mode: 'controlled',
    initialValues: { refundedOn: today, reason: '' },
    validate: (v) => {
      const errors = zodValidate(RefundInput, toInput, t)(v);
      if (!errors.refundedOn && v.refundedOn > today) errors.refundedOn = t('validation.date_in_future');
      if (!errors.refundedOn && gift && v.refundedOn < gift.receivedOn) errors.refundedOn = t('validation.refund_before_gift');
      return errors;
    },
  });
  const close = () => {
    form.reset();
    onClose();
  };
  const mutation = useMutation({
    mutationFn: (v: RefundValues) => refundGift(gift?.id ?? '', toInput(v)),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: giftsKey });
      showSaved(t, t('ui.fundraising.refund.done'));
      close();
    },
    onError: (error) => showApiError(error, t, form.setErrors),
  });
  return (
    <Modal opened={gift !== null} onClose={close} title={t('ui.fundraising.refund.title')} closeButtonProps={{ 'aria-label': t('ui.common.close') }}>
      {gift && (
        <form noValidate onSubmit={form.onSubmit((v) => mutation.mutate(v))}>
          <Stack>
            <Text>{t('ui.fundraising.refund.body', { amount: yen(gift.amountYen), date: formatDate(gift.receivedOn, language) })}</Text>
            <TextInput type="date" label={t('fields.fundraising.refundedOn')} max={today} {...form.getInputProps('refundedOn')} />
            <Textarea label={t('fields.fundraising.reason')} autosize minRows={2} {...form.getInputProps('reason')} />
            <FormActions submitLabel={t('ui.fundraising.refund.submit')} loading={mutation.isPending} onCancel={close} />
          </Stack>
        </form>
      )}
    </Modal>
  );
}

/** One gift's description: method (and what was given in kind), campaign, fund, soft credits, message. */
function GiftFacts({ gift }: { gift: Gift }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const campaign = giftCampaignName(gift, language);
  return (
    <Stack gap={2}>
      <Text size="sm">
        {methodLabel(t, gift.method)}
        {gift.method === 'in_kind' && gift.inKindDescription !== '' && `: ${gift.inKindDescription}`}
      </Text>
      <Text size="sm">
        {[campaign, giftFundLabel(gift, language)].filter(Boolean).join(' · ')}
      </Text>
      {gift.softCredits.map((c, i) => (
        <Text key={i} size="sm">
          {softCreditLabel(t, c.kind)}: {c.name}
        </Text>
      ))}
      {gift.donorMessage !== '' && (
        <Text size="sm" fs="italic">
          {t('ui.fundraising.gifts.message', { message: gift.donorMessage })}
        </Text>
      )}
    </Stack>
  );
}

/**
 * A supporter's gifts, newest first: a refunded gift stays in the list struck through, with its
 * reversing entry (the minus amount on the refund day); received gifts can be refunded, pledges confirmed.
 */
export function SupporterGifts({ supporterId }: { supporterId: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const client = useQueryClient();
  const canWrite = useCan('fundraising.write');
  const gifts = useQuery(supporterGiftsQuery(supporterId));
  const [refunding, setRefunding] = useState<Gift | null>(null);
  const confirm = useMutation({
    mutationFn: (gift: Gift) => updateGift(gift.id, { version: gift.version, status: 'received' }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: giftsKey });
      showSaved(t);
    },
    onError: (error) => showApiError(error, t),
  });
  const list = gifts.data?.gifts ?? [];
  const byId = new Map(list.map((g) => [g.id, g]));

  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={2} size="h3">
          {t('ui.fundraising.gifts.title')}
        </Title>
        <QueryStatus query={gifts} />
        {gifts.data && list.length === 0 && <Text c="dimmed">{t('ui.fundraising.gifts.none')}</Text>}
        {list.length > 0 && (
          <Table.ScrollContainer minWidth={760}>
            <Table striped aria-label={t('ui.fundraising.gifts.title')}>
              <TableHeader
                labels={[t('fields.fundraising.receivedOn'), t('ui.fundraising.gifts.amount'), t('ui.fundraising.gifts.details'), t('ui.fundraising.gifts.status'), t('ui.fundraising.gifts.actions')]}
              />
              <Table.Tbody>
                {list.map((gift) => {
                  const original = gift.reversesGiftId ? byId.get(gift.reversesGiftId) : undefined;
                  const isRefunded = gift.status === 'refunded' && !gift.reversesGiftId;
                  return (
                    <Table.Tr key={gift.id} data-gift-id={gift.id}>
                      <Table.Td>{formatDate(gift.receivedOn, language)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {isRefunded ? (
                          <>
                            <del>{yen(gift.amountYen)}</del>
                            <VisuallyHidden>{t('ui.fundraising.gifts.refundedAmount')}</VisuallyHidden>
                          </>
                        ) : (
                          yen(gift.amountYen)
                        )}
                        {gift.feeYen > 0 && (
                          <Text size="xs" c="dimmed">
                            {t('ui.fundraising.gifts.fee', { fee: yen(gift.feeYen), net: yen(gift.netYen) })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {gift.reversesGiftId ? (
                          <Stack gap={2}>
                            <Text size="sm">
                              {t('ui.fundraising.gifts.reverses', {
                                date: original ? formatDate(original.receivedOn, language) : '—',
                                amount: yen(Math.abs(gift.amountYen)),
                              })}
                            </Text>
                            {gift.note !== '' && <Text size="sm">{t('ui.fundraising.gifts.reason', { reason: gift.note })}</Text>}
                          </Stack>
                        ) : (
                          <GiftFacts gift={gift} />
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <GiftStatusBadge gift={gift} />
                          {gift.isAnonymous && (
                            <Badge color="gray.7" variant="outline">
                              {t('ui.fundraising.gifts.anonymous')}
                            </Badge>
                          )}
                          {gift.thankedAt && (
                            <Badge color="indigo.8" variant="outline">
                              {t('ui.fundraising.gifts.thanked')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        {gift.status === 'received' && !gift.reversesGiftId && gift.amountYen > 0 && (
                          <IssueReceiptButton giftId={gift.id} description={`${yen(gift.amountYen)} ${formatDate(gift.receivedOn, language)}`} />
                        )}
                        {canWrite && gift.status === 'received' && !gift.reversesGiftId && gift.amountYen > 0 && (
                          <Button size="xs" variant="default" onClick={() => setRefunding(gift)}
                            aria-label={t('ui.fundraising.refund.action', { amount: yen(gift.amountYen), date: formatDate(gift.receivedOn, language) })}>
                            {t('ui.fundraising.refund.button')}
                          </Button>
                        )}
                        {canWrite && gift.status === 'pledged' && (
                          <Button size="xs" variant="default" loading={confirm.isPending && confirm.variables.id === gift.id} onClick={() => confirm.mutate(gift)}>
                            {t('ui.fundraising.gifts.confirmReceived')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {gifts.data && gifts.data.total > list.length && (
          <Text size="sm" c="dimmed">
            {t('ui.fundraising.gifts.more', { shown: list.length, total: gifts.data.total })}
          </Text>
        )}
      </Stack>
      <RefundDialog gift={refunding} onClose={() => setRefunding(null)} />
    </Paper>
  );
}
