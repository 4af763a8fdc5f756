import { Badge, Box, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCan } from '../../../web/auth';
import { Detail } from '../../../web/components/Detail';
import { PageTitle } from '../../../web/components/PageTitle';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { TableHeader } from '../../../web/components/TableHeader';
import { showApiError, showSaved } from '../../../web/forms';
import { formatDate } from '../../../web/format';
import { currentLanguage } from '../../../web/i18n';
import { EChart } from '../../advocacy/web/EChart';
import { CampaignForm } from './CampaignForm';
import { CampaignProgressBar } from './CampaignProgressBar';
import { cumulativeOption } from './fundraising.charts';
import { campaignName, campaignPeriod, channelLabel, count, yen } from './fundraising.labels';
import { campaignProgressQuery, campaignsKey, giftsKey, updateCampaign } from './fundraising.queries';

/** /fundraising/campaigns/:id: raised against the goal, donors, average gift, new donors, pledges and the running total. */
export function CampaignPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { id = '' } = useParams();
  const client = useQueryClient();
  const canWrite = useCan('fundraising.write');
  const progress = useQuery(campaignProgressQuery(id));
  const [editing, setEditing] = useState(false);
  const archive = useMutation({
    mutationFn: ({ version, archived }: { version: number; archived: boolean }) => updateCampaign(id, { version, archived }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: campaignsKey });
      void client.invalidateQueries({ queryKey: giftsKey });
      showSaved(t);
    },
    onError: (error) => showApiError(error, t),
  });
  const p = progress.data;
  const option = useMemo(
    () => (p ? cumulativeOption(p, {
      raised: t('ui.fundraising.campaign.raised'),
      goal: t('ui.fundraising.campaign.goal'),
      date: (d) => formatDate(d, language),
      yen,
    }) : null),
    [p, t, language],
  );

  if (!p || !option) {
    return (
      <Stack>
        <PageTitle text={t('ui.fundraising.campaign.title')} />
        <QueryStatus query={progress} />
      </Stack>
    );
  }
  const c = p.campaign;
  const name = campaignName(c, language);

  return (
    <Stack maw={1100}>
      <Stack gap={0}>
        <PageTitle text={name} />
        <Group gap="sm" mt={-12} mb={12}>
          <Text ff="monospace">{c.code}</Text>
          <Text>{channelLabel(t, c.channel)}</Text>
          <Text>{campaignPeriod(c, language, (from) => t('ui.fundraising.campaigns.from', { from }))}</Text>
          {c.archivedAt && (
            <Badge color="gray.7" variant="filled" autoContrast>
              {t('ui.fundraising.campaigns.archived')}
            </Badge>
          )}
        </Group>
      </Stack>
      <Paper withBorder p="md">
        <Stack>
          <Title order={2} size="h3">
            {t('ui.fundraising.campaign.progressTitle')}
          </Title>
          <CampaignProgressBar raisedYen={p.raisedYen} goalYen={c.goalYen} size="xl" />
          <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }}>
            <Detail label={t('ui.fundraising.campaign.raised')}>{yen(p.raisedYen)}</Detail>
            <Detail label={t('ui.fundraising.campaign.goal')}>{c.goalYen === null ? t('ui.fundraising.campaigns.noGoal') : yen(c.goalYen)}</Detail>
            <Detail label={t('ui.fundraising.campaign.donors')}>{count(p.donors)}</Detail>
            <Detail label={t('ui.fundraising.campaign.gifts')}>{count(p.gifts)}</Detail>
            <Detail label={t('ui.fundraising.campaign.average')}>{yen(p.averageGiftYen)}</Detail>
            <Detail label={t('ui.fundraising.campaign.newDonors')}>{count(p.newDonors)}</Detail>
            <Detail label={t('ui.fundraising.campaign.pledged')}>{yen(p.pledgedYen)}</Detail>
          </SimpleGrid>
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Stack>
          <Title order={2} size="h3">
            {t('ui.fundraising.campaign.overTime')}
          </Title>
          {p.series.length === 0 ? (
            <Text c="dimmed">{t('ui.fundraising.campaign.noGifts')}</Text>
          ) : (
            <>
              <EChart option={option} label={t('ui.fundraising.campaign.chartLabel', { name })} height={320} />
              <Box component="div" role="region" aria-label={t('ui.fundraising.campaign.tableLabel')} tabIndex={0} style={{ overflowX: 'auto', maxHeight: 320 }}>
                <Table striped aria-label={t('ui.fundraising.campaign.tableLabel')} miw={480}>
                  <TableHeader labels={[t('ui.fundraising.campaign.day'), t('ui.fundraising.campaign.gifts'), t('ui.fundraising.campaign.dayTotal'), t('ui.fundraising.campaign.cumulative')]} />
                  <Table.Tbody>
                    {p.series.map((d) => (
                      <Table.Tr key={d.date}>
                        <Table.Th scope="row" fw={400}>
                          {formatDate(d.date, language)}
                        </Table.Th>
                        <Table.Td>{count(d.gifts)}</Table.Td>
                        <Table.Td>{yen(d.raisedYen)}</Table.Td>
                        <Table.Td>{yen(d.cumulativeYen)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Box>
            </>
          )}
        </Stack>
      </Paper>
      {canWrite && (
        <Paper withBorder p="md">
          {editing ? (
            <Stack>
              <Title order={2} size="h3">
                {t('ui.fundraising.campaign.editTitle')}
              </Title>
              <CampaignForm
                key={c.version}
                campaign={c}
                onSaved={() => {
                  showSaved(t);
                  setEditing(false);
                }}
                onCancel={() => setEditing(false)}
              />
            </Stack>
          ) : (
            <Group>
              <Button variant="default" onClick={() => setEditing(true)}>
                {t('ui.common.edit')}
              </Button>
              <Button variant="default" loading={archive.isPending} onClick={() => archive.mutate({ version: c.version, archived: c.archivedAt === null })}>
                {c.archivedAt === null ? t('ui.fundraising.campaign.archive') : t('ui.fundraising.campaign.unarchive')}
              </Button>
            </Group>
          )}
        </Paper>
      )}
    </Stack>
  );
}
