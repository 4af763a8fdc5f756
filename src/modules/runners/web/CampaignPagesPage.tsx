import { Anchor, Badge, Paper, Stack, Table, Text } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../../web/components/PageTitle';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { TableHeader } from '../../../web/components/TableHeader';
import { currentLanguage } from '../../../web/i18n';
import { campaignName } from '../../fundraising/web/fundraising.labels';
import { campaignsQuery } from '../../fundraising/web/fundraising.queries';
import type { CampaignPageSettings } from '../contract';
import { campaignPageQuery } from './runners.queries';

/** A campaign page's state in words: none yet, a draft, or public. */
export function CampaignPageState({ page }: { page: CampaignPageSettings | null | undefined }) {
  const { t } = useTranslation();
  if (page === undefined) return <Text size="sm">…</Text>;
  if (page === null) {
    return (
      <Badge color="gray.7" variant="outline">
        {t('ui.runners.campaignPages.noPage')}
      </Badge>
    );
  }
  return page.isPublished ? (
    <Badge color="teal.9" variant="filled" autoContrast>
      {t('ui.runners.campaignPages.published')}
    </Badge>
  ) : (
    <Badge color="yellow.3" variant="filled" autoContrast>
      {t('ui.runners.campaignPages.draft')}
    </Badge>
  );
}

/** /runners/campaign-pages: every current campaign and the state of its public appeal page. */
export function CampaignPagesPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const campaigns = useQuery(campaignsQuery(false));
  const list = campaigns.data?.campaigns ?? [];
  const pages = useQueries({ queries: list.map((c) => campaignPageQuery(c.id)) });
  return (
    <Stack maw={1000}>
      <PageTitle text={t('ui.runners.campaignPages.title')} />
      <Text>{t('ui.runners.campaignPages.intro')}</Text>
      <Paper withBorder p="md">
        <Stack>
          <QueryStatus query={campaigns} />
          {campaigns.data && list.length === 0 && <Text c="dimmed">{t('ui.runners.campaignPages.noCampaigns')}</Text>}
          {list.length > 0 && (
            <Table striped aria-label={t('ui.runners.campaignPages.title')}>
              <TableHeader labels={[t('ui.runners.campaignPages.campaign'), t('ui.runners.campaignPages.state'), t('ui.runners.campaignPages.address')]} />
              <Table.Tbody>
                {list.map((c, i) => {
                  const page = pages[i]?.data;
                  return (
                    <Table.Tr key={c.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/runners/campaign-pages/${c.id}`} fw={600}>
                          {campaignName(c, language)}
                        </Anchor>
                        <Text size="xs" ff="monospace">
                          {c.code}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {pages[i]?.isError ? <Text size="sm">{t('ui.common.error')}</Text> : <CampaignPageState page={page} />}
                      </Table.Td>
                      <Table.Td ff="monospace">{page ? page.publicPath : '—'}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
