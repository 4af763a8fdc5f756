import { Anchor, Checkbox, Code, Paper, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCan } from '../../../web/auth';
import { FormActions } from '../../../web/components/FormActions';
import { PageTitle } from '../../../web/components/PageTitle';
import { QueryStatus } from '../../../web/components/QueryStatus';
import { showApiError, showSaved } from '../../../web/forms';
import { currentLanguage } from '../../../web/i18n';
import { campaignName } from '../../fundraising/web/fundraising.labels';
import { campaignsQuery } from '../../fundraising/web/fundraising.queries';
import type { CampaignPageSettings } from '../contract';
import { CampaignPageState } from './CampaignPagesPage';
import { publicUrl } from './runners.labels';
import { campaignPageQuery, campaignPagesKey, saveCampaignPage } from './runners.queries';

interface Values {
  slug: string;
  titleJa: string;
  titleEn: string;
  storyJa: string;
  storyEn: string;
  paymentUrl: string;
  bankDetailsJa: string;
  bankDetailsEn: string;
  showFigures: boolean;
  isPublished: boolean;
}

function valuesOf(page: CampaignPageSettings | null): Values {
  if (!page) {
    return { slug: '', titleJa: '', titleEn: '', storyJa: '', storyEn: '', paymentUrl: '', bankDetailsJa: '', bankDetailsEn: '', showFigures: true, isPublished: false };
  }
  return {
    slug: page.slug, titleJa: page.titleJa, titleEn: page.titleEn, storyJa: page.storyJa, storyEn: page.storyEn, paymentUrl: page.paymentUrl ?? '',
    bankDetailsJa: page.bankDetailsJa, bankDetailsEn: page.bankDetailsEn, showFigures: page.showFigures, isPublished: page.isPublished,
  };
}

function PageForm({ campaignId, page, canManage }: { campaignId: string; page: CampaignPageSettings | null; canManage: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useForm<Values>({ mode: 'controlled', initialValues: valuesOf(page) });
  const save = useMutation({
    mutationFn: (v: Values) =>
      saveCampaignPage(campaignId, {
        ...v,
        slug: v.slug.trim(),
        paymentUrl: v.paymentUrl.trim() === '' ? null : v.paymentUrl.trim(),
        version: page?.version ?? 0,
      }),
    onSuccess: (saved) => {
      client.setQueryData(campaignPageQuery(campaignId).queryKey, saved);
      void client.invalidateQueries({ queryKey: campaignPagesKey });
      showSaved(t);
    },
    onError: (error) => showApiError(error, t, form.setErrors),
  });
  const slug = form.getValues().slug.trim();
  const path = page && page.slug === slug ? page.publicPath : `/appeal/${slug}`;
  return (
    <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v))}>
      <fieldset disabled={!canManage} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack>
          <TextInput
            label={t('ui.runners.campaignPageForm.slug')}
            description={t('ui.runners.campaignPageForm.slugHint')}
            autoComplete="off"
            {...form.getInputProps('slug')}
          />
          <Text size="sm">
            {t('ui.runners.campaignPageForm.address')}{' '}
            {slug === '' ? (
              '—'
            ) : page?.isPublished && page.slug === slug ? (
              <Anchor href={path} target="_blank" rel="noopener">
                <Code>{publicUrl(path)}</Code>
              </Anchor>
            ) : (
              <Code>{publicUrl(path)}</Code>
            )}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('ui.runners.campaignPageForm.titleJa')} lang="ja" {...form.getInputProps('titleJa')} />
            <TextInput label={t('ui.runners.campaignPageForm.titleEn')} lang="en" {...form.getInputProps('titleEn')} />
            <Textarea label={t('ui.runners.campaignPageForm.storyJa')} lang="ja" autosize minRows={4} {...form.getInputProps('storyJa')} />
            <Textarea label={t('ui.runners.campaignPageForm.storyEn')} lang="en" autosize minRows={4} {...form.getInputProps('storyEn')} />
          </SimpleGrid>
          <TextInput
            type="url"
            label={t('ui.runners.campaignPageForm.paymentUrl')}
            description={t('ui.runners.campaignPageForm.paymentUrlHint')}
            autoComplete="off"
            {...form.getInputProps('paymentUrl')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Textarea label={t('ui.runners.campaignPageForm.bankDetailsJa')} lang="ja" autosize minRows={2} {...form.getInputProps('bankDetailsJa')} />
            <Textarea label={t('ui.runners.campaignPageForm.bankDetailsEn')} lang="en" autosize minRows={2} {...form.getInputProps('bankDetailsEn')} />
          </SimpleGrid>
          <Checkbox
            label={t('ui.runners.campaignPageForm.showFigures')}
            description={t('ui.runners.campaignPageForm.showFiguresHint')}
            {...form.getInputProps('showFigures', { type: 'checkbox' })}
          />
          <Checkbox
            label={t('ui.runners.campaignPageForm.isPublished')}
            description={t('ui.runners.campaignPageForm.isPublishedHint')}
            {...form.getInputProps('isPublished', { type: 'checkbox' })}
          />
          {canManage && <FormActions submitLabel={page ? t('ui.common.save') : t('ui.runners.campaignPageForm.create')} loading={save.isPending} />}
        </Stack>
      </fieldset>
    </form>
  );
}

/** /runners/campaign-pages/:campaignId: the campaign's public appeal page (address, titles, stories, how to pay, figures, published). */
export function CampaignPageEditor() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { campaignId = '' } = useParams();
  const canManage = useCan('fundraising.manage');
  const campaigns = useQuery(campaignsQuery(true));
  const page = useQuery(campaignPageQuery(campaignId));
  const campaign = campaigns.data?.campaigns.find((c) => c.id === campaignId);
  const title = campaign ? t('ui.runners.campaignPageForm.titleOf', { campaign: campaignName(campaign, language) }) : t('ui.runners.campaignPageForm.title');
  return (
    <Stack maw={1000}>
      <PageTitle text={title} />
      <Anchor component={Link} to="/runners/campaign-pages">
        {t('ui.runners.campaignPageForm.back')}
      </Anchor>
      <QueryStatus query={page} />
      {page.isSuccess && (
        <Paper withBorder p="md">
          <Stack>
            <Title order={2} size="h3">
              {t('ui.runners.campaignPageForm.settings')}
            </Title>
            <div>
              <CampaignPageState page={page.data} />
            </div>
            {page.data === null && <Text size="sm">{t('ui.runners.campaignPageForm.newIntro')}</Text>}
            <PageForm key={page.data?.version ?? 0} campaignId={campaignId} page={page.data} canManage={canManage} />
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
