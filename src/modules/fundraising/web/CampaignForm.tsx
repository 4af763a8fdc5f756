import { NumberInput, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { tokyoDate } from '../../../shared/time';
import { FormActions } from '../../../web/components/FormActions';
import { showApiError, zodValidate } from '../../../web/forms';
import { CampaignChannel, CreateCampaignInput, UpdateCampaignInput, type Campaign } from '../contract';
import { numberOrUndefined } from './fundraising.forms';
import { channelLabel, type Channel } from './fundraising.labels';
import { useFundOptions } from './fundraising.options';
import { campaignsKey, createCampaign, giftsKey, updateCampaign } from './fundraising.queries';

interface Values {
  code: string;
  nameJa: string;
  nameEn: string;
  channel: Channel;
  goalYen: number | string;
  startsOn: string;
  endsOn: string;
  fundId: string | null;
  description: string;
}

const toInput = (v: Values) => ({
  code: v.code.trim(),
  nameJa: v.nameJa.trim(),
  nameEn: v.nameEn.trim(),
  channel: v.channel,
  goalYen: numberOrUndefined(v.goalYen) ?? null,
  startsOn: v.startsOn,
  endsOn: v.endsOn === '' ? null : v.endsOn,
  fundId: v.fundId,
  description: v.description.trim(),
});

/** Start a campaign (code, names in both languages, channel, goal, dates, fund), or change one. */
export function CampaignForm({ campaign, onSaved, onCancel }: { campaign?: Campaign; onSaved: (c: Campaign) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const funds = useFundOptions();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: campaign
      ? {
        code: campaign.code, nameJa: campaign.nameJa, nameEn: campaign.nameEn, channel: campaign.channel, goalYen: campaign.goalYen ?? '',
        startsOn: campaign.startsOn, endsOn: campaign.endsOn ?? '', fundId: campaign.fundId, description: campaign.description,
      }
      : { code: '', nameJa: '', nameEn: '', channel: 'online', goalYen: '', startsOn: tokyoDate(), endsOn: '', fundId: null, description: '' },
    validate: (v) => {
      const errors = zodValidate(CreateCampaignInput, toInput, t)(v);
      if (!errors.endsOn && v.endsOn !== '' && v.startsOn !== '' && v.endsOn < v.startsOn) errors.endsOn = t('validation.ends_before_start');
      return errors;
    },
  });
  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const input = toInput(v);
      if (campaign) {
        const { code: _code, ...changes } = input;
        return updateCampaign(campaign.id, UpdateCampaignInput.parse({ ...changes, version: campaign.version }));
      }
      return createCampaign(input);
    },
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: campaignsKey });
      void client.invalidateQueries({ queryKey: giftsKey });
      onSaved(saved);
    },
    onError: (error) => showApiError(error, t, form.setErrors),
  });
  return (
    <form noValidate onSubmit={form.onSubmit((v) => mutation.mutate(v))}>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t('fields.fundraising.code')}
            description={t('ui.fundraising.campaignForm.codeHint')}
            disabled={campaign !== undefined}
            autoComplete="off"
            {...form.getInputProps('code')}
          />
          <TextInput label={t('fields.fundraising.nameJa')} lang="ja" {...form.getInputProps('nameJa')} />
          <TextInput label={t('fields.fundraising.nameEn')} lang="en" {...form.getInputProps('nameEn')} />
          <Select
            label={t('ui.fundraising.campaignForm.channel')}
            allowDeselect={false}
            data={CampaignChannel.options.map((c) => ({ value: c, label: channelLabel(t, c) }))}
            {...form.getInputProps('channel')}
          />
          <NumberInput label={t('fields.fundraising.goalYen')} min={1} allowDecimal={false} allowNegative={false} thousandSeparator="," prefix="¥" {...form.getInputProps('goalYen')} />
          <Select label={t('fields.fundraising.fundId')} data={funds} clearable placeholder={t('ui.fundraising.campaignForm.noFund')} {...form.getInputProps('fundId')} />
          <TextInput type="date" label={t('fields.fundraising.startsOn')} {...form.getInputProps('startsOn')} />
          <TextInput type="date" label={t('fields.fundraising.endsOn')} description={t('ui.fundraising.campaignForm.endsHint')} {...form.getInputProps('endsOn')} />
        </SimpleGrid>
        <Textarea label={t('ui.fundraising.campaignForm.description')} autosize minRows={2} {...form.getInputProps('description')} />
        <FormActions submitLabel={campaign ? t('ui.common.save') : t('ui.fundraising.campaignForm.create')} loading={mutation.isPending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
