import { Anchor, Badge, Button, Checkbox, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { query } from '../../../web/api';
import { useCan } from '../../../web/auth';
import { PageTitle } from '../../../web/components/PageTitle';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { showApiError, showSaved } from '../../../web/forms';
import { formatDate } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import { giftCampaignName, methodLabel, yen } from './fundraising.labels';
import { giftsKey, markThanked, unthankedGiftsQuery } from './fundraising.queries';

/** /fundraising/thank-you: received gifts nobody has thanked yet; tick the ones thanked and mark them. */
export function ThankYouPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const client = useQueryClient();
  const canWrite = useCan('fundraising.write');
  const queue = useQuery(unthankedGiftsQuery);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const gifts = queue.data?.gifts ?? [];
  // Only gifts still in the queue count as chosen (another person may have thanked some meanwhile).
  const chosen = gifts.filter((g) => selected.has(g.id)).map((g) => g.id);
  const allChosen = gifts.length > 0 && chosen.length === gifts.length;

  const mark = useMutation({
    mutationFn: (ids: string[]) => markThanked(ids),
    onSuccess: (result) => {
      setSelected(new Set());
      void client.invalidateQueries({ queryKey: giftsKey });
      showSaved(t, t('ui.fundraising.thanks.done', { count: result.thanked }));
    },
    onError: (error) => showApiError(error, t),
  });

  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <Stack maw={1100}>
      <PageTitle text={t('ui.fundraising.thanks.title')} />
      <Text>{t('ui.fundraising.thanks.intro')}</Text>
      <Paper withBorder p="md">
        <Stack>
          <QueryStatus query={queue} />
          {queue.data && gifts.length === 0 && <Text role="status">{t('ui.fundraising.thanks.empty')}</Text>}
          {gifts.length > 0 && (
            <>
              {canWrite && (
                <Group justify="space-between">
                  <Checkbox
                    label={t('ui.fundraising.thanks.selectAll')}
                    checked={allChosen}
                    indeterminate={chosen.length > 0 && !allChosen}
                    onChange={(e) => setSelected(e.currentTarget.checked ? new Set(gifts.map((g) => g.id)) : new Set())}
                  />
                  <Group gap="sm">
                    {chosen.length > 0 && (
                      // The letters room prints the chosen gifts' thank-you letters (each in the supporter's language).
                      <Button component="a" variant="default" href={`/api/fundraising/letters/thank-you.pdf${query({ ids: chosen.join(',') })}`} download>
                        {t('ui.fundraising.thanks.letters', { count: chosen.length })}
                      </Button>
                    )}
                    <Button disabled={chosen.length === 0} loading={mark.isPending} onClick={() => mark.mutate(chosen)}>
                      {t('ui.fundraising.thanks.mark', { count: chosen.length })}
                    </Button>
                  </Group>
                </Group>
              )}
              <Table.ScrollContainer minWidth={760}>
                <Table striped aria-label={t('ui.fundraising.thanks.title')}>
                  <Table.Thead>
                    <Table.Tr>
                      {canWrite && <Table.Th>{t('ui.fundraising.thanks.choose')}</Table.Th>}
                      <Table.Th>{t('fields.fundraising.receivedOn')}</Table.Th>
                      <Table.Th>{t('fields.fundraising.supporterId')}</Table.Th>
                      <Table.Th>{t('ui.fundraising.gifts.amount')}</Table.Th>
                      <Table.Th>{t('fields.fundraising.method')}</Table.Th>
                      <Table.Th>{t('fields.fundraising.campaignId')}</Table.Th>
                      <Table.Th>{t('ui.fundraising.giftForm.donorMessage')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {gifts.map((g) => {
                      const who = g.supporterName ?? t('ui.fundraising.thanks.noSupporter');
                      return (
                        <Table.Tr key={g.id}>
                          {canWrite && (
                            <Table.Td>
                              <Checkbox
                                aria-label={t('ui.fundraising.thanks.selectOne', { name: who, amount: yen(g.amountYen), date: formatDate(g.receivedOn, language) })}
                                checked={selected.has(g.id)}
                                onChange={(e) => toggle(g.id, e.currentTarget.checked)}
                              />
                            </Table.Td>
                          )}
                          <Table.Td>{formatDate(g.receivedOn, language)}</Table.Td>
                          <Table.Td>
                            {g.supporterId ? (
                              <Anchor component={Link} to={`/fundraising/supporters/${g.supporterId}`}>
                                {who}
                              </Anchor>
                            ) : (
                              who
                            )}
                            {g.isAnonymous && (
                              <Badge ml={4} color="gray.7" variant="outline">
                                {t('ui.fundraising.gifts.anonymous')}
                              </Badge>
                            )}
                          </Table.Td>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>{yen(g.amountYen)}</Table.Td>
                          <Table.Td>{methodLabel(t, g.method)}</Table.Td>
                          <Table.Td>{giftCampaignName(g, language) ?? '—'}</Table.Td>
                          <Table.Td>
                            <Text size="sm" lineClamp={3}>
                              {g.donorMessage || '—'}
                            </Text>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              {queue.data && queue.data.total > gifts.length && (
                <Text size="sm" c="dimmed">
                  {t('ui.fundraising.gifts.more', { shown: gifts.length, total: queue.data.total })}
                </Text>
              )}
            </>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
