import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { AnnualReceiptButton } from '../receipts/web/AnnualReceiptButton';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCan } from '../../../web/auth';
import { Detail } from '../../../web/components/Detail';
import { PageTitle } from '../../../web/components/PageTitle';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { TableHeader } from '../../../web/components/TableHeader';
import { showSaved } from '../../../web/forms';
import { formatDate, formatDateTime } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import type { Supporter } from '../contract';
import { addressLine, count, listOf, yen } from './fundraising.labels';
import { supporterAddressesQuery, supporterGivingQuery, supporterKey, supporterQuery } from './fundraising.queries';
import { SupporterCommitments } from './SupporterCommitments';
import { SupporterForm } from './SupporterForm';
import { SupporterGifts } from './SupporterGifts';
import { SupporterMerge } from './SupporterMerge';

function SupporterDetails({ supporter }: { supporter: Supporter }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const none = t('ui.common.none');
  const channels = [
    supporter.allowPost && t('ui.fundraising.channels.post'),
    supporter.allowEmail && t('ui.fundraising.channels.email'),
    supporter.allowPhone && t('ui.fundraising.channels.phone'),
  ].filter((s): s is string => typeof s === 'string');
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
      <Detail label={t('ui.fundraising.supporter.number')}>{supporter.supporterNumber}</Detail>
      <Detail label={t('fields.fundraising.kind')}>
        {supporter.kind === 'individual' ? t('ui.fundraising.kind.individual') : t('ui.fundraising.kind.organisation')}
      </Detail>
      <Detail label={t('ui.fundraising.supporter.reading')}>
        <span lang="ja">{supporter.reading || none}</span>
      </Detail>
      <Detail label={t('fields.fundraising.address')}>{supporter.address ? addressLine(supporter.address) : none}</Detail>
      <Detail label={t('fields.fundraising.email')}>{supporter.email ?? none}</Detail>
      <Detail label={t('fields.fundraising.phone')}>{supporter.phone ?? none}</Detail>
      <Detail label={t('fields.fundraising.preferredLanguage')}>
        {supporter.preferredLanguage === 'ja' ? t('ui.fundraising.language.ja') : t('ui.fundraising.language.en')}
      </Detail>
      <Detail label={t('ui.fundraising.form.channels')}>
        {supporter.noContact ? t('ui.fundraising.supporter.noContact') : channels.length > 0 ? listOf(channels, language) : none}
      </Detail>
      <Detail label={t('ui.fundraising.supporter.publishName')}>{supporter.publishName ? t('ui.common.yes') : t('ui.common.no')}</Detail>
      <Detail label={t('fields.fundraising.tags')}>{supporter.tags.length > 0 ? listOf(supporter.tags, language) : none}</Detail>
      <Detail label={t('ui.fundraising.supporter.since')}>{formatDateTime(supporter.createdAt, language)}</Detail>
      {supporter.notes !== '' && (
        <Detail label={t('fields.fundraising.notes')}>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{supporter.notes}</Text>
        </Detail>
      )}
    </SimpleGrid>
  );
}

/** Every address the supporter has had: a move keeps the old one, with the day it ended. */
function AddressHistory({ supporterId }: { supporterId: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const addresses = useQuery(supporterAddressesQuery(supporterId));
  const list = addresses.data?.addresses ?? [];
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={2} size="h3">
          {t('ui.fundraising.addresses.title')}
        </Title>
        <QueryStatus query={addresses} />
        {addresses.data && list.length === 0 && <Text c="dimmed">{t('ui.fundraising.addresses.none')}</Text>}
        {list.length > 0 && (
          <Table.ScrollContainer minWidth={520}>
            <Table aria-label={t('ui.fundraising.addresses.title')}>
              <TableHeader labels={[t('fields.fundraising.address'), t('ui.fundraising.addresses.from'), t('ui.fundraising.addresses.until')]} />
              <Table.Tbody>
                {list.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>{addressLine(a)}</Table.Td>
                    <Table.Td>{a.validFrom ? formatDate(a.validFrom, language) : '—'}</Table.Td>
                    <Table.Td>
                      {a.replacedAt ? (
                        formatDateTime(a.replacedAt, language)
                      ) : (
                        <Badge color="teal.9" variant="filled" autoContrast>
                          {t('ui.fundraising.addresses.current')}
                        </Badge>
                      )}
                    </Table.Td>
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

/** Lifetime giving and the totals by calendar year (received gifts net of refunds). */
function GivingByYear({ supporterId }: { supporterId: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const giving = useQuery(supporterGivingQuery(supporterId));
  const g = giving.data;
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={2} size="h3">
          {t('ui.fundraising.giving.title')}
        </Title>
        <QueryStatus query={giving} />
        {g && (
          <>
            <SimpleGrid cols={{ base: 2, md: 4 }}>
              <Detail label={t('ui.fundraising.giving.lifetime')}>{yen(g.lifetimeYen)}</Detail>
              <Detail label={t('ui.fundraising.giving.gifts')}>{count(g.gifts)}</Detail>
              <Detail label={t('ui.fundraising.giving.first')}>{g.firstGiftOn ? formatDate(g.firstGiftOn, language) : '—'}</Detail>
              <Detail label={t('ui.fundraising.giving.last')}>{g.lastGiftOn ? formatDate(g.lastGiftOn, language) : '—'}</Detail>
            </SimpleGrid>
            {g.byYear.length > 0 && (
              <Table maw={480} aria-label={t('ui.fundraising.giving.byYear')}>
                <TableHeader labels={[t('ui.fundraising.giving.year'), t('ui.fundraising.giving.gifts'), t('ui.fundraising.giving.total')]} />
                <Table.Tbody>
                  {g.byYear.map((y) => (
                    <Table.Tr key={y.year}>
                      <Table.Th scope="row" fw={400}>
                        {t('ui.fundraising.giving.yearLabel', { year: y.year })}
                      </Table.Th>
                      <Table.Td>{count(y.gifts)}</Table.Td>
                      <Table.Td>{yen(y.totalYen)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** /fundraising/supporters/:id: who they are, where they live and lived, and all they gave. */
export function SupporterPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const client = useQueryClient();
  const supporter = useQuery(supporterQuery(id));
  const [editing, setEditing] = useState(false);
  const canWrite = useCan('fundraising.write');

  if (!supporter.data) {
    return (
      <Stack>
        <PageTitle text={t('ui.fundraising.supporter.title')} />
        <QueryStatus query={supporter} />
      </Stack>
    );
  }
  const s = supporter.data;
  const isMerged = s.mergedIntoId !== null;

  return (
    <Stack maw={1100}>
      <Stack gap={0}>
        <PageTitle text={s.displayName} />
        <Group gap="sm" mt={-12} mb={12}>
          {s.reading !== '' && (
            <Text size="lg" lang="ja">
              {s.reading}
            </Text>
          )}
          <Text size="lg" ff="monospace">
            {s.supporterNumber}
          </Text>
          {s.noContact && (
            <Badge color="red.9" variant="filled" autoContrast>
              {t('ui.fundraising.supporter.noContactBadge')}
            </Badge>
          )}
        </Group>
      </Stack>
      {isMerged && (
        <Alert color="orange" role="status" title={t('ui.fundraising.supporter.mergedTitle')}>
          <Anchor component={Link} to={`/fundraising/supporters/${s.mergedIntoId}`}>
            {t('ui.fundraising.supporter.openKept')}
          </Anchor>
        </Alert>
      )}
      <Paper withBorder p="md">
        {editing ? (
          <Stack>
            <Title order={2} size="h3">
              {t('ui.fundraising.supporter.editTitle')}
            </Title>
            <SupporterForm
              key={s.version}
              supporter={s}
              onSaved={(saved) => {
                client.setQueryData(supporterQuery(id).queryKey, saved);
                void client.invalidateQueries({ queryKey: supporterKey(id) });
                showSaved(t);
                setEditing(false);
              }}
              onCancel={() => setEditing(false)}
              onReload={() => void supporter.refetch()}
            />
          </Stack>
        ) : (
          <Stack>
            <Title order={2} size="h3">
              {t('ui.fundraising.supporter.details')}
            </Title>
            <SupporterDetails supporter={s} />
            {canWrite && !isMerged && (
              <Group>
                <Button variant="default" onClick={() => setEditing(true)}>
                  {t('ui.common.edit')}
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </Paper>
      {canWrite && !isMerged && (
        <Group>
          <Button component={Link} to={`/fundraising/gifts/new?supporterId=${s.id}`}>
            {t('ui.fundraising.gifts.record')}
          </Button>
          <AnnualReceiptButton supporterId={s.id} />
        </Group>
      )}
      <GivingByYear supporterId={s.id} />
      <SupporterGifts supporterId={s.id} />
      <SupporterCommitments supporter={s} />
      <AddressHistory supporterId={s.id} />
      <SupporterMerge supporter={s} />
    </Stack>
  );
}
