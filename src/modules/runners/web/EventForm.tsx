import { NumberInput, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../../web/components/FormActions';
import { showApiError } from '../../../web/forms';
import { currentLanguage } from '../../../web/i18n';
import { numberOrUndefined } from '../../fundraising/web/fundraising.forms';
import { campaignName } from '../../fundraising/web/fundraising.labels';
import { campaignsQuery } from '../../fundraising/web/fundraising.queries';
import type { CharityEvent } from '../contract';
import { createEvent, eventsKey, updateEvent, type CreateEventBody } from './runners.queries';

interface Values {
  code: string;
  nameJa: string;
  nameEn: string;
  raceOn: string;
  minimumYen: number | string;
  applicationsOpenOn: string;
  applicationsCloseOn: string;
  places: number | string;
  campaignId: string | null;
  paymentUrl: string;
  bankDetailsJa: string;
  bankDetailsEn: string;
  introJa: string;
  introEn: string;
}

// Empty numbers and the empty campaign are left out, so the server names them as required.
const toInput = (v: Values) => ({
  code: v.code.trim(),
  nameJa: v.nameJa,
  nameEn: v.nameEn,
  raceOn: v.raceOn,
  minimumYen: numberOrUndefined(v.minimumYen),
  applicationsOpenOn: v.applicationsOpenOn,
  applicationsCloseOn: v.applicationsCloseOn,
  places: numberOrUndefined(v.places),
  campaignId: v.campaignId ?? undefined,
  paymentUrl: v.paymentUrl.trim() === '' ? null : v.paymentUrl.trim(),
  bankDetailsJa: v.bankDetailsJa,
  bankDetailsEn: v.bankDetailsEn,
  introJa: v.introJa,
  introEn: v.introEn,
}) as CreateEventBody;

const blank: Values = {
  code: '', nameJa: '', nameEn: '', raceOn: '', minimumYen: 100_000, applicationsOpenOn: '', applicationsCloseOn: '', places: '', campaignId: null,
  paymentUrl: '', bankDetailsJa: '', bankDetailsEn: '', introJa: '', introEn: '',
};

function valuesOf(e: CharityEvent): Values {
  return {
    code: e.code, nameJa: e.nameJa, nameEn: e.nameEn, raceOn: e.raceOn, minimumYen: e.minimumYen, applicationsOpenOn: e.applicationsOpenOn,
    applicationsCloseOn: e.applicationsCloseOn, places: e.places, campaignId: e.campaignId, paymentUrl: e.paymentUrl ?? '',
    bankDetailsJa: e.bankDetailsJa, bankDetailsEn: e.bankDetailsEn, introJa: e.introJa, introEn: e.introEn,
  };
}

/**
 * A charity event (code, names, race day, minimum per runner, application window, places, the
 * campaign its gifts count towards, how donors pay, the public introduction); or a change to one.
 * The server checks every field (the contract); its messages land under their fields.
 */
export function EventForm({ event, onSaved, onCancel }: { event?: CharityEvent; onSaved: (e: CharityEvent) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const client = useQueryClient();
  const campaigns = useQuery(campaignsQuery(false));
  const campaignOptions = (campaigns.data?.campaigns ?? []).map((c) => ({ value: c.id, label: `${campaignName(c, language)} (${c.code})` }));
  if (event && !campaignOptions.some((o) => o.value === event.campaignId)) {
    // An archived campaign is not in the current list: keep it choosable for the event that uses it.
    campaignOptions.push({ value: event.campaignId, label: language === 'ja' ? event.campaignNameJa : event.campaignNameEn || event.campaignNameJa });
  }
  const form = useForm<Values>({ mode: 'controlled', initialValues: event ? valuesOf(event) : blank });
  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const input = toInput(v);
      if (event) {
        const { code: _code, ...changes } = input;
        return updateEvent(event.id, { ...changes, version: event.version });
      }
      return createEvent(input);
    },
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: eventsKey });
      onSaved(saved);
    },
    onError: (error) => showApiError(error, t, form.setErrors),
  });
  const yenProps = { min: 1, allowDecimal: false, allowNegative: false, thousandSeparator: ',', prefix: '¥' } as const;
  return (
    <form noValidate onSubmit={form.onSubmit((v) => mutation.mutate(v))}>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t('ui.runners.eventForm.code')}
            description={t('ui.runners.eventForm.codeHint')}
            disabled={event !== undefined}
            autoComplete="off"
            {...form.getInputProps('code')}
          />
          <TextInput label={t('ui.runners.eventForm.nameJa')} lang="ja" {...form.getInputProps('nameJa')} />
          <TextInput label={t('ui.runners.eventForm.nameEn')} lang="en" {...form.getInputProps('nameEn')} />
          <TextInput type="date" label={t('ui.runners.eventForm.raceOn')} {...form.getInputProps('raceOn')} />
          <NumberInput label={t('ui.runners.eventForm.minimumYen')} description={t('ui.runners.eventForm.minimumHint')} {...yenProps} {...form.getInputProps('minimumYen')} />
          <NumberInput label={t('ui.runners.eventForm.places')} min={1} allowDecimal={false} allowNegative={false} {...form.getInputProps('places')} />
          <TextInput type="date" label={t('ui.runners.eventForm.applicationsOpenOn')} {...form.getInputProps('applicationsOpenOn')} />
          <TextInput type="date" label={t('ui.runners.eventForm.applicationsCloseOn')} {...form.getInputProps('applicationsCloseOn')} />
          <Select
            label={t('ui.runners.eventForm.campaign')}
            description={t('ui.runners.eventForm.campaignHint')}
            data={campaignOptions}
            searchable
            nothingFoundMessage={t('ui.runners.eventForm.noCampaign')}
            {...form.getInputProps('campaignId')}
          />
        </SimpleGrid>
        <TextInput
          type="url"
          label={t('ui.runners.eventForm.paymentUrl')}
          description={t('ui.runners.eventForm.paymentUrlHint')}
          autoComplete="off"
          {...form.getInputProps('paymentUrl')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Textarea label={t('ui.runners.eventForm.bankDetailsJa')} lang="ja" autosize minRows={2} {...form.getInputProps('bankDetailsJa')} />
          <Textarea label={t('ui.runners.eventForm.bankDetailsEn')} lang="en" autosize minRows={2} {...form.getInputProps('bankDetailsEn')} />
          <Textarea label={t('ui.runners.eventForm.introJa')} lang="ja" autosize minRows={3} {...form.getInputProps('introJa')} />
          <Textarea label={t('ui.runners.eventForm.introEn')} lang="en" autosize minRows={3} {...form.getInputProps('introEn')} />
        </SimpleGrid>
        <FormActions submitLabel={event ? t('ui.common.save') : t('ui.runners.eventForm.create')} loading={mutation.isPending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
