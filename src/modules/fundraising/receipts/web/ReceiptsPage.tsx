import { Anchor, Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../../../web/auth';
import { PageTitle } from '../../../../web/components/PageTitle';
import { QueryStatus } from '../../../../web/components/QueryStatus';
import { TableHeader } from '../../../../web/components/TableHeader';
import { formatDate } from '../../../../web/format';
import { currentLanguage } from '../../../../web/i18n';
import { formatYen, ReceiptKind, type ReceiptSummary } from '../contract';
import { ReceiptReasonDialog } from './ReceiptReasonDialog';
import { kindLabel, receiptState, recentYears } from './receipts.labels';
import { ReceiptPdfLinks } from './ReceiptPdfLinks';
import { receiptsQuery } from './receipts.queries';

const PAGE = 50;

/** /fundraising/receipts: every receipt issued, newest first, by year of the gifts and kind; PDF, reissue and void. */
export function ReceiptsPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const canWrite = useCan('fundraising.write');
  const canManage = useCan('fundraising.manage');
  const [year, setYear] = useState('');
  const [kind, setKind] = useState('');
  const [offset, setOffset] = useState(0);
  const [target, setTarget] = useState<ReceiptSummary | null>(null);
  // Kept after the dialog closes, so its title does not change while it fades out.
  const [action, setAction] = useState<'reissue' | 'void'>('reissue');
  const act = (receipt: ReceiptSummary, next: 'reissue' | 'void') => {
    setAction(next);
    setTarget(receipt);
  };
  const receipts = useQuery(receiptsQuery({
    year: year === '' ? undefined : Number(year),
    kind: kind === '' ? undefined : ReceiptKind.parse(kind),
    limit: PAGE,
    offset,
  }));
  const list = receipts.data?.receipts ?? [];
  const total = receipts.data?.total ?? 0;

  return (
    <Stack maw={1300}>
      <PageTitle text={t('ui.receipts.list.title')} />
      <Group>
        {canWrite && (
          <Button component={Link} to="/fundraising/receipts/year-end" variant="default">
            {t('ui.receipts.yearEnd.title')}
          </Button>
        )}
        {canManage && (
          <Button component={Link} to="/fundraising/receipts/settings" variant="default">
            {t('ui.receipts.settings.title')}
          </Button>
        )}
      </Group>
      <Paper withBorder p="md">
        <Stack>
          <Title order={2} size="h3">
            {t('ui.receipts.list.listTitle')}
          </Title>
          <Group align="end">
            <NativeSelect
              label={t('fields.receipts.year')}
              value={year}
              onChange={(e) => {
                setYear(e.currentTarget.value);
                setOffset(0);
              }}
              data={[{ value: '', label: t('ui.receipts.list.allYears') }, ...recentYears(10).map((y) => ({ value: String(y), label: String(y) }))]}
              w={180}
            />
            <NativeSelect
              label={t('fields.receipts.kind')}
              value={kind}
              onChange={(e) => {
                setKind(e.currentTarget.value);
                setOffset(0);
              }}
              data={[{ value: '', label: t('ui.receipts.list.allKinds') }, ...ReceiptKind.options.map((k) => ({ value: k, label: kindLabel(t, k) }))]}
              w={220}
            />
          </Group>
          <QueryStatus query={receipts} />
          {receipts.data && list.length === 0 && <Text c="dimmed">{t('ui.receipts.list.none')}</Text>}
          {list.length > 0 && (
            <Table.ScrollContainer minWidth={1000}>
              <Table striped aria-label={t('ui.receipts.list.listTitle')}>
                <TableHeader
                  labels={[
                    t('ui.receipts.list.number'), t('fields.receipts.kind'), t('ui.receipts.list.supporter'), t('fields.receipts.year'),
                    t('ui.receipts.list.total'), t('ui.receipts.list.issuedOn'), t('fields.receipts.status'), t('ui.receipts.list.pdf'), t('ui.receipts.list.actions'),
                  ]}
                />
                <Table.Tbody>
                  {list.map((r) => {
                    const state = receiptState(t, r);
                    return (
                      <Table.Tr key={r.id}>
                        <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>{r.receiptNumber}</Table.Td>
                        <Table.Td>{kindLabel(t, r.kind)}</Table.Td>
                        <Table.Td>
                          <Anchor component={Link} to={`/fundraising/supporters/${r.supporterId}`}>
                            {r.addressee}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{r.year}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatYen(r.totalYen)}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(r.issuedOn, language)}</Table.Td>
                        <Table.Td>
                          <Badge color={state.color} variant="filled" autoContrast>
                            {state.label}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          <ReceiptPdfLinks receipt={r} />
                        </Table.Td>
                        <Table.Td>
                          {canWrite && !r.voidedAt && (
                            <Group gap="xs" wrap="nowrap">
                              <Button size="xs" variant="default" onClick={() => act(r, 'reissue')} aria-label={t('ui.receipts.reissue.label', { number: r.receiptNumber })}>
                                {t('ui.receipts.reissue.button')}
                              </Button>
                              <Button size="xs" variant="default" color="red" onClick={() => act(r, 'void')} aria-label={t('ui.receipts.void.label', { number: r.receiptNumber })}>
                                {t('ui.receipts.void.button')}
                              </Button>
                            </Group>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {total > PAGE && (
            <Group>
              <Button variant="default" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                {t('ui.receipts.list.previous')}
              </Button>
              <Text size="sm">{t('ui.receipts.list.range', { from: offset + 1, to: Math.min(offset + PAGE, total), total })}</Text>
              <Button variant="default" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
                {t('ui.receipts.list.next')}
              </Button>
            </Group>
          )}
        </Stack>
      </Paper>
      <ReceiptReasonDialog receipt={target} action={action} onClose={() => setTarget(null)} />
    </Stack>
  );
}
