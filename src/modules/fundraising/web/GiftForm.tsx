import { Button, Checkbox, Fieldset, Group, NumberInput, Paper, Radio, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tokyoDate } from '../../../shared/time';
import { FormActions } from '../../../web/components/FormActions';
import { showApiError, zodValidate, type FormErrors } from '../../../web/forms';
import { CreateGiftInput, type Gift, type GiftMethod, type SupporterSummary } from '../contract';
import { numberOrUndefined } from './fundraising.forms';
import { softCreditLabel, type SoftCredit } from './fundraising.labels';
import { useCampaignOptions, useFundOptions, useMethodOptions } from './fundraising.options';
import { createGift, giftsKey, type CreateGiftBody } from './fundraising.queries';
import { SupporterLine, SupporterSearch } from './SupporterSearch';

export interface GiftFormValues {
  amountYen: number | string;
  receivedOn: string;
  method: GiftMethod;
  inKindDescription: string;
  valuationBasis: string;
  campaignId: string | null;
  fundId: string | null;
  isAnonymous: boolean;
  donorMessage: string;
  feeYen: number | string;
  status: 'received' | 'pledged';
  softCreditKind: SoftCredit | 'none';
  softCreditName: string;
  note: string;
}

const softCreditKinds: SoftCredit[] = ['in_honour', 'in_memory', 'runner', 'fundraiser', 'other'];

function toInput(v: GiftFormValues, supporterId: string | null): CreateGiftBody {
  const isInKind = v.method === 'in_kind';
  return {
    supporterId,
    amountYen: Number(v.amountYen),
    receivedOn: v.receivedOn,
    method: v.method,
    inKindDescription: isInKind ? v.inKindDescription.trim() : '',
    valuationBasis: isInKind ? v.valuationBasis.trim() : '',
    campaignId: v.campaignId,
    fundId: v.fundId,
    isAnonymous: v.isAnonymous,
    donorMessage: v.donorMessage.trim(),
    feeYen: numberOrUndefined(v.feeYen) ?? 0,
    status: v.status,
    note: v.note.trim(),
    softCredits: v.softCreditKind === 'none' ? [] : [{ kind: v.softCreditKind, supporterId: null, name: v.softCreditName.trim() }],
  };
}

/** What the contract checks: an empty amount is "required", not ¥0. */
const toChecked = (supporterId: string | null) => (v: GiftFormValues) => ({ ...toInput(v, supporterId), amountYen: numberOrUndefined(v.amountYen) });

/** The contract's `softCredits` (one row here) is the name field of this form. */
function renamed(errors: FormErrors): FormErrors {
  const { softCredits, ...rest } = errors;
  return softCredits ? { ...rest, softCreditName: softCredits } : rest;
}

interface Props {
  /** The donor, when known (from the supporter page). */
  supporter: SupporterSummary | null;
  onSaved: (gift: Gift) => void;
  cancelTo?: string;
}

/**
 * Record a gift or a pledge in integer yen: received on (never in the future), method (a gift in
 * kind with what it was and how it was valued), campaign, fund, fee, anonymity, the donor's
 * message and a soft credit (in honour or in memory of someone, or a runner).
 */
export function GiftForm({ supporter: given, onSaved, cancelTo }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const today = tokyoDate();
  const [supporter, setSupporter] = useState<SupporterSummary | null>(given);
  const [withoutSupporter, setWithoutSupporter] = useState(false);
  const [supporterError, setSupporterError] = useState<string | null>(null);
  const funds = useFundOptions();
  const campaigns = useCampaignOptions();
  const methods = useMethodOptions();

  const form = useForm<GiftFormValues>({
    mode: 'controlled',
    initialValues: {
      amountYen: '', receivedOn: today, method: 'bank_transfer', inKindDescription: '', valuationBasis: '', campaignId: null, fundId: null,
      isAnonymous: false, donorMessage: '', feeYen: '', status: 'received', softCreditKind: 'none', softCreditName: '', note: '',
    },
    validate: (v) => {
      const errors = renamed(zodValidate(CreateGiftInput, toChecked(supporter?.id ?? null), t)(v));
      if (!errors.receivedOn && v.receivedOn > today) errors.receivedOn = t('validation.date_in_future');
      const amount = numberOrUndefined(v.amountYen);
      const fee = numberOrUndefined(v.feeYen) ?? 0;
      if (!errors.feeYen && amount !== undefined && fee > amount) errors.feeYen = t('validation.fee_above_amount');
      if (v.method === 'in_kind' && v.inKindDescription.trim() === '') errors.inKindDescription ??= t('validation.required');
      if (v.softCreditKind !== 'none' && v.softCreditName.trim() === '') errors.softCreditName ??= t('validation.soft_credit_needs_name');
      return errors;
    },
  });
  const values = form.getValues();

  const mutation = useMutation({
    mutationFn: (v: GiftFormValues) => createGift(toInput(v, supporter?.id ?? null)),
    onSuccess: (gift) => {
      void client.invalidateQueries({ queryKey: giftsKey });
      onSaved(gift);
    },
    onError: (error) => showApiError(error, t, (errors) => form.setErrors(renamed(errors))),
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => {
        if (!supporter && !withoutSupporter) {
          setSupporterError(t('ui.fundraising.giftForm.chooseSupporter'));
          return;
        }
        mutation.mutate(v);
      })}
    >
      <Stack>
        <Fieldset legend={t('fields.fundraising.supporterId')}>
          {supporter ? (
            <Stack gap="xs">
              <Paper withBorder p="sm">
                <SupporterLine supporter={supporter} />
              </Paper>
              {!given && (
                <Group>
                  <Button variant="default" size="xs" onClick={() => setSupporter(null)}>
                    {t('ui.fundraising.giftForm.otherSupporter')}
                  </Button>
                </Group>
              )}
            </Stack>
          ) : (
            <Stack gap="xs">
              {!withoutSupporter && (
                <SupporterSearch
                  label={t('ui.fundraising.giftForm.findSupporter')}
                  onSelect={(s) => {
                    setSupporter(s);
                    setSupporterError(null);
                  }}
                />
              )}
              <Checkbox
                label={t('ui.fundraising.giftForm.withoutSupporter')}
                checked={withoutSupporter}
                onChange={(event) => {
                  setWithoutSupporter(event.currentTarget.checked);
                  setSupporterError(null);
                }}
                error={supporterError}
              />
            </Stack>
          )}
        </Fieldset>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput
            label={t('fields.fundraising.amountYen')}
            min={1}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=","
            prefix="¥"
            inputMode="numeric"
            {...form.getInputProps('amountYen')}
          />
          <TextInput type="date" label={t('fields.fundraising.receivedOn')} max={today} {...form.getInputProps('receivedOn')} />
          <Select label={t('fields.fundraising.method')} data={methods} allowDeselect={false} {...form.getInputProps('method')} />
        </SimpleGrid>
        {values.method === 'in_kind' && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('fields.fundraising.inKindDescription')} description={t('ui.fundraising.giftForm.inKindHint')} {...form.getInputProps('inKindDescription')} />
            <TextInput label={t('ui.fundraising.giftForm.valuationBasis')} description={t('ui.fundraising.giftForm.valuationHint')} {...form.getInputProps('valuationBasis')} />
          </SimpleGrid>
        )}
        <Radio.Group label={t('ui.fundraising.giftForm.status')} {...form.getInputProps('status')}>
          <Group mt={6}>
            <Radio value="received" label={t('ui.fundraising.giftStatus.received')} />
            <Radio value="pledged" label={t('ui.fundraising.giftStatus.pledged')} />
          </Group>
        </Radio.Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('fields.fundraising.campaignId')}
            data={campaigns}
            clearable
            searchable
            placeholder={t('ui.fundraising.giftForm.noCampaign')}
            nothingFoundMessage={t('ui.fundraising.search.noResults')}
            {...form.getInputProps('campaignId')}
          />
          <Select label={t('fields.fundraising.fundId')} data={funds} clearable placeholder={t('ui.fundraising.gifts.defaultFund')} {...form.getInputProps('fundId')} />
          <NumberInput
            label={t('fields.fundraising.feeYen')}
            description={t('ui.fundraising.giftForm.feeHint')}
            min={0}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=","
            prefix="¥"
            {...form.getInputProps('feeYen')}
          />
        </SimpleGrid>
        <Checkbox label={t('ui.fundraising.giftForm.anonymous')} description={t('ui.fundraising.giftForm.anonymousHint')} {...form.getInputProps('isAnonymous', { type: 'checkbox' })} />
        <Textarea label={t('ui.fundraising.giftForm.donorMessage')} autosize minRows={2} {...form.getInputProps('donorMessage')} />
        <Fieldset legend={t('fields.fundraising.softCredits')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('ui.fundraising.giftForm.softCreditKind')}
              allowDeselect={false}
              data={[{ value: 'none', label: t('ui.fundraising.giftForm.noSoftCredit') }, ...softCreditKinds.map((k) => ({ value: k, label: softCreditLabel(t, k) }))]}
              {...form.getInputProps('softCreditKind')}
            />
            {values.softCreditKind !== 'none' && (
              <TextInput label={t('ui.fundraising.giftForm.softCreditName')} {...form.getInputProps('softCreditName')} />
            )}
          </SimpleGrid>
        </Fieldset>
        <Textarea label={t('ui.fundraising.giftForm.note')} autosize minRows={2} {...form.getInputProps('note')} />
        <FormActions submitLabel={t('ui.fundraising.giftForm.submit')} loading={mutation.isPending} cancelTo={cancelTo} />
      </Stack>
    </form>
  );
}
