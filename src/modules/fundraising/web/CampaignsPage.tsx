import { Anchor, Badge, Button, Checkbox, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../../web/auth';
import { PageTitle } from '../../../web/components/PageTitle';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { TableHeader } from '../../../web/components/TableHeader';
import { showSaved } from '../../../web/forms';
import { currentLanguage } from '../../../web/i18n';
import { CampaignForm } from './CampaignForm';
import { CampaignProgressBar } from './CampaignProgressBar';
import { campaignName, campaignPeriod, channelLabel, yen } from './fundraising.labels';
import { campaignProgressQuery, campaignsQuery } from './fundraising.queries';

/** /fundraising/campaigns: every campaign with its goal and how far it has come; start a new one. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const navigate = useNavigate();
  const canWrite = useCan('fundraising.write');
  const [includeArchived, setIncludeArchived] = useState(false);
  const [creating, setCreating] = useState(false);
  const campaigns = useQuery(campaignsQuery(includeArchived));
  const list = campaigns.data?.campaigns ?? [];
  const progress = useQueries({ queries: list.map((c) => campaignProgressQuery(c.id)) });

  return (
    <Stack maw={1100}>
      <PageTitle text={t('ui.fundraising.campaigns.title')} />
      {canWrite && (
        <Paper withBorder p="md">
          {creating ? (
            <Stack>
              <Title order={2} size="h3">
                {t('ui.fundraising.campaignForm.newTitle')}
              </Title>
              <CampaignForm
                onSaved={(c) => {
                  showSaved(t);
                  setCreating(false);
                  void navigate(`/fundraising/campaigns/${c.id}`);
                }}
                onCancel={() => setCreating(false)}
              />
            </Stack>
          ) : (
            <Group>
              <Button onClick={() => setCreating(true)}>{t('ui.fundraising.campaignForm.newTitle')}</Button>
            </Group>
          )}
        </Paper>
      )}
      <Paper withBorder p="md">
        <Stack>
          <Group justify="space-between">
            <Title order={2} size="h3">
              {t('ui.fundraising.campaigns.listTitle')}
            </Title>
            <Checkbox label={t('ui.fundraising.campaigns.includeArchived')} checked={includeArchived} onChange={(e) => setIncludeArchived(e.currentTarget.checked)} />
          </Group>
          <QueryStatus query={campaigns} />
          {campaigns.data && list.length === 0 && <Text c="dimmed">{t('ui.fundraising.campaigns.none')}</Text>}
          {list.length > 0 && (
            <Table.ScrollContainer minWidth={820}>
              <Table striped aria-label={t('ui.fundraising.campaigns.listTitle')}>
                <TableHeader
                  labels={[t('ui.fundraising.campaigns.name'), t('ui.fundraising.campaignForm.channel'), t('ui.fundraising.campaigns.period'), t('fields.fundraising.goalYen'), t('ui.fundraising.campaigns.progress')]}
                />
                <Table.Tbody>
                  {list.map((c, i) => {
                    const p = progress[i]?.data;
                    return (
                      <Table.Tr key={c.id}>
                        <Table.Td>
                          <Anchor component={Link} to={`/fundraising/campaigns/${c.id}`} fw={600}>
                            {campaignName(c, language)}
                          </Anchor>
                          <Text size="xs" ff="monospace">
                            {c.code}
                          </Text>
                          {c.archivedAt && (
                            <Badge color="gray.7" variant="filled" autoContrast>
                              {t('ui.fundraising.campaigns.archived')}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>{channelLabel(t, c.channel)}</Table.Td>
                        <Table.Td>{campaignPeriod(c, language, (from) => t('ui.fundraising.campaigns.from', { from }))}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.goalYen === null ? t('ui.fundraising.campaigns.noGoal') : yen(c.goalYen)}</Table.Td>
                        <Table.Td miw={220}>{p ? <CampaignProgressBar raisedYen={p.raisedYen} goalYen={c.goalYen} size="md" /> : <Text size="sm">…</Text>}</Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
